/**
 * Reading and preparing the FILE.dot a command was given, the same way for run, validate and
 * render: paths are relative to the CLI's working directory, messages name the path as typed.
 */
import { resolve } from "node:path";
import { type PreparedPipeline, preparePipeline, readPipelineFile } from "../pipeline/prepare.js";
import type { Diagnostic } from "../pipeline/validation/index.js";
import { formatDiagnostic } from "../pipeline/validation/index.js";
import { writeLine } from "./io.js";
import type { CliIo } from "./io.js";

/** Throws INPUT for an unreadable file and DOT_SYNTAX for malformed DOT; diagnostics are returned. */
export function loadPipeline(file: string, io: CliIo): PreparedPipeline {
  const text = readPipelineFile(resolve(io.cwd, file));
  return preparePipeline(text, { source: file });
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((diagnostic) => diagnostic.severity === "error");
}

export function printDiagnostics(diagnostics: readonly Diagnostic[], io: CliIo, stream = io.stderr): void {
  for (const diagnostic of diagnostics) writeLine(stream, formatDiagnostic(diagnostic));
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/** `2 errors, 1 warning` (info diagnostics are counted only when there are some). */
export function countDiagnostics(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === "error").length;
  const warnings = diagnostics.filter((diagnostic) => diagnostic.severity === "warning").length;
  const infos = diagnostics.filter((diagnostic) => diagnostic.severity === "info").length;
  return [plural(errors, "error"), plural(warnings, "warning"), ...(infos > 0 ? [plural(infos, "note")] : [])].join(", ");
}
