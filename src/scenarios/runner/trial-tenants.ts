/**
 * One trial's tenants: for each twin the scenario names, a fresh tenant on the suite's served
 * twin, created with the trial seed, seeded with the scenario's fixture (all or nothing), given
 * the fault rules of the applied perturbations, configured once the app is ready (Slack's events
 * URL through the admin plane, so the twin does its url_verification handshake), and deleted
 * after the trial.
 */
import { type FaultRule, type Tenant, type TenantState, checkFaultProfile, seedTenant } from "../../twins/index.js";
import { raceAbort } from "./abort.js";
import type { TwinEndpoint } from "./environment.js";
import type { TwinUniverse, UniverseTwin } from "./twin-universe.js";

export interface TrialTenant {
  name: string;
  entry: UniverseTwin;
  tenant: Tenant;
  /** Set once seeding is done: what the state diff compares the end of the trial with. */
  seededState: TenantState;
}

export function createTrialTenants(universe: TwinUniverse, names: readonly string[], tenantId: string, seed: number): TrialTenant[] {
  return names.map((name) => {
    const entry = universe.get(name);
    // A tenant left over by a crashed earlier trial of the same id would not be fresh.
    entry.twin.deleteTenant(tenantId);
    const tenant = entry.twin.createTenant(tenantId, { seed });
    return { name, entry, tenant, seededState: tenant.state };
  });
}

export function deleteTrialTenants(tenants: readonly TrialTenant[]): void {
  for (const { entry, tenant } of tenants) entry.twin.deleteTenant(tenant.id);
}

/** The tenant's URLs and credentials (credentials change with fixtures: describe after seeding). */
export function describeTrialTenant({ name, entry, tenant }: TrialTenant): TwinEndpoint {
  const baseUrl = `${entry.origin}/t/${tenant.id}`;
  const description = entry.twin.definition.describe?.(tenant, baseUrl);
  return { name, tenant: tenant.id, baseUrl, apiUrl: description?.baseUrl ?? baseUrl, credentials: { ...(description?.credentials ?? {}) } };
}

/** Applies a fixture all or nothing; throws the twin's error (with the field path) if it does not fit. */
export function seedTrialTenant(trialTenant: TrialTenant, fixture: unknown): void {
  if (fixture !== undefined) seedTenant(trialTenant.entry.twin, trialTenant.tenant, fixture);
  trialTenant.seededState = trialTenant.tenant.state;
}

/** Sets the tenant's fault profile; throws with the rule's path if a rule is malformed. */
export function setTrialFaults(trialTenant: TrialTenant, rules: readonly FaultRule[]): void {
  trialTenant.tenant.faults = checkFaultProfile({ rules });
}

export interface ConfigureResult {
  status: number;
  answer: Record<string, unknown>;
}

/**
 * `PUT /_twin/tenants/{id}/config` through the twin's own admin plane (in process), as a person
 * saving the app's settings would: the twin reacts as it does to such a change (Slack sends its
 * url_verification challenge and says in the answer whether the app echoed it).
 */
export async function configureTrialTenant({ entry, tenant }: TrialTenant, config: Record<string, unknown>, signal: AbortSignal): Promise<ConfigureResult> {
  const request = new Request(`${entry.origin}/_twin/tenants/${encodeURIComponent(tenant.id)}/config`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(config),
  });
  const response = await raceAbort(entry.twin.fetch(request), signal);
  const text = await response.text();
  let answer: Record<string, unknown> = {};
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) answer = parsed as Record<string, unknown>;
  } catch {
    answer = { text };
  }
  return { status: response.status, answer };
}
