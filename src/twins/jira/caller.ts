/**
 * An in-process caller for a Jira twin tenant, for tests and scenario setup: `call(method, path,
 * body?)` sends a JSON request with the admin's API token (or other credentials) and returns the
 * status, headers and parsed body. No sockets; the twin's `fetch` answers directly.
 */
import type { Twin } from "../kit/index.js";

export interface JiraCallResult {
  status: number;
  headers: Headers;
  /** The parsed JSON body, the text for other bodies, or undefined when empty. */
  body: unknown;
}

export interface JiraCaller {
  base: string;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<JiraCallResult>;
  /** The same caller with other credentials (an Authorization header value, or null for none). */
  withAuthorization(authorization: string | null): JiraCaller;
}

export function basicAuthorization(email: string, token: string): string {
  return `Basic ${Buffer.from(`${email}:${token}`).toString("base64")}`;
}

export function jiraCaller(twin: Twin, tenantId = "default", origin = "http://jira.twin"): JiraCaller {
  const base = tenantId === "default" ? origin : `${origin}/t/${tenantId}`;
  const { credentials } = twin.definition.describe!(twin.tenant(tenantId), base);
  const make = (authorization: string | null): JiraCaller => ({
    base,
    async call(method, path, body, headers = {}) {
      const init: RequestInit = { method, headers: { ...(authorization ? { authorization } : {}), ...(body !== undefined ? { "content-type": "application/json" } : {}), ...headers } };
      if (body !== undefined) init.body = typeof body === "string" ? body : JSON.stringify(body);
      const response = await twin.fetch(new Request(`${base}${path}`, init));
      const text = await response.text();
      let parsed: unknown = text === "" ? undefined : text;
      if ((response.headers.get("content-type") ?? "").includes("json") && text !== "") parsed = JSON.parse(text) as unknown;
      return { status: response.status, headers: response.headers, body: parsed };
    },
    withAuthorization: (next) => make(next),
  });
  return make(basicAuthorization(credentials["email"] ?? "", credentials["apiToken"] ?? ""));
}
