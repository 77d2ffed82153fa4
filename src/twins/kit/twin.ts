/**
 * A twin: a web-standard `fetch(Request) -> Response` handler over many tenants, with an admin
 * plane under `/_twin/`. A service (Slack, Jira, ...) supplies a `TwinDefinition`; the kit does
 * tenant routing, the virtual clock, faults, the request log, and turns any exception into the
 * vendor's own error shape, so no request ever gets a stack trace or a generic 500.
 *
 * Paths: `/t/{tenant}/...` addresses a tenant; any other path goes to the tenant `default`.
 */
import { type FaultRule, type RateLimit, matchingRule } from "./faults.js";
import { handleAdmin } from "./admin.js";
import { readBody } from "./request-body.js";
import { Tenant, type RequestLogEntry } from "./tenant.js";

export const ADMIN_PREFIX = "/_twin";
export const DEFAULT_TENANT = "default";
/** 2026-01-01T00:00:00Z: where every tenant's virtual clock starts unless told otherwise. */
export const DEFAULT_START_TIME = Date.UTC(2026, 0, 1);

export interface TwinContext {
  tenant: Tenant;
  request: Request;
  url: URL;
  /** The path below the tenant prefix, e.g. `/api/chat.postMessage`. */
  path: string;
  /** Scheme, host and tenant prefix: what a client's base URL must be. */
  baseUrl: string;
  /** The vendor method this request calls. */
  method: string;
  /** The parsed body (JSON object, form fields, or undefined), read once by the kit. */
  body: unknown;
  /** The raw body text. */
  rawBody: string;
}

export interface FaultInfo {
  method: string;
  retryAfterSeconds: number;
  limit: number;
  remaining: number;
  /** Epoch seconds (virtual) when the window resets. */
  resetAt: number;
}

export interface TwinDefinition {
  name: string;
  /** The vendor method a request calls, for faults, rate limits and the log. */
  methodOf(request: Request, path: string): string;
  handle(context: TwinContext): Promise<Response> | Response;
  /** Vendor-shaped responses for injected faults and for unexpected exceptions. */
  rateLimited(context: TwinContext, info: FaultInfo): Response;
  serverError(context: TwinContext): Response;
  internalError(context: TwinContext, error: unknown): Response;
  /** The vendor's own rate limit for a method, used by `rateLimit: true` fault rules. */
  vendorRateLimit?(method: string): RateLimit | undefined;
  /** Creates the state every new tenant starts with (workspace, bot user, tokens...). */
  initialize?(tenant: Tenant): void;
  /** Applies a fixture; throws a TwinFixtureError with the path of the first bad field. */
  seed?(tenant: Tenant, fixture: unknown): void;
  /** Credentials and client settings for `twins up`. */
  describe?(tenant: Tenant, baseUrl: string): { credentials: Record<string, string>; sdkOption: string };
}

export interface TwinOptions {
  seed?: number;
  startTime?: number;
  tickMs?: number;
  /** Used for outbound deliveries (events, webhooks). */
  fetch?: typeof fetch;
  /** Real sleep for latency faults; tests pass a no-op. */
  sleep?: (ms: number) => Promise<void>;
}

export interface Twin {
  readonly name: string;
  readonly definition: TwinDefinition;
  fetch(request: Request): Promise<Response>;
  tenant(id?: string): Tenant;
  createTenant(id: string, options?: { seed?: number }): Tenant;
  deleteTenant(id: string): boolean;
  tenants(): Tenant[];
  /** Outbound HTTP for deliveries. */
  readonly outboundFetch: typeof fetch;
}

export class TwinFixtureError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = "TwinFixtureError";
  }
}

/** Thrown (rejected) when a dropped-connection fault fires in-process; the server destroys the socket. */
export class DroppedConnectionError extends TypeError {
  constructor() {
    super("fetch failed: connection dropped by the twin (fault injection)");
    this.name = "DroppedConnectionError";
  }
}

const TENANT_PATH = /^\/t\/([A-Za-z0-9_.-]{1,64})(\/.*)?$/;

function windowKey(method: string, rule: FaultRule): string {
  return `${rule.methods?.join(",") ?? "*"}|${method}`;
}

export function createTwin(definition: TwinDefinition, options: TwinOptions = {}): Twin {
  const seed = options.seed ?? 0;
  const startTime = options.startTime ?? DEFAULT_START_TIME;
  const tickMs = options.tickMs ?? 1000;
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
      if (url.pathname === ADMIN_PREFIX || url.pathname.startsWith(`${ADMIN_PREFIX}/`)) return handleAdmin(twin, request, url);
      const match = TENANT_PATH.exec(url.pathname);
      const tenantId = match ? match[1]! : DEFAULT_TENANT;
      const path = match ? match[2] ?? "/" : url.pathname;
      const tenant = twin.tenant(tenantId);
      const baseUrl = `${url.origin}${match ? `/t/${tenantId}` : ""}`;
      return serve(tenant, request, url, path, baseUrl);
    },
  };

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
      seq: tenant.log.length + 1,
      time: tenant.now(),
      method,
      httpMethod: request.method,
      path,
      query: Object.fromEntries(url.searchParams),
      body: redactBody(parsed),
      status: 0,
      response: undefined,
    };
    tenant.log.push(entry);

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
          response = definition.rateLimited(context, {
            method,
            retryAfterSeconds: Math.max(1, Math.ceil((resetMs - now) / 1000)),
            limit: limit.limit,
            remaining: 0,
            resetAt: Math.ceil(resetMs / 1000),
          });
        }
      }
      if (!response && rule.errorRate && tenant.random() < rule.errorRate) {
        entry.fault = "server_error";
        response = definition.serverError(context);
      }
    }
    if (!response) {
      try {
        response = await definition.handle(context);
      } catch (error) {
        response = definition.internalError(context, error);
      }
    }
    entry.status = response.status;
    entry.response = await peekJson(response);
    return response;
  }

  return twin;
}

const SECRET_FIELDS = new Set(["token", "client_secret", "password", "api_token", "refresh_token"]);

/** The body as logged: credentials that clients may send in a body are masked. */
function redactBody(body: unknown): unknown {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return body;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) copy[key] = SECRET_FIELDS.has(key) ? "[redacted]" : value;
  return copy;
}

async function peekJson(response: Response): Promise<unknown> {
  if (!(response.headers.get("content-type") ?? "").includes("json")) return undefined;
  try {
    return await response.clone().json();
  } catch {
    return undefined;
  }
}
