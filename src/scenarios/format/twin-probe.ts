/**
 * Asking the twins themselves, for the lint: which credentials a twin describes (for
 * `${twins.<name>.<credential>}`), and whether a twin accepts a fixture (seeded into a scratch
 * tenant, then deleted). One twin per name is kept for the life of the process: creating one
 * costs a few milliseconds and tenants are isolated.
 */
import { TWIN_FACTORIES, seedTenant, TwinFixtureError, type Twin } from "../../twins/index.js";

const twins = new Map<string, Twin>();
let scratchCounter = 0;

export const KNOWN_TWINS: readonly string[] = Object.keys(TWIN_FACTORIES);

/** A placeholder base URL: nothing listens on port 9 (discard), so a fixture that calls out fails fast. */
export const PLACEHOLDER_BASE_URL = "http://127.0.0.1:9";

function twinNamed(name: string): Twin | undefined {
  if (!Object.prototype.hasOwnProperty.call(TWIN_FACTORIES, name)) return undefined;
  let twin = twins.get(name);
  if (!twin) {
    twin = TWIN_FACTORIES[name as keyof typeof TWIN_FACTORIES]({ seed: 0 });
    twins.set(name, twin);
  }
  return twin;
}

function withScratchTenant<T>(twin: Twin, use: (tenantId: string) => T): T {
  scratchCounter += 1;
  const tenantId = `lint-${scratchCounter}`;
  twin.createTenant(tenantId, { seed: 0 });
  try {
    return use(tenantId);
  } finally {
    twin.deleteTenant(tenantId);
  }
}

/**
 * What `${twins.<name>.*}` may name, with placeholder values: `baseUrl`, `apiUrl` (what the
 * vendor's SDK is pointed at), `tenant` and the credentials the twin describes, as the runner
 * provides them (docs/scenarios/runner.md). Undefined for an unknown twin.
 */
export function twinTemplateValues(name: string): Record<string, string> | undefined {
  const twin = twinNamed(name);
  if (!twin) return undefined;
  return withScratchTenant(twin, (tenantId) => {
    const baseUrl = `${PLACEHOLDER_BASE_URL}/t/${tenantId}`;
    const description = twin.definition.describe?.(twin.tenant(tenantId), baseUrl);
    return { baseUrl, apiUrl: description?.baseUrl ?? baseUrl, tenant: tenantId, ...(description?.credentials ?? {}) };
  });
}

const credentialNames = new Map<string, string[]>();

export function twinCredentialNames(name: string): string[] | undefined {
  const cached = credentialNames.get(name);
  if (cached) return cached;
  const values = twinTemplateValues(name);
  if (values === undefined) return undefined;
  credentialNames.set(name, Object.keys(values));
  return Object.keys(values);
}

/** Seeds the fixture into a scratch tenant: undefined when the twin takes it, else the twin's error (path and detail). */
export function fixtureRejection(name: string, fixture: unknown): { path: string; detail: string } | undefined {
  const twin = twinNamed(name);
  if (!twin) return undefined;
  return withScratchTenant(twin, (tenantId) => {
    try {
      seedTenant(twin, twin.tenant(tenantId), fixture);
      return undefined;
    } catch (error) {
      if (error instanceof TwinFixtureError) return { path: error.path, detail: error.detail };
      return { path: "", detail: error instanceof Error ? error.message : String(error) };
    }
  });
}
