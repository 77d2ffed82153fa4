/**
 * The `lightsout` command line: builds the commander program and runs it against an injected
 * `CliIo`, returning the exit code instead of exiting, so tests call it in-process. Every error
 * ends here as one line on stderr (see report-error.ts); commander's own usage errors exit 2.
 */
import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { ExitCode } from "./exit-codes.js";
import type { CliIo } from "./io.js";
import { addDemoCommand } from "./demo.js";
import { addRenderCommand } from "./pipeline-render.js";
import { addRunCommand } from "./pipeline-run.js";
import { addValidateCommand } from "./pipeline-validate.js";
import { reportError } from "./report-error.js";
import { addRunsExportCommand } from "./runs-export.js";
import { addRunsListCommand } from "./runs-list.js";
import { addRunsShowCommand } from "./runs-show.js";
import { addFactoryRunCommand } from "./run.js";
import { addScenariosCompareCommand } from "./scenarios-compare.js";
import { addScenariosLeakCheckCommand } from "./scenarios-leak-check.js";
import { addScenariosLintCommand } from "./scenarios-lint.js";
import { addScenariosPlanCommand } from "./scenarios-plan.js";
import { addScenariosRunCommand } from "./scenarios-run.js";
import { addSpecCompileCommand } from "./spec-compile.js";
import { addSpecLintCommand } from "./spec-lint.js";
import { addTwinsListCommand } from "./twins-list.js";
import { addTwinsUpCommand } from "./twins-up.js";

export type { CliIo } from "./io.js";
export { processIo } from "./io.js";

/** The package version; package.json is two levels up from both src/cli and dist/cli. */
function packageVersion(): string {
  try {
    const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version?: unknown };
    return typeof manifest.version === "string" ? manifest.version : "unknown";
  } catch {
    return "unknown";
  }
}

function buildProgram(io: CliIo, finish: (code: ExitCode) => void): Command {
  const program = new Command("lightsout")
    .description("A lights-out software factory: specs in, software out, shipped when it satisfies holdout scenarios run on digital twins. Start with `lightsout demo`.")
    .version(packageVersion(), "-V, --version", "print the version")
    .helpOption("-h, --help", "show help for a command")
    // Inherited by every subcommand created below: throw instead of exiting, write to io.
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showHelpAfterError("(add --help for usage)")
    .addHelpText("after", "\nExit status: 0 success, 1 pipeline failed or invalid, 2 usage or input error, 70 internal error, 130 interrupted.\nReference: docs/cli.md");

  const pipeline = program.command("pipeline").description("run, validate and render DOT pipelines");
  addRunCommand(pipeline, io, finish);
  addValidateCommand(pipeline, io, finish);
  addRenderCommand(pipeline, io, finish);

  const scenarios = program.command("scenarios").description("lint scenarios, run them against an app and gate it on satisfaction, compare runs");
  addScenariosRunCommand(scenarios, io, finish);
  addScenariosLintCommand(scenarios, io, finish);
  addScenariosCompareCommand(scenarios, io, finish);
  addScenariosPlanCommand(scenarios, io, finish);
  addScenariosLeakCheckCommand(scenarios, io, finish);

  const spec = program.command("spec").description("lint a spec (SPEC.md) and compile it into the factory's pipeline");
  addSpecLintCommand(spec, io, finish);
  addSpecCompileCommand(spec, io, finish);

  const runs = program.command("runs").description("list, show and export the runs recorded in the run store");
  addRunsListCommand(runs, io, finish);
  addRunsShowCommand(runs, io, finish);
  addRunsExportCommand(runs, io, finish);

  const twins = program.command("twins").description("serve and list the digital twins (Slack, Jira, Okta, Google Drive/Docs/Sheets, and the OpenAI, Anthropic and Gemini APIs)");
  addTwinsUpCommand(twins, io, finish);
  addTwinsListCommand(twins, io, finish);
  addFactoryRunCommand(program, io, finish);
  addDemoCommand(program, io, finish);
  return program;
}

/** Runs the CLI on `argv` (the arguments after the program name) and returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode: ExitCode = ExitCode.success;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (error) {
    // --help and --version end with a CommanderError too, with exit code 0; anything else is usage.
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.success : ExitCode.usage;
    return reportError(error, io);
  }
}
