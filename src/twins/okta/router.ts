/**
 * Matching a path against the descriptions' templates (`/api/v1/users/{id}`). When several
 * templates match, the one with the fewest parameters wins, so `/api/v1/users/me` style literals
 * and `/oauth2/v1/keys` are never taken for a parameter.
 */
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

interface CompiledRoute extends Route {
  pattern: RegExp;
  names: string[];
}

export interface RouteMatch {
  route?: Route;
  params: Record<string, string>;
  /** Methods that would match this path (for 405). */
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

export function createRouter(routes: Route[]): { match(method: string, path: string): RouteMatch } {
  const compiled = routes.map(compile).sort((a, b) => a.names.length - b.names.length);
  return {
    match(method, path) {
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
