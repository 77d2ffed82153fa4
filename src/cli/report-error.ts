/**
 * The CLI's last line of defence: anything thrown becomes one line on stderr and an exit code,
 * never a stack trace (unless LIGHTSOUT_DEBUG=1 asks for one, for bug reports).
 */
import { LightsoutError, errorMessage } from "../errors.js";
import type { ErrorCode } from "../errors.js";
import { ExitCode } from "./exit-codes.js";
import { type CliIo, writeLine } from "./io.js";

/** Errors in what the user gave us: the file, its syntax, the graph, a checkpoint to resume. */
const INPUT_ERROR_CODES: ReadonlySet<ErrorCode> = new Set(["INPUT", "DOT_SYNTAX", "VALIDATION", "CHECKPOINT", "STYLESHEET_SYNTAX", "CONDITION_SYNTAX", "SCENARIO", "LLM_CONFIG", "SPEC", "STORE"]);

export function exitCodeFor(error: unknown): ExitCode {
  if (!LightsoutError.isInstance(error)) return ExitCode.internal;
  if (INPUT_ERROR_CODES.has(error.code)) return ExitCode.usage;
  if (error.code === "CANCELLED") return ExitCode.interrupted;
  // HANDLER, TIMEOUT and the like escaping the engine: the run failed, lightsout did not.
  return ExitCode.failure;
}

/** Prints `error` as `lightsout: <message>` and returns the exit code it stands for. */
export function reportError(error: unknown, io: CliIo): ExitCode {
  const exitCode = exitCodeFor(error);
  const message = errorMessage(error);
  writeLine(io.stderr, exitCode === ExitCode.internal ? `lightsout: internal error: ${message}` : `lightsout: ${message}`);
  if (io.env["LIGHTSOUT_DEBUG"] === "1" && error instanceof Error && error.stack) writeLine(io.stderr, error.stack);
  return exitCode;
}
