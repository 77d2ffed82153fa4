/**
 * Matching a request path against the swagger's path templates (`/rest/api/3/issue/{issueIdOrKey}`).
 * When several templates match, the one with the fewest parameters wins, so `/issue/bulk` is
 * never taken for an issue key.
 */
import { createTemplateRouter, type TemplateRouteMatch, type TemplateRouter } from "../kit/index.js";
import type { RouteHandler } from "./request.js";

export interface Route {
  method: "GET" | "POST" | "PUT" | "DELETE";
  template: string;
  handler: RouteHandler;
  /** Classic OAuth 2.0 scopes the swagger lists for the operation (checked for scoped bearer tokens). */
  scopes: string[];
  /** The operation can be called without credentials. */
  anonymous?: boolean;
}

export type RouteMatch = TemplateRouteMatch<Route>;

export function createRouter(routes: Route[]): TemplateRouter<Route> {
  return createTemplateRouter(routes);
}
