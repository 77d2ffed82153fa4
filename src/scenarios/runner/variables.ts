/**
 * What a trial's seed decides before it runs: the value of each variable (`${vars.<name>}`),
 * which perturbations apply, and the pause before each step. Each variable and each perturbation
 * draws from its own stream derived from the trial seed and its name (see `derivedSeed`), so the
 * same seed replays exactly, and adding a variable leaves the others' values as they were.
 */
import type { Perturbation, Scenario, VariableSpec } from "../model.js";
import { createRandom, derivedSeed, integerBetween } from "./seeds.js";

export interface TrialChoices {
  vars: Record<string, unknown>;
  /** The perturbations that apply to this trial, in the scenario's order. */
  perturbations: Perturbation[];
}

/** One variable's value for a trial. */
export function drawVariable(spec: VariableSpec, random: () => number): unknown {
  switch (spec.kind) {
    case "literal":
      return spec.value;
    case "one-of":
      return spec.values.length === 0 ? undefined : spec.values[Math.floor(random() * spec.values.length)];
    case "integer":
      return integerBetween(random, spec.min, spec.max);
    case "text": {
      const alphabet = [...spec.alphabet];
      if (alphabet.length === 0) return "";
      let text = "";
      for (let index = 0; index < spec.length; index += 1) text += alphabet[Math.floor(random() * alphabet.length)];
      return text;
    }
  }
}

/** A perturbation applies when its own draw falls below its probability (1: always, 0: never). */
export function perturbationApplies(perturbation: Perturbation, position: number, seed: number): boolean {
  if (perturbation.probability >= 1) return true;
  if (perturbation.probability <= 0) return false;
  const random = createRandom(derivedSeed(seed, `perturbation:${position}:${perturbation.name}`));
  return random() < perturbation.probability;
}

export function drawTrialChoices(scenario: Pick<Scenario, "vars" | "perturbations">, seed: number): TrialChoices {
  const vars: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(scenario.vars)) vars[name] = drawVariable(spec, createRandom(derivedSeed(seed, `var:${name}`)));
  const perturbations = scenario.perturbations.filter((perturbation, position) => perturbationApplies(perturbation, position, seed));
  return { vars, perturbations };
}

/**
 * The real pause before each step, from the applied perturbations' `stepDelayMs` ranges (summed
 * when several apply); one stream for the whole trial, drawn once per step in step order.
 */
export function createStepDelays(perturbations: readonly Perturbation[], seed: number): () => number {
  const ranges = perturbations.flatMap((perturbation) => (perturbation.stepDelayMs ? [perturbation.stepDelayMs] : []));
  const random = createRandom(derivedSeed(seed, "step-delay"));
  return () => ranges.reduce((total, range) => total + integerBetween(random, range.min, range.max), 0);
}

/** The fault rules of the applied perturbations for one twin, in perturbation order (first match wins). */
export function faultRulesFor(perturbations: readonly Perturbation[], twin: string): NonNullable<Perturbation["faults"]>[string] {
  return perturbations.flatMap((perturbation) => perturbation.faults?.[twin] ?? []);
}
