/** A problem found in a spec, where it is, how to fix it, and the error that carries several. */
import { LightsoutError } from "../errors.js";

export interface SpecIssue {
  file: string;
  /** 1-based. */
  line: number;
  column: number;
  severity: "error" | "warning";
  /** A stable id for the kind of problem (SPEC_RULES lists them all). */
  rule: string;
  message: string;
  /** What to change. */
  hint: string;
}

/** `file:line:col: severity rule: message (hint)`, the line `spec lint` prints. */
export function formatSpecIssue(issue: SpecIssue): string {
  return `${issue.file}:${issue.line}:${issue.column}: ${issue.severity} ${issue.rule}: ${issue.message}${issue.hint ? ` (${issue.hint})` : ""}`;
}

/** In file order, then by position, errors before warnings at the same place, then by rule. */
export function compareSpecIssues(left: SpecIssue, right: SpecIssue): number {
  if (left.file !== right.file) return left.file < right.file ? -1 : 1;
  if (left.line !== right.line) return left.line - right.line;
  if (left.column !== right.column) return left.column - right.column;
  if (left.severity !== right.severity) return left.severity === "error" ? -1 : 1;
  return left.rule < right.rule ? -1 : left.rule > right.rule ? 1 : 0;
}

/**
 * A spec that cannot be read: front matter, a missing title or required section, a section
 * without the list it needs. A LightsoutError "SPEC" (bad input, exit 2) whose message is one
 * formatted issue per line; `issues` holds the same for programs.
 */
export class SpecFormatError extends LightsoutError {
  readonly issues: SpecIssue[];

  constructor(issues: SpecIssue[]) {
    super("SPEC", issues.map(formatSpecIssue).join("\n"));
    this.name = "SpecFormatError";
    this.issues = issues;
  }
}
