/** `lightsout pipeline validate FILE.dot [--json]`: lint a pipeline and print its diagnostics. */
import type { Command } from "commander";
import { ExitCode } from "./exit-codes.js";
import { type CliIo, writeLine } from "./io.js";
import { countDiagnostics, hasErrors, loadPipeline, printDiagnostics } from "./load-pipeline.js";

export interface ValidateCommandOptions {
  json?: boolean;
}

/** Exit 1 when any diagnostic is an error, 0 otherwise; unreadable or malformed files throw (exit 2). */
export function validatePipelineCommand(file: string, options: ValidateCommandOptions, io: CliIo): ExitCode {
  const { diagnostics } = loadPipeline(file, io);
  const invalid = hasErrors(diagnostics);
  if (options.json) {
    writeLine(io.stdout, JSON.stringify(diagnostics, null, 2));
  } else {
    printDiagnostics(diagnostics, io, io.stdout);
    writeLine(io.stdout, `${file}: ${invalid ? "invalid" : "valid"} (${countDiagnostics(diagnostics)})`);
  }
  return invalid ? ExitCode.failure : ExitCode.success;
}

export function addValidateCommand(pipeline: Command, io: CliIo, finish: (code: ExitCode) => void): void {
  pipeline
    .command("validate")
    .description("check a pipeline for errors and warnings without running it")
    .argument("<file>", "the pipeline, a .dot file")
    .option("--json", "print the diagnostics as a JSON array on stdout")
    .addHelpText("after", "\nExit status: 0 valid (warnings allowed), 1 errors found, 2 unreadable or malformed file.")
    .action((file: string, options: ValidateCommandOptions) => finish(validatePipelineCommand(file, options, io)));
}
