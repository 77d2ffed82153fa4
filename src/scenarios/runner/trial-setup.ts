/**
 * The setup half of a trial: fresh tenants seeded from the fixtures (templated), the applied
 * perturbations' fault rules, the app's environment and template scope; and, once the app is
 * ready, the twins' settings (Slack's events URL, whose url_verification the app must answer).
 */
import type { Attribution, Perturbation, Scenario, StepRecord, TemplateScope, TwinSetup } from "../model.js";
import { resolveTemplates } from "../templates.js";
import { type TwinEndpoint, trialEnvironment, twinTemplateValues } from "./environment.js";
import { type TrialTenant, configureTrialTenant, createTrialTenants, describeTrialTenant, seedTrialTenant, setTrialFaults } from "./trial-tenants.js";
import type { TwinUniverse } from "./twin-universe.js";
import { faultRulesFor } from "./variables.js";

/** Setup could not be carried out: the trial is aborted and charged to `attribution`. */
export class SetupFailure extends Error {
  constructor(
    readonly attribution: Attribution,
    message: string,
  ) {
    super(message);
    this.name = "SetupFailure";
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export interface TrialTwins {
  tenants: TrialTenant[];
  endpoints: Map<string, TwinEndpoint>;
  scope: TemplateScope;
  env: Record<string, string>;
}

export interface PrepareTwinsInput {
  scenario: Scenario;
  universe: TwinUniverse;
  names: readonly string[];
  tenantId: string;
  seed: number;
  index: number;
  vars: Record<string, unknown>;
  perturbations: readonly Perturbation[];
  app: { kind: "service" | "command"; url: string; port: number; command: string; env?: Record<string, string> };
  parentEnv: Readonly<Record<string, string | undefined>>;
  /** Receives the tenants as soon as they exist, so the caller can delete them whatever happens next. */
  onTenants: (tenants: TrialTenant[]) => void;
}

export function prepareTrialTwins(input: PrepareTwinsInput): TrialTwins {
  const { scenario, names, seed } = input;
  const tenants = createTrialTenants(input.universe, names, input.tenantId, seed);
  input.onTenants(tenants);
  const scope: TemplateScope = {
    app: { url: input.app.url, port: input.app.port, command: input.app.command },
    trial: { seed, index: input.index },
    scenario: { id: scenario.id },
    vars: input.vars,
    captured: {},
    twins: {},
    env: {},
  };
  // Fixtures may name the fresh tenant's credentials (`${twins.slack.userId}`).
  for (const trialTenant of tenants) scope.twins[trialTenant.name] = twinTemplateValues(describeTrialTenant(trialTenant));
  for (const trialTenant of tenants) {
    const setup: TwinSetup | undefined = scenario.twins[trialTenant.name];
    const where = setup?.fixtureFile ?? scenario.source.file;
    try {
      seedTrialTenant(trialTenant, resolveTemplates(setup?.fixture, scope, `twins.${trialTenant.name}.fixture`));
    } catch (error) {
      throw new SetupFailure("infrastructure", `${where}: the ${trialTenant.name} fixture does not apply: ${messageOf(error)}`);
    }
    try {
      setTrialFaults(trialTenant, faultRulesFor(input.perturbations, trialTenant.name));
    } catch (error) {
      throw new SetupFailure("infrastructure", `${scenario.source.file}: the ${trialTenant.name} fault rules of the perturbations are invalid: ${messageOf(error)}`);
    }
  }
  const endpoints = new Map(tenants.map((trialTenant) => [trialTenant.name, describeTrialTenant(trialTenant)] as const));
  for (const endpoint of endpoints.values()) scope.twins[endpoint.name] = twinTemplateValues(endpoint);
  const env = trialEnvironment({
    parent: input.parentEnv,
    ...(input.app.kind === "service" ? { app: { port: input.app.port, url: input.app.url } } : {}),
    seed,
    twins: [...endpoints.values()],
    ...(input.app.env ? { extra: input.app.env } : {}),
  });
  scope.env = env;
  return { tenants, endpoints, scope, env };
}

/**
 * Applies each twin's `config` and Slack's `events` path. Returns a failed setup step when the
 * app did not answer the url_verification challenge (the product's failure); throws a
 * SetupFailure when the twin refuses the settings (the scenario's).
 */
export async function configureTrialTwins(scenario: Scenario, twins: TrialTwins, appUrl: string, signal: AbortSignal, elapsed: () => number): Promise<StepRecord[]> {
  const records: StepRecord[] = [];
  for (const trialTenant of twins.tenants) {
    const setup = scenario.twins[trialTenant.name];
    if (!setup || (setup.config === undefined && setup.events === undefined)) continue;
    let config: Record<string, unknown>;
    try {
      config = { ...resolveTemplates(setup.config ?? {}, twins.scope, `twins.${trialTenant.name}.config`) };
    } catch (error) {
      throw new SetupFailure("infrastructure", `template error: ${messageOf(error)}`);
    }
    if (setup.events !== undefined) config["eventsRequestUrl"] = `${appUrl}${setup.events}`;
    const startMs = elapsed();
    const { status, answer } = await configureTrialTenant(trialTenant, config, signal);
    if (status !== 200) throw new SetupFailure("infrastructure", `the ${trialTenant.name} twin refused the settings (HTTP ${status}): ${String(answer["message"] ?? JSON.stringify(answer))}`);
    const summary = setup.events !== undefined ? `setup ${trialTenant.name} events ${setup.events}` : `setup ${trialTenant.name} config`;
    // Setup records come before the steps: index -1, and an id no scenario step can have.
    const base = { index: -1, id: `setup:${trialTenant.name}`, kind: "twin" as const, summary, startMs, durationMs: elapsed() - startMs, request: config, outcome: answer };
    if (setup.events === undefined) {
      records.push({ ...base, ok: true });
      continue;
    }
    const verification = answer["url_verification"] as { verified?: boolean; status?: number; error?: string } | undefined;
    if (!verification) throw new SetupFailure("infrastructure", `the ${trialTenant.name} twin takes no events URL (events: ${setup.events})`);
    if (verification.verified) {
      records.push({ ...base, ok: true });
      continue;
    }
    const how = verification.error ?? `HTTP ${verification.status ?? "?"}`;
    records.push({ ...base, ok: false, attribution: "product", error: `the app did not answer the ${trialTenant.name} url_verification challenge at ${config["eventsRequestUrl"] as string}: ${how}` });
    break;
  }
  return records;
}
