/** A problem found in a scenario file, where it is, and the error that carries several of them. */
import { LightsoutError } from "../../errors.js";

export interface ScenarioDiagnostic {
  file: string;
  /** 1-based. */
  line: number;
  column: number;
  severity: "error" | "warning";
  /** A stable id for the kind of problem: `yaml-syntax`, `schema`, `undeclared-var`, ... */
  rule: string;
  message: string;
}

/** `file:line:col: error [rule] message`, the line `scenarios lint` prints. */
export function formatDiagnostic(diagnostic: ScenarioDiagnostic): string {
  return `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}: ${diagnostic.severity} [${diagnostic.rule}] ${diagnostic.message}`;
}

/** In file order, then by position, errors before warnings at the same place. */
export function compareDiagnostics(left: ScenarioDiagnostic, right: ScenarioDiagnostic): number {
  if (left.file !== right.file) return left.file < right.file ? -1 : 1;
  if (left.line !== right.line) return left.line - right.line;
  if (left.column !== right.column) return left.column - right.column;
  if (left.severity !== right.severity) return left.severity === "error" ? -1 : 1;
  return 0;
}

/**
 * A scenario file that cannot be loaded (YAML syntax, schema, an unreadable fixture file). A
 * LightsoutError `SCENARIO` whose message is one `file:line:col: path: what was expected` line per
 * problem; `diagnostics` holds the same, for `scenarios lint`.
 */
export class ScenarioFormatError extends LightsoutError {
  readonly diagnostics: ScenarioDiagnostic[];

  constructor(diagnostics: ScenarioDiagnostic[]) {
    super("SCENARIO", diagnostics.map((diagnostic) => `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}: ${diagnostic.message}`).join("\n"));
    this.name = "ScenarioFormatError";
    this.diagnostics = diagnostics;
  }
}
