/**
 * The validation API (spec 7.3): run the built-in rules and any extra ones, and refuse graphs
 * with error-severity diagnostics. Diagnostics come back sorted by location, then rule.
 */
import { LightsoutError } from "../../errors.js";
import type { Graph } from "../graph.js";
import { formatDiagnostic, type Diagnostic, type LintOptions, type LintRule } from "./diagnostic.js";
import { BUILT_IN_RULES, DEFAULT_KNOWN_HANDLER_TYPES } from "./rules.js";

export interface ValidateOptions {
  /** Custom rules, run after the built-in ones (spec 7.4). */
  extraRules?: readonly LintRule[];
  /** Handler types `type_known` accepts; defaults to the nine built-in types. */
  knownHandlerTypes?: readonly string[];
}

/** Diagnostics without a location (graph-wide problems such as a missing start) come first. */
function compareDiagnostics(left: Diagnostic, right: Diagnostic): number {
  const leftLocation = left.location;
  const rightLocation = right.location;
  if (leftLocation === undefined || rightLocation === undefined) {
    if (leftLocation !== rightLocation) return leftLocation === undefined ? -1 : 1;
  } else {
    const byPlace = leftLocation.line - rightLocation.line || leftLocation.column - rightLocation.column;
    if (byPlace !== 0) return byPlace;
  }
  return left.rule < right.rule ? -1 : left.rule > right.rule ? 1 : 0;
}

export function validate(graph: Graph, options: ValidateOptions = {}): Diagnostic[] {
  const lintOptions: LintOptions = { knownHandlerTypes: options.knownHandlerTypes ?? DEFAULT_KNOWN_HANDLER_TYPES };
  const diagnostics: Diagnostic[] = [];
  for (const rule of [...BUILT_IN_RULES, ...(options.extraRules ?? [])]) diagnostics.push(...rule.apply(graph, lintOptions));
  // Array.prototype.sort is stable, so equal keys keep rule and node order.
  return diagnostics.sort(compareDiagnostics);
}

/** Thrown by `validateOrRaise`; `diagnostics` holds all of them, warnings included. */
export class ValidationError extends LightsoutError {
  readonly diagnostics: readonly Diagnostic[];

  constructor(diagnostics: readonly Diagnostic[]) {
    const errors = diagnostics.filter((diagnostic) => diagnostic.severity === "error");
    const count = errors.length === 1 ? "1 error" : `${errors.length} errors`;
    super("VALIDATION", `pipeline validation failed with ${count}:\n${errors.map((error) => `  ${formatDiagnostic(error)}`).join("\n")}`);
    this.name = "ValidationError";
    this.diagnostics = diagnostics;
  }

  get errors(): Diagnostic[] {
    return this.diagnostics.filter((diagnostic) => diagnostic.severity === "error");
  }
}

/** Validates and throws a `ValidationError` when any diagnostic is an error; returns the diagnostics otherwise. */
export function validateOrRaise(graph: Graph, options: ValidateOptions = {}): Diagnostic[] {
  const diagnostics = validate(graph, options);
  if (diagnostics.some((diagnostic) => diagnostic.severity === "error")) throw new ValidationError(diagnostics);
  return diagnostics;
}
