/**
 * One error base for the whole project, with stable codes and a marker check that works
 * across module copies (instanceof fails when two copies of the package are loaded).
 */
const marker = Symbol.for("lightsout.error");

export type ErrorCode =
  | "DOT_SYNTAX"
  | "VALIDATION"
  | "INPUT"
  | "CHECKPOINT"
  | "HANDLER"
  | "CANCELLED"
  | "TIMEOUT"
  | "ARTIFACT_NOT_FOUND"
  | "STYLESHEET_SYNTAX"
  | "CONDITION_SYNTAX"
  /** A scenario file that cannot be loaded: syntax, schema or a semantic lint error. */
  | "SCENARIO"
  /** The LLM layer is misconfigured: an unknown provider, a missing API key or base URL (bad input). */
  | "LLM_CONFIG"
  /** An LLM provider call failed (HTTP error, network, malformed answer); see LlmError.kind. */
  | "LLM_PROVIDER"
  /** A spending budget is exhausted; no further model call is started. */
  | "BUDGET"
  /** An NLSpec that cannot be read: front matter, a missing required section, bad structure (bad input). */
  | "SPEC"
  /** The run store cannot be opened or a record cannot be appended (unknown parent, bad blob). */
  | "STORE";

export class LightsoutError extends Error {
  readonly [marker] = true;
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "LightsoutError";
    this.code = code;
  }

  static isInstance(value: unknown): value is LightsoutError {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}

/** The message of anything thrown, without a stack. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
