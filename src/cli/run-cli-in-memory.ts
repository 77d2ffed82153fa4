/**
 * The whole `lightsout` CLI run in-process on a memory io: what tests (and programs embedding the
 * CLI) use to get a command's exit code and output as text, through the same entry as the bin.
 */
import { runCli } from "./main.js";
import { createMemoryIo } from "./memory-io.js";

export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCliInMemory(argv: readonly string[], options: { cwd: string }): Promise<CliOutcome> {
  const io = createMemoryIo({ cwd: options.cwd });
  const code = await runCli(argv, io);
  return { code, stdout: io.stdoutText(), stderr: io.stderrText() };
}
