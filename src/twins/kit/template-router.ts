/**
 * Matching a request path against a vendor description's path templates
 * (`/rest/api/3/issue/{issueIdOrKey}`, `/api/v1/users/{id}`), for twins whose vendor describes
 * its API as paths (Jira, Okta). When several templates match, the one with the fewest
 * parameters wins, so a literal such as `/issue/bulk` or `/users/me` is never taken for a
 * parameter. A path that matches only with other methods reports them, for 405 answers.
 */

export interface TemplateRoute {
  method: string;
  template: string;
}

export interface TemplateRouteMatch<R extends TemplateRoute> {
  route?: R;
  /** Path parameters by name, percent-decoded (kept raw when the escape is malformed). */
  params: Record<string, string>;
  /** Methods of templates that match the path with another method (for 405). */
  otherMethods: string[];
}

export interface TemplateRouter<R extends TemplateRoute> {
  readonly routes: readonly R[];
  match(method: string, path: string): TemplateRouteMatch<R>;
}

interface CompiledRoute<R> {
  route: R;
  method: string;
  pattern: RegExp;
  names: string[];
}

function compile<R extends TemplateRoute>(route: R): CompiledRoute<R> {
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
  return { route, method: route.method, pattern: new RegExp(`^${source}/?$`), names };
}

export function createTemplateRouter<R extends TemplateRoute>(routes: readonly R[]): TemplateRouter<R> {
  const compiled = routes.map(compile).sort((a, b) => a.names.length - b.names.length);
  return {
    routes,
    match(method: string, path: string): TemplateRouteMatch<R> {
      const otherMethods: string[] = [];
      for (const candidate of compiled) {
        const found = candidate.pattern.exec(path);
        if (!found) continue;
        if (candidate.method !== method) {
          otherMethods.push(candidate.method);
          continue;
        }
        const params: Record<string, string> = {};
        candidate.names.forEach((name, index) => {
          const raw = found[index + 1]!;
          try {
            params[name] = decodeURIComponent(raw);
          } catch {
            params[name] = raw;
          }
        });
        return { route: candidate.route, params, otherMethods };
      }
      return { params: {}, otherMethods };
    },
  };
}
