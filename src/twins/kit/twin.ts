/**
 * A twin: a web-standard `fetch(Request) -> Response` handler over many tenants, with an admin
 * plane under `/_twin/`. A service (Slack, Jira, ...) supplies a `TwinDefinition`; the kit does
 * tenant routing, the virtual clock, faults, the request log, and turns any exception into the
 * vendor's own error shape, so no request ever gets a stack trace or a generic 500.
 *
 * Paths: `/t/{tenant}/...` addresses a tenant; any other path goes to the tenant `default`.
 */
import { handleAdmin } from "./admin.js";
import { DEFAULT_TENANT, type Twin, type TwinContext, type TwinDefinition, type TwinOptions } from "./contract.js";
import { DroppedConnectionError } from "./errors.js";
import { type FaultRule, matchingRule } from "./faults.js";
import { jsonResponse, peekJson, readBody } from "./request-body.js";
import { type RequestLogEntry, Tenant } from "./tenant.js";

export { DEFAULT_TENANT, type FaultInfo, type Twin, type TwinContext, type TwinDefinition, type TwinDescription, type TwinOptions } from "./contract.js";
export { DroppedConnectionError, TwinFixtureError } from "./errors.js";

export const ADMIN_PREFIX = "/_twin";
/** 2026-01-01T00:00:00Z: where every tenant's virtual clock starts unless told otherwise. */
export const DEFAULT_START_TIME = Date.UTC(2026, 0, 1);
/** Each entry holds the parsed answer: 10,000 of them bound a busy tenant to tens of MB. */
export const DEFAULT_LOG_LIMIT = 10_000;

const TENANT_PATH = /^\/t\/([A-Za-z0-9_.-]{1,64})(\/.*)?$/;

function windowKey(method: string, rule: FaultRule): string {
  return `${rule.methods?.join(",") ?? "*"}|${method}`;
}

/**
 * The answer when the definition's own error hooks throw: the one place a generic error shape
 * is allowed, because the twin has nothing better left to say.
 */
function lastResortResponse(): Response {
  return jsonResponse({ error: "twin_failure", message: "the twin failed to produce an answer" }, 500);
}

export function createTwin(definition: TwinDefinition, options: TwinOptions = {}): Twin {
  const seed = options.seed ?? 0;
  const startTime = options.startTime ?? DEFAULT_START_TIME;
  const tickMs = options.tickMs ?? 1000;
  const logLimit = Math.max(1, options.logLimit ?? DEFAULT_LOG_LIMIT);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const registry = new Map<string, Tenant>();

  const createTenant = (id: string, tenantOptions: { seed?: number } = {}): Tenant => {
    const tenant = new Tenant({ id, seed: tenantOptions.seed ?? seed, startTime, tickMs });
    definition.initialize?.(tenant);
    tenant.markInitial();
    registry.set(id, tenant);
    return tenant;
  };
  createTenant(DEFAULT_TENANT);

  const twin: Twin = {
    name: definition.name,
    definition,
    outboundFetch: options.fetch ?? fetch,
    tenant: (id = DEFAULT_TENANT) => registry.get(id) ?? createTenant(id),
    createTenant,
    deleteTenant: (id) => id !== DEFAULT_TENANT && registry.delete(id),
    tenants: () => [...registry.values()],
    async fetch(request: Request): Promise<Response> {
      const url = new URL(request.url);
      if (url.pathname === ADMIN_PREFIX || url.pathname.startsWith(`${ADMIN_PREFIX}/`)) {
        try {
          return await handleAdmin(twin, request, url);
        } catch (error) {
          return jsonResponse({ error: "internal_error", message: error instanceof Error ? error.message : String(error) }, 500);
        }
      }
      const match = TENANT_PATH.exec(url.pathname);
      const tenantId = match ? match[1]! : DEFAULT_TENANT;
      const path = match ? (match[2] ?? "/") : url.pathname;
      const tenant = twin.tenant(tenantId);
      const baseUrl = `${url.origin}${match ? `/t/${tenantId}` : ""}`;
      return serve(tenant, request, url, path, baseUrl);
    },
  };

  /** Calls a definition hook; an exception becomes the vendor's internal error, never a crash. */
  function guarded(context: TwinContext, answer: () => Response): Response {
    try {
      return answer();
    } catch (error) {
      try {
        return definition.internalError(context, error);
      } catch {
        return lastResortResponse();
      }
    }
  }

  function appendLog(tenant: Tenant, entry: RequestLogEntry): void {
    tenant.log.push(entry);
    // Trimmed in batches of a tenth, so a full log costs one splice per many requests, not each.
    if (tenant.log.length > logLimit + Math.ceil(logLimit / 10)) tenant.log.splice(0, tenant.log.length - logLimit);
  }

  async function serve(tenant: Tenant, request: Request, url: URL, path: string, baseUrl: string): Promise<Response> {
    const { parsed, raw } = await readBody(request);
    let method: string;
    try {
      method = definition.methodOf(request, path);
    } catch {
      method = `${request.method} ${path}`;
    }
    const context: TwinContext = { tenant, request, url, path, baseUrl, method, body: parsed, rawBody: raw };
    tenant.advance(tenant.tickMs);
    const entry: RequestLogEntry = {
      // From the last entry rather than the length: the log may have been trimmed.
      seq: (tenant.log.at(-1)?.seq ?? 0) + 1,
      time: tenant.now(),
      method,
      httpMethod: request.method,
      path,
      query: redactFields(Object.fromEntries(url.searchParams)),
      body: redactBody(parsed),
      status: 0,
      response: undefined,
    };
    appendLog(tenant, entry);

    const rule = matchingRule(tenant.faults, method);
    let response: Response | undefined;
    if (rule) {
      if (rule.latencyMs && rule.latencyMs > 0) {
        entry.fault = "latency";
        tenant.advance(rule.latencyMs);
        await sleep(rule.latencyMs);
      }
      if (rule.dropRate && tenant.random() < rule.dropRate) {
        entry.fault = "dropped";
        entry.status = 0;
        throw new DroppedConnectionError();
      }
      const limit = rule.rateLimit === true ? definition.vendorRateLimit?.(method) : rule.rateLimit;
      if (limit) {
        const key = windowKey(method, rule);
        const now = tenant.now();
        let window = tenant.rateWindows.get(key);
        if (!window || now - window.windowStart >= limit.windowMs) {
          window = { windowStart: now, count: 0 };
          tenant.rateWindows.set(key, window);
        }
        window.count += 1;
        if (window.count > limit.limit) {
          const resetMs = window.windowStart + limit.windowMs;
          entry.fault = "rate_limited";
          const info = {
            method,
            retryAfterSeconds: Math.max(1, Math.ceil((resetMs - now) / 1000)),
            limit: limit.limit,
            remaining: 0,
            resetAt: Math.ceil(resetMs / 1000),
          };
          response = guarded(context, () => definition.rateLimited(context, info));
        }
      }
      if (!response && rule.errorRate && tenant.random() < rule.errorRate) {
        entry.fault = "server_error";
        response = guarded(context, () => definition.serverError(context));
      }
    }
    if (!response) {
      try {
        const answer: unknown = await definition.handle(context);
        if (!(answer instanceof Response)) throw new TypeError(`${definition.name} handled ${method} without returning a Response`);
        response = answer;
      } catch (error) {
        response = guarded(context, () => definition.internalError(context, error));
      }
    }
    entry.status = response.status;
    entry.response = redactBody(await peekJson(response));
    return response;
  }

  return twin;
}

