/**
 * What queries (waits and expectations) see of a running trial: the twin tenants' request logs,
 * records and deliveries, the app's output so far, and earlier steps' outcomes. Live: a wait
 * polling it sees each new request the moment the twin logs it.
 */
import type { Delivery } from "../../twins/index.js";
import type { TrialView } from "../expectations/index.js";
import type { AppStatus } from "./app-process.js";
import type { TrialTenant } from "./trial-tenants.js";

/** A delivery as the trajectory shows it: the body parsed when it is JSON (Slack events, Jira webhooks). */
export function deliveryView(delivery: Delivery): Record<string, unknown> {
  let body: unknown = delivery.body;
  try {
    body = JSON.parse(delivery.body) as unknown;
  } catch {
    // A form or text body stays text.
  }
  return { ...delivery, body };
}

export interface TrialViewSources {
  tenants: ReadonlyMap<string, TrialTenant>;
  /** Undefined for command apps (nothing runs between steps). */
  app?: () => AppStatus;
  /** Step outcomes by step id (`{status, headers, body}`, `{exitCode, stdout, ...}`, `{match}`). */
  steps: ReadonlyMap<string, unknown>;
  /** Every step id of the scenario, so a step that did not run is a failed query, not an unknown one. */
  stepIds: readonly string[];
}

export function createTrialView({ tenants, app, steps, stepIds }: TrialViewSources): TrialView {
  const tenantOf = (twin: string) => {
    const trialTenant = tenants.get(twin);
    if (!trialTenant) throw new Error(`the twin ${twin} is not part of this scenario (twins: ${[...tenants.keys()].join(", ") || "none"})`);
    return trialTenant.tenant;
  };
  return {
    requests: (twin) => tenantOf(twin).log,
    *records(twin) {
      for (const [collection, records] of tenantOf(twin).state.collections) {
        for (const [id, record] of records) yield { collection, id, record };
      }
    },
    // Raw: the query parses bodies itself when it matches.
    deliveries: (twin) => tenantOf(twin).deliveries,
    app: () => app?.(),
    step: (id) => steps.get(id),
    twinNames: () => [...tenants.keys()],
    stepIds: () => [...stepIds],
  };
}
