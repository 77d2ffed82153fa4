/**
 * Matching a path against the descriptions' templates (`/api/v1/users/{id}`). When several
 * templates match, the one with the fewest parameters wins, so `/api/v1/users/me` style literals
 * and `/oauth2/v1/keys` are never taken for a parameter.
 */
import { createTemplateRouter, type TemplateRouteMatch, type TemplateRouter } from "../kit/index.js";
import type { OktaRequest } from "./request.js";

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

export interface Route {
  method: HttpMethod;
  template: string;
  handler: (request: OktaRequest) => Response;
  /**
   * OAuth scopes an access token needs for the operation (any of them), as the description's
   * `security` lists them; undefined for `/oauth2` and discovery routes, which authenticate
   * their own way.
   */
  scopes?: string[];
}

export type RouteMatch = TemplateRouteMatch<Route>;

export function createRouter(routes: Route[]): TemplateRouter<Route> {
  return createTemplateRouter(routes);
}
