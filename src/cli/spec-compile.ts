/**
 * `lightsout spec compile SPEC.md [-o pipeline.dot]`: compile a spec into the factory's DOT
 * pipeline, on stdout or into a file. The spec is linted first: warnings are printed to stderr
 * and do not stop it, errors do (exit 1); a spec that cannot be read is exit 2. The output is
 * checked with the pipeline validator before it is written, so a compiled file always loads.
 */
import { existsSync } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";
import type { Command } from "commander";
import { parseDot, validateOrRaise } from "../pipeline/index.js";
import { compileSpec, FACTORY_HANDLER_TYPES, formatSpecIssue, lintSpec, readSpec, readSpecText, SpecFormatError } from "../spec/index.js";
import { writeFileAtomically } from "../write-file-atomically.js";
import { ExitCode } from "./exit-codes.js";
import { type CliIo, writeLine } from "./io.js";

export interface SpecCompileOptions {
  output?: string;
}

function displayPath(file: string, cwd: string): string {
  const shown = relative(cwd, file);
  return shown === "" || shown.startsWith("..") || isAbsolute(shown) ? file : shown;
}

/** Throws SPEC (exit 2) for an unreadable or malformed spec; returns 1 when the lint finds errors. */
export function compileSpecCommand(file: string, options: SpecCompileOptions, io: CliIo): ExitCode {
  const path = resolve(io.cwd, file);
  if (!existsSync(path)) {
    writeLine(io.stderr, `lightsout: ${file}: no such file or directory`);
    return ExitCode.usage;
  }
  const text = readSpecText(path);
  const read = readSpec(text, file);
  const structural = read.issues.filter((issue) => issue.severity === "error");
  if (!read.spec || structural.length > 0) throw new SpecFormatError(structural);
  const spec = read.spec;
  const issues = [...read.issues, ...lintSpec(spec)];
  for (const issue of issues) writeLine(io.stderr, formatSpecIssue(issue));
  if (issues.some((issue) => issue.severity === "error")) {
    writeLine(io.stderr, `lightsout: ${file} has errors; fix them (lightsout spec lint ${file}) and compile again`);
    return ExitCode.failure;
  }
  const { dot } = compileSpec(spec, { source: file });
  validateOrRaise(parseDot(dot, { source: options.output ?? "<compiled>" }), { knownHandlerTypes: ["start", "exit", "codergen", ...Object.values(FACTORY_HANDLER_TYPES)] });
  if (options.output === undefined) {
    io.stdout.write(dot);
    return ExitCode.success;
  }
  const output = resolve(io.cwd, options.output);
  writeFileAtomically(output, dot, { createDirectory: true });
  writeLine(io.stdout, `${file} -> ${displayPath(output, io.cwd)}`);
  return ExitCode.success;
}

export function addSpecCompileCommand(spec: Command, io: CliIo, finish: (code: ExitCode) => void): void {
  spec
    .command("compile")
    .description("compile a spec into the factory's pipeline (an Attractor .dot file you can edit and run)")
    .argument("<spec>", "the spec, a Markdown file")
    .option("-o, --output <file>", "write the pipeline to this file instead of stdout")
    .addHelpText("after", "\nExit status: 0 compiled (lint warnings are printed to stderr), 1 the lint found errors, 2 the spec cannot be read.\nOutput: docs/spec/README.md#compile")
    .action((file: string, options: SpecCompileOptions) => finish(compileSpecCommand(file, options, io)));
}
