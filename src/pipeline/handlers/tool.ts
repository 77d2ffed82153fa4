/**
 * The tool handler (spec 4.10): runs the node's `tool_command` with `/bin/sh -c` and turns its
 * exit into an outcome. The command runs in a process group of its own, so a timeout or a
 * cancelled run stops everything it started, not just the shell. Decisions:
 * docs/decisions/0032-tool-handler-processes.md.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { errorMessage } from "../../errors.js";
import { readDuration } from "../attributes.js";
import { fail, success, type Outcome } from "../outcome.js";
import { adoptWrittenStatus, removeStatusFile, writeStatusFile } from "../status-file.js";
import { expandGoal } from "./codergen.js";
import type { Handler } from "./handler.js";
import { DEFAULT_KILL_GRACE_MS, DEFAULT_OUTPUT_LIMIT_BYTES, runShellCommand, type ShellCommandResult, type SpawnFunction } from "../shell-command.js";

export { runShellCommand, type ShellCommandOptions, type ShellCommandResult, type SpawnFunction } from "../shell-command.js";

export interface ToolHandlerOptions {
  spawn?: SpawnFunction;
  /** The environment the command starts from; the agent module will pass one without secrets. */
  env?: NodeJS.ProcessEnv;
  /** The run's working directory, where the command runs. */
  workingDirectory?: string;
  outputLimitBytes?: number;
  killGraceMs?: number;
}

export function createToolHandler({
  spawn,
  env = process.env,
  workingDirectory = process.cwd(),
  outputLimitBytes = DEFAULT_OUTPUT_LIMIT_BYTES,
  killGraceMs = DEFAULT_KILL_GRACE_MS,
}: ToolHandlerOptions = {}): Handler {
  return {
    async execute(node, _context, graph, logsRoot, runtime) {
      const command = expandGoal(node.attributes["tool_command"] ?? "", graph).trim();
      const stageDir = join(logsRoot, node.id);
      try {
        if (command === "") return recordOutcome(stageDir, fail("No tool_command specified"));
        // Checked first because spawn reports a missing cwd as a missing /bin/sh.
        if (!existsSync(workingDirectory)) return recordOutcome(stageDir, fail(`working directory ${workingDirectory} does not exist`));
        mkdirSync(stageDir, { recursive: true });
        removeStatusFile(stageDir);
        const timeoutMs = readDuration(node.attributes, "timeout");
        const result = await runShellCommand(command, {
          cwd: workingDirectory,
          env: { ...env, ATTRACTOR_LOGS_ROOT: logsRoot, ATTRACTOR_STAGE_DIR: stageDir, ATTRACTOR_NODE_ID: node.id },
          signal: runtime.signal,
          outputLimitBytes,
          killGraceMs,
          ...(spawn ? { spawn } : {}),
          ...(timeoutMs !== undefined ? { timeoutMs } : {}),
        });
        writeFileSync(join(stageDir, "stdout.txt"), result.stdout);
        writeFileSync(join(stageDir, "stderr.txt"), result.stderr);
        return recordOutcome(stageDir, toolOutcome(command, result, stageDir, node.attributes["timeout"]));
      } catch (error) {
        return fail(errorMessage(error));
      }
    },
  };
}

function toolOutcome(command: string, result: ShellCommandResult, stageDir: string, timeoutText: string | undefined): Outcome {
  if (result.spawnError !== undefined) return fail(`cannot run tool_command: ${result.spawnError}`);
  const contextUpdates = { "tool.output": withoutTrailingNewline(result.stdout), "tool.exit_code": result.exitCode };
  const truncation = describeTruncation(result);
  if (result.cancelled) return fail("tool_command cancelled", { contextUpdates });
  if (result.timedOut) return fail(`tool_command timed out after ${timeoutText ?? "its timeout"}`, { contextUpdates });
  if (result.exitCode === null) return fail(`tool_command killed by signal ${result.signal ?? "unknown"}`, { contextUpdates });
  if (result.exitCode !== 0) {
    const lastLine = lastNonEmptyLine(result.stderr);
    return fail(`exit code ${result.exitCode}${lastLine ? `: ${lastLine}` : ""}`, { contextUpdates, ...(truncation ? { notes: truncation } : {}) });
  }
  // Only a command that succeeded may report a finer outcome through the status file.
  const reported = adoptWrittenStatus(stageDir, "tool_command", contextUpdates);
  if (reported) return reported;
  return success({ contextUpdates, notes: `Tool completed: ${command}${truncation ? `; ${truncation}` : ""}` });
}

function describeTruncation(result: ShellCommandResult): string {
  const parts: string[] = [];
  if (result.stdoutOmittedBytes > 0) parts.push(`stdout truncated (${result.stdoutOmittedBytes} bytes omitted)`);
  if (result.stderrOmittedBytes > 0) parts.push(`stderr truncated (${result.stderrOmittedBytes} bytes omitted)`);
  return parts.join(", ");
}

function withoutTrailingNewline(text: string): string {
  if (text.endsWith("\r\n")) return text.slice(0, -2);
  return text.endsWith("\n") ? text.slice(0, -1) : text;
}

function lastNonEmptyLine(text: string): string {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== "");
  return lines.at(-1)?.trim() ?? "";
}

function recordOutcome(stageDir: string, outcome: Outcome): Outcome {
  writeStatusFile(stageDir, outcome);
  return outcome;
}
