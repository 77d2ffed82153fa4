/**
 * The twins the CLI can start, by name. Loaded on first use with a dynamic import, so commands
 * that never touch a twin (`pipeline run`) do not load the twins' code; tests pass their own.
 */
import type { Twin, TwinOptions } from "../twins/kit/index.js";

export interface TwinCatalog {
  /** Factories by name, in the order `twins up` starts them by default. */
  factories: Readonly<Record<string, (options?: TwinOptions) => Twin>>;
  summaries: Readonly<Record<string, string>>;
}

export async function loadTwinCatalog(): Promise<TwinCatalog> {
  const twins = await import("../twins/index.js");
  return { factories: twins.TWIN_FACTORIES, summaries: twins.TWIN_SUMMARIES };
}