const SECRET_FIELDS = new Set([
  "token",
  "key",
  "secret",
  "client_secret",
  "client_assertion",
  "assertion",
  "code_verifier",
  "password",
  "api_token",
  "access_token",
  "refresh_token",
  "id_token",
  "private_key",
  "signing_secret",
]);
const REDACTED = "[redacted]";
/** Deeper than any vendor body nests credentials; beyond it values are logged as they are. */
const MAX_REDACTION_DEPTH = 32;

function redactFields<T>(fields: Record<string, T>): Record<string, T | string> {
  const copy: Record<string, T | string> = {};
  for (const [key, value] of Object.entries(fields)) copy[key] = SECRET_FIELDS.has(key.toLowerCase()) ? REDACTED : value;
  return copy;
}

/**
 * A body or response as logged: credentials a client may send in a body (Slack's `token` form
 * field, Okta's `credentials.password.value`, OAuth's `client_secret` and `code_verifier`) or a
 * twin may answer with (`access_token`, `refresh_token`, `id_token`) are masked at any depth,
 * because logs are shown to judges and written to run stores. Objects without a secret are
 * returned as they are (no copy), so the common case costs one walk.
 */
/**
 * A secret-named value with every non-empty string in it masked and its shape kept (Okta answers
 * `credentials.password: {}`; a schema check of a logged response must still pass).
 */
function maskStrings(value: unknown, depth: number): unknown {
  if (typeof value === "string") return value === "" ? value : REDACTED;
  if (typeof value !== "object" || value === null || depth > MAX_REDACTION_DEPTH) return value;
  if (Array.isArray(value)) return value.map((item) => maskStrings(item, depth + 1));
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, maskStrings(item, depth + 1)]));
}

function redactBody(body: unknown, depth = 0): unknown {
  if (typeof body !== "object" || body === null || depth > MAX_REDACTION_DEPTH) return body;
  if (Array.isArray(body)) {
    let copy: unknown[] | undefined;
    body.forEach((item, index) => {
      const redacted = redactBody(item, depth + 1);
      if (redacted !== item) (copy ??= [...body])[index] = redacted;
    });
    return copy ?? body;
  }
  let copy: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    const redacted = SECRET_FIELDS.has(key.toLowerCase()) ? maskStrings(value, depth + 1) : redactBody(value, depth + 1);
    if (redacted !== value) (copy ??= { ...(body as Record<string, unknown>) })[key] = redacted;
  }
  return copy ?? body;
}
