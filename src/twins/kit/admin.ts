/**
 * The admin plane, under `/_twin/` (never a vendor path):
 *   GET    /_twin/tenants                          list tenants
 *   POST   /_twin/tenants   {id, seed?, fixture?}  create one (409 if it exists)
 *   DELETE /_twin/tenants/{id}                     (not `default`)
 *   POST   /_twin/tenants/{id}/reset               back to the seeded state, log cleared
 *   POST   /_twin/tenants/{id}/snapshot            -> {snapshot}
 *   POST   /_twin/tenants/{id}/restore {snapshot}
 *   POST   /_twin/tenants/{id}/seed    fixture (JSON or YAML), all or nothing
 *   GET|PUT /_twin/tenants/{id}/faults {rules: [...]}
 *   GET    /_twin/tenants/{id}/state               all collections
 *   GET    /_twin/tenants/{id}/log                 the request log
 *   GET    /_twin/tenants/{id}/deliveries          outbound events and webhooks
 *   POST   /_twin/tenants/{id}/clock   {advanceMs}
 *   GET|PUT /_twin/tenants/{id}/config  {...}      twin settings (event URLs, secrets), merged
 *   GET    /_twin/tenants/{id}/describe            base URL, credentials, SDK option
 * Errors are `{ "error": "<code>", "message": "..." }` with 400, 404, 405 or 409.
 * Examples: docs/twins/kit.md.
 */
import { DEFAULT_TENANT, type Twin } from "./contract.js";
import { TwinFixtureError } from "./errors.js";
import { checkFaultProfile } from "./faults.js";
import { type FixtureFormat, parseFixtureText, seedTenant } from "./fixtures.js";
import { jsonResponse } from "./request-body.js";
import { stateToJson } from "./state.js";
import type { Tenant } from "./tenant.js";

export { validateFaultProfile } from "./faults.js";

const TENANT_ID = /^[A-Za-z0-9_.-]{1,64}$/;

const adminError = (status: number, error: string, message: string) => jsonResponse({ error, message }, status);

type BodyResult = { value: unknown; error?: undefined } | { value?: undefined; error: string };

function formatOf(request: Request): FixtureFormat | undefined {
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  if (type.includes("json")) return "json";
  if (type.includes("yaml")) return "yaml";
  return undefined;
}

