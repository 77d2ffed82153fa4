/**
 * Matching a request path against the swagger's path templates (`/rest/api/3/issue/{issueIdOrKey}`).
 * When several templates match, the one with the fewest parameters wins, so `/issue/bulk` is
 * never taken for an issue key.
 */
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

interface CompiledRoute extends Route {
  pattern: RegExp;
  names: string[];
}

export interface RouteMatch {
  route?: CompiledRoute;
  params: Record<string, string>;
  /** Templates that match the path with another method (for 405). */
  otherMethods: string[];
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.template
    .split("/")
    .map((segment) => {
      const parameter = /^\{(\w+)\}$/.exec(segment);
      if (!parameter) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      names.push(parameter[1]!);
      return "([^/]+)";
    })
    .join("/");
  return { ...route, pattern: new RegExp(`^${source}/?$`), names };
}

export function createRouter(routes: Route[]): { match(method: string, path: string): RouteMatch; routes: Route[] } {
  const compiled = routes.map(compile).sort((a, b) => a.names.length - b.names.length);
  return {
    routes,
    match(method: string, path: string): RouteMatch {
      const otherMethods: string[] = [];
      for (const route of compiled) {
        const found = route.pattern.exec(path);
        if (!found) continue;
        if (route.method !== method) {
          otherMethods.push(route.method);
          continue;
        }
        const params: Record<string, string> = {};
        route.names.forEach((name, index) => {
          const raw = found[index + 1]!;
          try {
            params[name] = decodeURIComponent(raw);
          } catch {
            params[name] = raw;
          }
        });
        return { route, params, otherMethods };
      }
      return { params: {}, otherMethods };
    },
  };
}
