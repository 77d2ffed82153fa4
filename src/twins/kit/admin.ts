/**
 * The admin plane, under `/_twin/` (never a vendor path):
 *   GET    /_twin/tenants                          list tenants
 *   POST   /_twin/tenants            {id, seed?}   create one
 *   DELETE /_twin/tenants/{id}
 *   POST   /_twin/tenants/{id}/reset               back to the seeded state, log cleared
 *   POST   /_twin/tenants/{id}/snapshot            -> {snapshot}
 *   POST   /_twin/tenants/{id}/restore {snapshot}
 *   POST   /_twin/tenants/{id}/seed    fixture (JSON or YAML)
 *   PUT    /_twin/tenants/{id}/faults  {rules: [...]}
 *   GET    /_twin/tenants/{id}/state               all collections
 *   GET    /_twin/tenants/{id}/log                 the request log
 *   GET    /_twin/tenants/{id}/deliveries          outbound events and webhooks
 *   POST   /_twin/tenants/{id}/clock   {advanceMs}
 *   PUT    /_twin/tenants/{id}/config  {...}       twin settings (event URLs, secrets)
 *   GET    /_twin/tenants/{id}/describe            base URL, credentials, SDK option
 * Errors are `{ "error": "<code>", "message": "..." }` with 400 or 404.
 */
import { parse as parseYaml } from "yaml";
import type { FaultProfile, FaultRule } from "./faults.js";
import { jsonResponse } from "./request-body.js";
import { stateToJson } from "./state.js";
import type { Twin } from "./twin.js";
import { TwinFixtureError } from "./twin.js";

const adminError = (status: number, error: string, message: string) => jsonResponse({ error, message }, status);

async function readJsonOrYaml(request: Request): Promise<{ value?: unknown; error?: string }> {
  const text = await request.text();
  if (text.trim() === "") return { value: undefined };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    try {
      return { value: parseYaml(text) as unknown };
    } catch (error) {
      return { error: `body is neither JSON nor YAML: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}` };
    }
  }
}

export function validateFaultProfile(value: unknown): { profile?: FaultProfile; error?: string } {
  if (typeof value !== "object" || value === null || !Array.isArray((value as { rules?: unknown }).rules)) return { error: 'expected {"rules": [...]}' };
  const rules = (value as { rules: unknown[] }).rules;
  const checked: FaultRule[] = [];
  for (const [index, rule] of rules.entries()) {
    const at = `rules[${index}]`;
    if (typeof rule !== "object" || rule === null) return { error: `${at}: expected an object` };
    const record = rule as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (!["methods", "rateLimit", "errorRate", "dropRate", "latencyMs"].includes(key)) return { error: `${at}.${key}: unknown field (expected methods, rateLimit, errorRate, dropRate, latencyMs)` };
    }
    if (record["methods"] !== undefined && !(Array.isArray(record["methods"]) && record["methods"].every((item) => typeof item === "string"))) return { error: `${at}.methods: expected an array of strings` };
    for (const key of ["errorRate", "dropRate"]) {
      const rate = record[key];
      if (rate !== undefined && !(typeof rate === "number" && rate >= 0 && rate <= 1)) return { error: `${at}.${key}: expected a number between 0 and 1` };
    }
    if (record["latencyMs"] !== undefined && !(typeof record["latencyMs"] === "number" && record["latencyMs"] >= 0)) return { error: `${at}.latencyMs: expected a non-negative number` };
    const limit = record["rateLimit"];
    if (limit !== undefined && limit !== true) {
      const ok = typeof limit === "object" && limit !== null && Number.isInteger((limit as RecordLimit).limit) && (limit as RecordLimit).limit >= 0 && typeof (limit as RecordLimit).windowMs === "number" && (limit as RecordLimit).windowMs > 0;
      if (!ok) return { error: `${at}.rateLimit: expected true or {"limit": integer, "windowMs": positive number}` };
    }
    checked.push(record as FaultRule);
  }
  return { profile: { rules: checked } };
}

interface RecordLimit {
  limit: number;
  windowMs: number;
}