/** The body as JSON or YAML (as its content type says, or guessed); errors carry line:col. */
async function readAdminBody(request: Request): Promise<BodyResult> {
  const text = await request.text();
  if (text.trim() === "") return { value: undefined };
  try {
    return { value: parseFixtureText(text, "body", formatOf(request)) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Seeds and answers; a fixture that does not fit is a 400 naming the field. */
function seedAnswer(twin: Twin, tenant: Tenant, fixture: unknown, prefix: string): Response | undefined {
  try {
    seedTenant(twin, tenant, fixture);
    return undefined;
  } catch (error) {
    if (!(error instanceof TwinFixtureError)) throw error;
    const path = error.path === "" ? prefix : prefix === "" ? error.path : `${prefix}.${error.path}`;
    const status = twin.definition.seed ? "invalid_fixture" : "not_supported";
    return adminError(400, status, path === "" ? error.detail : `${path}: ${error.detail}`);
  }
}

async function createTenantAnswer(twin: Twin, request: Request, url: URL): Promise<Response> {
  const { value, error } = await readAdminBody(request);
  if (error !== undefined) return adminError(400, "invalid_body", error);
  if (value !== undefined && !isRecord(value)) return adminError(400, "invalid_body", 'expected an object {"id": "...", "seed"?: integer, "fixture"?: {...}}');
  const body = value ?? {};
  const unknownField = Object.keys(body).find((key) => !["id", "seed", "fixture"].includes(key));
  if (unknownField) return adminError(400, "invalid_body", `${unknownField}: unknown field (expected id, seed, fixture)`);
  const id = body["id"];
  if (typeof id !== "string" || !TENANT_ID.test(id)) return adminError(400, "invalid_tenant_id", `id: expected a string matching [A-Za-z0-9_.-]{1,64}, got ${JSON.stringify(id) ?? "nothing"}`);
  const seed = body["seed"];
  if (seed !== undefined && !Number.isSafeInteger(seed)) return adminError(400, "invalid_seed", `seed: expected an integer, got ${JSON.stringify(seed)}`);
  if (twin.tenants().some((tenant) => tenant.id === id)) return adminError(409, "tenant_exists", `tenant ${id} exists already; DELETE it first or pick another id`);
  const tenant = twin.createTenant(id, seed !== undefined ? { seed: seed as number } : {});
  if (body["fixture"] !== undefined) {
    const failure = seedAnswer(twin, tenant, body["fixture"], "fixture");
    if (failure) {
      twin.deleteTenant(id);
      return failure;
    }
  }
  return jsonResponse({ id: tenant.id, seed: tenant.seed, baseUrl: `${url.origin}/t/${tenant.id}` }, 201);
}

export async function handleAdmin(twin: Twin, request: Request, url: URL): Promise<Response> {
  const parts = url.pathname.split("/").filter(Boolean).slice(1);
  if (parts[0] !== "tenants" || parts.length > 3) return adminError(404, "not_found", `no admin endpoint ${request.method} ${url.pathname}`);
  if (parts.length === 1) {
    if (request.method === "GET") return jsonResponse({ twin: twin.name, tenants: twin.tenants().map((tenant) => ({ id: tenant.id, seed: tenant.seed, requests: tenant.log.length })) });
    if (request.method === "POST") return createTenantAnswer(twin, request, url);
    return adminError(405, "method_not_allowed", `${request.method} ${url.pathname}: expected GET or POST`);
  }
  const tenantId = parts[1]!;
  const tenant = twin.tenants().find((candidate) => candidate.id === tenantId);
  if (!tenant) return adminError(404, "tenant_not_found", `no tenant ${tenantId}`);
  const action = parts[2] ?? "";
  switch (`${request.method} ${action}`) {
    case "DELETE ":
      if (tenant.id === DEFAULT_TENANT) return adminError(400, "cannot_delete_default", "the default tenant cannot be deleted; reset it instead");
      return jsonResponse({ deleted: twin.deleteTenant(tenantId) });
    case "GET ":
      return jsonResponse({ id: tenant.id, seed: tenant.seed, now: new Date(tenant.now()).toISOString(), requests: tenant.log.length, deliveries: tenant.deliveries.length });
    case "POST reset":
      tenant.reset();
      return jsonResponse({ ok: true, now: new Date(tenant.now()).toISOString() });
    case "POST snapshot":
      return jsonResponse({ snapshot: tenant.snapshot() });
    case "POST restore": {
      const { value, error } = await readAdminBody(request);
      if (error !== undefined) return adminError(400, "invalid_body", error);
      const snapshot = isRecord(value) ? value["snapshot"] : undefined;
      if (typeof snapshot !== "string") return adminError(400, "invalid_body", 'expected {"snapshot": "<id from POST .../snapshot>"}');
      return tenant.restore(snapshot) ? jsonResponse({ ok: true, now: new Date(tenant.now()).toISOString() }) : adminError(404, "snapshot_not_found", `no snapshot ${snapshot} in tenant ${tenant.id}`);
    }
    case "POST seed": {
      const { value, error } = await readAdminBody(request);
      if (error !== undefined) return adminError(400, "invalid_fixture", error);
      if (value === undefined) return adminError(400, "invalid_fixture", "the body is empty: expected a fixture (JSON or YAML)");
      return seedAnswer(twin, tenant, value, "") ?? jsonResponse({ ok: true });
    }
    case "GET faults":
      return jsonResponse(tenant.faults);
    case "PUT faults": {
      const { value, error } = await readAdminBody(request);
      if (error !== undefined) return adminError(400, "invalid_faults", error);
      try {
        tenant.faults = checkFaultProfile(value);
      } catch (caught) {
        if (caught instanceof TwinFixtureError) return adminError(400, "invalid_faults", caught.message);
        throw caught;
      }
      tenant.rateWindows.clear();
      return jsonResponse({ ok: true });
    }
    case "GET state":
      return jsonResponse({ now: new Date(tenant.now()).toISOString(), collections: stateToJson(tenant.state) });
    case "GET log":
      return jsonResponse({ entries: tenant.log });
    case "GET deliveries":
      return jsonResponse({ deliveries: tenant.deliveries });
    case "POST clock": {
      const { value, error } = await readAdminBody(request);
      if (error !== undefined) return adminError(400, "invalid_body", error);
      const advanceMs = isRecord(value) ? value["advanceMs"] : undefined;
      if (typeof advanceMs !== "number" || !Number.isFinite(advanceMs) || advanceMs < 0) return adminError(400, "invalid_body", `advanceMs: expected a non-negative number of milliseconds, got ${JSON.stringify(advanceMs) ?? "nothing"}`);
      tenant.advance(advanceMs);
      return jsonResponse({ now: new Date(tenant.now()).toISOString() });
    }
    case "GET config":
      return jsonResponse(tenant.config);
    case "PUT config": {
      const { value, error } = await readAdminBody(request);
      if (error !== undefined) return adminError(400, "invalid_body", error);
      if (!isRecord(value)) return adminError(400, "invalid_body", "expected an object of settings, e.g. {\"eventsUrl\": \"http://...\"}");
      tenant.config = { ...tenant.config, ...value };
      // A twin that reacts to new settings answers with its reaction instead of the settings.
      const reaction = await twin.definition.configured?.(tenant);
      return jsonResponse(reaction ? { ok: true, ...reaction } : { ok: true, config: tenant.config });
    }
    case "GET describe": {
      const baseUrl = `${url.origin}${tenant.id === DEFAULT_TENANT ? "" : `/t/${tenant.id}`}`;
      const description = twin.definition.describe?.(tenant, baseUrl) ?? { credentials: {}, sdkOption: "" };
      return jsonResponse({ name: twin.name, tenant: tenant.id, adminUrl: `${url.origin}/_twin/tenants/${tenant.id}`, ...description, baseUrl: description.baseUrl ?? baseUrl });
    }
    default:
      return adminError(404, "not_found", `no admin endpoint ${request.method} ${url.pathname}`);
  }
}
