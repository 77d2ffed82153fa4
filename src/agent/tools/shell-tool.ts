/**
 * The shell tool (spec 3.3, 5.4): one command through the environment's execCommand, in its own
 * process group, with a timeout chosen as: the call's timeout_ms, else the profile's default
 * (Anthropic: 120 s), else the session's default, else 10 s; never above the session maximum
 * (10 min). A non-zero exit is ordinary output (the model reads the exit code); a timeout is an
 * error result carrying the partial output and the spec's timeout message.
 */
import type { ExecResult } from "../execution/environment.js";
import { ToolError, type RegisteredTool, type ToolCallContext } from "./registry.js";

export const DEFAULT_COMMAND_TIMEOUT_MS = 10_000;
export const MAX_COMMAND_TIMEOUT_MS = 600_000;

export interface ShellToolOptions {
  /** The profile's default timeout, overriding the session default (spec 3.5). */
  readonly defaultTimeoutMs?: number;
  readonly description?: string;
}

export function chooseTimeout(requested: number | undefined, options: ShellToolOptions, context?: ToolCallContext): number {
  const chosen = requested ?? options.defaultTimeoutMs ?? context?.defaultCommandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
  return Math.min(Math.max(1, chosen), context?.maxCommandTimeoutMs ?? MAX_COMMAND_TIMEOUT_MS);
}

/** stdout, then stderr under a marker, then the exit code and duration. */
export function formatExecResult(result: ExecResult): string {
  const parts: string[] = [];
  if (result.stdout !== "") parts.push(result.stdout.replace(/\n$/, ""));
  if (result.stderr !== "") parts.push(`[stderr]\n${result.stderr.replace(/\n$/, "")}`);
  if (parts.length === 0) parts.push("(no output)");
  parts.push(`[exit code: ${result.exitCode}, duration: ${result.durationMs}ms]`);
  return parts.join("\n");
}

export function timeoutMessage(timeoutMs: number): string {
  return (
    `[ERROR: Command timed out after ${timeoutMs}ms. Partial output is shown above.\n` +
    "You can retry with a longer timeout by setting the timeout_ms parameter.]"
  );
}

export function createShellTool(options: ShellToolOptions = {}): RegisteredTool {
  const defaultNote = options.defaultTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
  return {
    definition: {
      name: "shell",
      description:
        options.description ??
        "Execute a shell command (bash -c) in the working directory. Returns stdout, stderr, the exit code and the duration. " +
          `Default timeout ${defaultNote}ms (max ${MAX_COMMAND_TIMEOUT_MS}ms); set timeout_ms for builds and test suites.`,
      parameters: {
        type: "object",
        properties: {
          command: { type: "string", description: "The command to run." },
          timeout_ms: { type: "integer", minimum: 1, description: "Timeout in milliseconds for this command." },
          description: { type: "string", description: "A short human-readable description of what the command does." },
        },
        required: ["command"],
        additionalProperties: false,
      },
    },
    executor: async (args, env, context) => {
      const timeoutMs = chooseTimeout(args["timeout_ms"] as number | undefined, options, context);
      const result = await env.execCommand(args["command"] as string, {
        timeoutMs,
        ...(context?.signal ? { signal: context.signal } : {}),
        // stdout and stderr interleaved as they arrive: what a person watching a terminal sees.
        ...(context?.onOutput ? { onOutput: (chunk: { text: string }) => context.onOutput?.(chunk.text) } : {}),
      });
      const output = formatExecResult(result);
      if (result.timedOut) throw new ToolError(`${output}\n${timeoutMessage(timeoutMs)}`);
      if (result.aborted) throw new ToolError(`${output}\n[ERROR: Command was cancelled.]`);
      return output;
    },
  };
}
