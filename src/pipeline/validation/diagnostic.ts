/**
 * The diagnostic model (spec 7.1) and the lint rule interface (spec 7.4). A diagnostic is
 * data: rules return them, `validate` sorts them, the CLI and server print or serialize them.
 */
import type { Graph, SourceLocation } from "../graph.js";

/** `error`: the pipeline will not run; `warning`: it runs, but may not do what was meant. */
export type Severity = "error" | "warning" | "info";

export interface Diagnostic {
  /** The rule id, such as `start_node`. */
  rule: string;
  severity: Severity;
  message: string;
  nodeId?: string;
  edge?: { from: string; to: string };
  /** A suggested fix, phrased as an instruction. */
  fix?: string;
  /** The most precise place known: the attribute, else the node or edge statement. */
  location?: SourceLocation;
  /** The file the graph came from (`graph.source`). */
  source?: string;
}

export interface LintOptions {
  /** Handler types the `type_known` rule accepts, such as those of the engine's registry. */
  knownHandlerTypes: readonly string[];
}

export interface LintRule {
  name: string;
  apply(graph: Graph, options: LintOptions): Diagnostic[];
}

/** One line: `file:line:col: error [rule] message (fix: ...)`, leaving out the parts that are absent. */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  const place = [diagnostic.source, diagnostic.location?.line, diagnostic.location?.column].filter((part) => part !== undefined).join(":");
  const prefix = place === "" ? "" : `${place}: `;
  const fix = diagnostic.fix ? ` (fix: ${diagnostic.fix})` : "";
  return `${prefix}${diagnostic.severity} [${diagnostic.rule}] ${diagnostic.message}${fix}`;
}
