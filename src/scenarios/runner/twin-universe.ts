/**
 * The twins of a suite run: one in-process instance of each twin the scenarios name, each served
 * once over HTTP on 127.0.0.1 so that app processes can reach it. Trials do not get twins of
 * their own: each gets fresh tenants on these (see trial-tenants.ts), isolated by the tenant path
 * prefix, so a suite of hundreds of trials starts two servers, not hundreds (ADR 0085).
 */
import { LightsoutError } from "../../errors.js";
import { type ServedTwin, TWIN_FACTORIES, type Twin, type TwinFactory, serveTwin } from "../../twins/index.js";
import type { Query, Scenario } from "../model.js";
import { hash32 } from "./seeds.js";

export interface UniverseTwin {
  name: string;
  twin: Twin;
  served: ServedTwin;
  /** `http://127.0.0.1:<port>`: the origin every tenant URL of this twin starts with. */
  origin: string;
}

export interface TwinUniverse {
  readonly twins: ReadonlyMap<string, UniverseTwin>;
  /** The named twin; throws if the suite did not start it. */
  get(name: string): UniverseTwin;
  /** Stops serving every twin. Safe to call more than once. */
  close(): Promise<void>;
}

function queryTwin(query: Query): string | undefined {
  return query.kind === "requests" || query.kind === "records" || query.kind === "deliveries" ? query.twin : undefined;
}

/** Every twin a scenario names: in `twins:`, in twin and clock steps, in waits and expectations. */
export function twinsOfScenario(scenario: Scenario): string[] {
  const names = new Set(Object.keys(scenario.twins));
  for (const step of scenario.steps) {
    if (step.kind === "twin" || step.kind === "advance-clock") names.add(step.twin);
    if (step.kind === "wait") {
      const name = queryTwin(step.until);
      if (name) names.add(name);
    }
  }
  for (const expectation of scenario.expectations) {
    const name = queryTwin(expectation.query);
    if (name) names.add(name);
  }
  return [...names].sort();
}

export function twinsUsedBy(scenarios: readonly Scenario[]): string[] {
  return [...new Set(scenarios.flatMap(twinsOfScenario))].sort();
}

/** Throws a SCENARIO error naming the scenario file for a twin no factory makes. */
export function checkTwinNames(scenarios: readonly Scenario[], factories: Readonly<Record<string, TwinFactory>> = TWIN_FACTORIES): void {
  for (const scenario of scenarios) {
    for (const name of twinsOfScenario(scenario)) {
      if (!Object.hasOwn(factories, name)) throw new LightsoutError("SCENARIO", `${scenario.source.file}: scenario ${scenario.id} names the twin "${name}", which does not exist (twins: ${Object.keys(factories).join(", ")})`);
    }
  }
}

export interface StartUniverseOptions {
  factories?: Readonly<Record<string, TwinFactory>>;
}

export async function startTwinUniverse(names: readonly string[], { factories = TWIN_FACTORIES }: StartUniverseOptions = {}): Promise<TwinUniverse> {
  const twins = new Map<string, UniverseTwin>();
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= Promise.all([...twins.values()].map((entry) => entry.served.close())).then(() => undefined));
  try {
    for (const name of names) {
      const factory = factories[name];
      if (!factory) throw new LightsoutError("SCENARIO", `no twin named "${name}" (twins: ${Object.keys(factories).join(", ")})`);
      // Latency faults sleep for real: the app under test is waiting on a real socket.
      const twin = factory({});
      const served = await serveTwin(twin);
      twins.set(name, { name, twin, served, origin: served.baseUrl });
    }
  } catch (error) {
    await close();
    throw error;
  }
  return {
    twins,
    get(name) {
      const entry = twins.get(name);
      if (!entry) throw new Error(`the twin ${name} was not started for this suite`);
      return entry;
    },
    close,
  };
}

/**
 * The tenant of trial `index` of a scenario: `trial-<hash of the scenario id>.<index>`. Opaque on
 * purpose: the app under test sees its tenant in every base URL it is given, and a holdout
 * scenario's id says what it tests; the trajectory records the tenant beside the scenario id, so
 * a person can still map one to the other.
 */
export function trialTenantId(scenarioId: string, index: number): string {
  return `trial-${hash32(scenarioId).toString(16).padStart(8, "0")}.${index}`;
}