export async function handleAdmin(twin: Twin, request: Request, url: URL): Promise<Response> {
  const parts = url.pathname.split("/").filter(Boolean).slice(1);
  if (parts[0] !== "tenants") return adminError(404, "not_found", `no admin endpoint ${url.pathname}`);
  if (parts.length === 1) {
    if (request.method === "GET") return jsonResponse({ twin: twin.name, tenants: twin.tenants().map((tenant) => ({ id: tenant.id, seed: tenant.seed, requests: tenant.log.length })) });
    if (request.method === "POST") {
      const { value, error } = await readJsonOrYaml(request);
      const body = (value ?? {}) as { id?: unknown; seed?: unknown };
      if (error) return adminError(400, "invalid_body", error);
      if (typeof body.id !== "string" || !/^[A-Za-z0-9_.-]{1,64}$/.test(body.id)) return adminError(400, "invalid_tenant_id", "id must match [A-Za-z0-9_.-]{1,64}");
      if (body.seed !== undefined && !Number.isInteger(body.seed)) return adminError(400, "invalid_seed", "seed must be an integer");
      const tenant = twin.createTenant(body.id, body.seed !== undefined ? { seed: body.seed as number } : {});
      return jsonResponse({ id: tenant.id, seed: tenant.seed, baseUrl: `${url.origin}/t/${tenant.id}` }, 201);
    }
    return adminError(405, "method_not_allowed", `${request.method} ${url.pathname}`);
  }
  const tenantId = parts[1]!;
  const tenant = twin.tenants().find((candidate) => candidate.id === tenantId);
  if (!tenant) return adminError(404, "tenant_not_found", `no tenant ${tenantId}`);
  const action = parts[2] ?? "";
  const route = `${request.method} ${action}`;
  switch (route) {
    case "DELETE ":
      return jsonResponse({ deleted: twin.deleteTenant(tenantId) });
    case "POST reset":
      tenant.reset();
      return jsonResponse({ ok: true });
    case "POST snapshot":
      return jsonResponse({ snapshot: tenant.snapshot() });
    case "POST restore": {
      const { value } = await readJsonOrYaml(request);
      const snapshot = (value as { snapshot?: unknown } | undefined)?.snapshot;
      if (typeof snapshot !== "string") return adminError(400, "invalid_body", 'expected {"snapshot": "<id>"}');
      return tenant.restore(snapshot) ? jsonResponse({ ok: true }) : adminError(404, "snapshot_not_found", `no snapshot ${snapshot}`);
    }
    case "POST seed": {
      const { value, error } = await readJsonOrYaml(request);
      if (error) return adminError(400, "invalid_fixture", error);
      if (!twin.definition.seed) return adminError(400, "not_supported", `${twin.name} takes no fixtures`);
      try {
        twin.definition.seed(tenant, value);
        tenant.markInitial();
      } catch (caught) {
        if (caught instanceof TwinFixtureError) return adminError(400, "invalid_fixture", caught.message);
        throw caught;
      }
      return jsonResponse({ ok: true });
    }
    case "PUT faults": {
      const { value, error } = await readJsonOrYaml(request);
      const checked = error ? { error } : validateFaultProfile(value);
      if (!checked.profile) return adminError(400, "invalid_faults", checked.error ?? "invalid");
      tenant.faults = checked.profile;
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
      const { value } = await readJsonOrYaml(request);
      const advanceMs = (value as { advanceMs?: unknown } | undefined)?.advanceMs;
      if (typeof advanceMs !== "number" || advanceMs < 0) return adminError(400, "invalid_body", 'expected {"advanceMs": non-negative number}');
      tenant.advance(advanceMs);
      return jsonResponse({ now: new Date(tenant.now()).toISOString() });
    }
    case "PUT config": {
      const { value, error } = await readJsonOrYaml(request);
      if (error || typeof value !== "object" || value === null || Array.isArray(value)) return adminError(400, "invalid_body", error ?? "expected an object");
      tenant.config = { ...tenant.config, ...(value as Record<string, unknown>) };
      return jsonResponse({ ok: true });
    }
    case "GET describe": {
      const baseUrl = `${url.origin}${tenant.id === "default" ? "" : `/t/${tenant.id}`}`;
      return jsonResponse({ name: twin.name, tenant: tenant.id, baseUrl, ...(twin.definition.describe?.(tenant, baseUrl) ?? { credentials: {}, sdkOption: "" }) });
    }
    default:
      return adminError(404, "not_found", `no admin endpoint ${request.method} ${url.pathname}`);
  }
}
