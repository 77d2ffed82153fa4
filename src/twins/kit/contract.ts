/**
 * What a twin is (`Twin`) and what a service supplies to make one (`TwinDefinition`). Kept apart
 * from twin.ts, which implements them, so the admin plane can use the types without an import
 * cycle. Everything here is re-exported by twin.ts and index.ts.
 */
import type { RateLimit } from "./faults.js";
import type { Tenant } from "./tenant.js";

/** The tenant that paths without a `/t/{tenant}` prefix address. */
export const DEFAULT_TENANT = "default";

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

/** How a client reaches a tenant: shown by `twins up` and `GET /_twin/tenants/{id}/describe`. */
export interface TwinDescription {
  credentials: Record<string, string>;
  /** The SDK setting that points the vendor's official client at the twin, as code. */
  sdkOption: string;
  /** The URL a client is configured with when it is not the tenant's base URL (Slack: `<base>/api/`). */
  baseUrl?: string;
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
  describe?(tenant: Tenant, baseUrl: string): TwinDescription;
  /**
   * Called after the admin plane changed a tenant's config; what it returns is added to the
   * admin answer in place of the settings (e.g. Slack's url_verification handshake when an events
   * URL is set); undefined keeps the usual answer.
   */
  configured?(tenant: Tenant): Promise<Record<string, unknown> | undefined>;
}

export interface TwinOptions {
  seed?: number;
  startTime?: number;
  tickMs?: number;
  /** Used for outbound deliveries (events, webhooks). */
  fetch?: typeof fetch;
  /** Real sleep for latency faults; tests pass a no-op. */
  sleep?: (ms: number) => Promise<void>;
  /**
   * The most request-log entries a tenant keeps (default 10,000); older ones are dropped, so a
   * twin left running under load does not grow without bound. A trial's log is far shorter.
   */
  logLimit?: number;
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
