/**
 * Tool call hooks (spec 9.7): shell commands run around each tool call an LLM makes inside a
 * codergen stage. A pre-hook that exits non-zero vetoes the call; a post-hook only observes.
 * Both get the call as environment variables and as JSON on stdin. The pipeline only offers
 * these pieces; the codergen backend (the agent) calls them around its tools.
 * Decisions: docs/decisions/0037-tool-hook-contract.md.
 */
import { errorMessage } from "../errors.js";
import type { EmittedEvent } from "./events.js";
import type { Graph, GraphNode } from "./graph.js";
import { runShellCommand, type SpawnFunction } from "./shell-command.js";

export interface ToolHooks {
  pre?: string;
  post?: string;
}

export interface ToolCall {
  nodeId: string;
  toolName: string;
  toolCallId: string;
  arguments: unknown;
}

export interface CompletedToolCall extends ToolCall {
  result: unknown;
  isError: boolean;
}

export interface ToolHookOptions {
  /** Where hooks run; defaults to the process's working directory. */
  cwd?: string;
  /** The environment hooks start from; defaults to the process's. */
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  signal?: AbortSignal;
  spawn?: SpawnFunction;
}

export interface PreHookResult {
  proceed: boolean;
  /** Null when the hook was killed (timeout, cancellation) or could not start. */
  exitCode: number | null;
  output: string;
}

export interface PostHookResult {
  ok: boolean;
  exitCode: number | null;
  output: string;
}

/** What a hook run leaves in the stage log; `skipped` is true when a pre-hook vetoed the call. */
export interface ToolHookRecord {
  phase: "pre" | "post";
  nodeId: string;
  toolName: string;
  toolCallId: string;
  exitCode: number | null;
  ok: boolean;
  skipped: boolean;
  output: string;
}

export interface ToolExecutionResult {
  content: string;
  isError: boolean;
}

export type ToolExecutor = (call: ToolCall) => Promise<ToolExecutionResult>;

export const DEFAULT_HOOK_TIMEOUT_MS = 60_000;
export const SKIPPED_BY_PRE_HOOK = "skipped by pre-hook";

/**
 * The hooks for a node: each of `tool_hooks.pre` and `tool_hooks.post` from the node when it sets
 * the attribute, else from the graph. A node that sets one to "" turns the graph's hook off.
 */
export function resolveToolHooks(node: GraphNode, graph: Graph): ToolHooks {
  const hooks: ToolHooks = {};
  for (const phase of ["pre", "post"] as const) {
    const key = `tool_hooks.${phase}`;
    const command = (key in node.attributes ? node.attributes[key] : graph.attributes[key])?.trim();
    if (command) hooks[phase] = command;
  }
  return hooks;
}

/** Runs a pre-hook; the call may proceed only when it exits 0. Never rejects. */
export async function runPreHook(command: string, call: ToolCall, options: ToolHookOptions = {}): Promise<PreHookResult> {
  const { exitCode, output } = await runHook(command, "pre", call, { phase: "pre", ...describeCall(call) }, {}, options);
  return { proceed: exitCode === 0, exitCode, output };
}

/** Runs a post-hook; its failure is reported, never raised, and never undoes the call. */
export async function runPostHook(command: string, call: CompletedToolCall, options: ToolHookOptions = {}): Promise<PostHookResult> {
  const payload = { phase: "post", ...describeCall(call), result: call.result, is_error: call.isError };
  const { exitCode, output } = await runHook(command, "post", call, payload, { ATTRACTOR_TOOL_IS_ERROR: String(call.isError) }, options);
  return { ok: exitCode === 0, exitCode, output };
}

/**
 * An executor that runs the hooks around `executor`: a failed pre-hook skips the call and returns
 * a tool error result the model can read; a post-hook runs after every call that was made.
 */
export function wrapToolExecutor(
  hooks: ToolHooks,
  executor: ToolExecutor,
  onRecord: (record: ToolHookRecord) => void = () => undefined,
  options: ToolHookOptions = {},
): ToolExecutor {
  if (!hooks.pre && !hooks.post) return executor;
  return async (call) => {
    const identity = { nodeId: call.nodeId, toolName: call.toolName, toolCallId: call.toolCallId };
    if (hooks.pre) {
      const pre = await runPreHook(hooks.pre, call, options);
      onRecord({ phase: "pre", ...identity, exitCode: pre.exitCode, ok: pre.proceed, skipped: !pre.proceed, output: pre.output });
      if (!pre.proceed) {
        const detail = pre.output ? `: ${pre.output}` : "";
        return { content: `${SKIPPED_BY_PRE_HOOK} (exit code ${pre.exitCode ?? "none"})${detail}`, isError: true };
      }
    }
    let result: ToolExecutionResult;
    try {
      result = await executor(call);
    } catch (error) {
      // The post-hook still audits a call that threw; the error stays the executor's to report.
      if (hooks.post) await runAndRecordPost(hooks.post, { ...call, result: errorMessage(error), isError: true }, onRecord, options);
      throw error;
    }
    if (hooks.post) await runAndRecordPost(hooks.post, { ...call, result: result.content, isError: result.isError }, onRecord, options);
    return result;
  };
}

/** The `tool-hook` event for a record, for backends that forward records to the event stream. */
export function toolHookEvent(record: ToolHookRecord): EmittedEvent {
  return { type: "tool-hook", nodeId: record.nodeId, phase: record.phase, exitCode: record.exitCode ?? -1, skipped: record.skipped };
}

async function runAndRecordPost(
  command: string,
  call: CompletedToolCall,
  onRecord: (record: ToolHookRecord) => void,
  options: ToolHookOptions,
): Promise<void> {
  const post = await runPostHook(command, call, options);
  onRecord({
    phase: "post",
    nodeId: call.nodeId,
    toolName: call.toolName,
    toolCallId: call.toolCallId,
    exitCode: post.exitCode,
    ok: post.ok,
    skipped: false,
    output: post.output,
  });
}

/** The call as hooks see it on stdin: snake_case, like the status file, for shell and Python scripts. */
function describeCall(call: ToolCall): Record<string, unknown> {
  return { node_id: call.nodeId, tool_name: call.toolName, tool_call_id: call.toolCallId, arguments: call.arguments };
}

async function runHook(
  command: string,
  phase: "pre" | "post",
  call: ToolCall,
  payload: Record<string, unknown>,
  extraEnv: Record<string, string>,
  options: ToolHookOptions,
): Promise<{ exitCode: number | null; output: string }> {
  let stdin: string;
  try {
    stdin = JSON.stringify(payload);
  } catch (error) {
    // Arguments or a result that cannot be serialized (a cycle) still must not break the call.
    stdin = JSON.stringify({ ...payload, arguments: null, result: null, serialization_error: errorMessage(error) });
  }
  const result = await runShellCommand(command, {
    cwd: options.cwd ?? process.cwd(),
    env: {
      ...(options.env ?? process.env),
      ATTRACTOR_TOOL_NAME: call.toolName,
      ATTRACTOR_TOOL_CALL_ID: call.toolCallId,
      ATTRACTOR_NODE_ID: call.nodeId,
      ATTRACTOR_HOOK_PHASE: phase,
      ...extraEnv,
    },
    stdin,
    timeoutMs: options.timeoutMs ?? DEFAULT_HOOK_TIMEOUT_MS,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.spawn ? { spawn: options.spawn } : {}),
  });
  const parts = [result.stdout.trim(), result.stderr.trim()];
  if (result.spawnError !== undefined) parts.push(`cannot run hook: ${result.spawnError}`);
  if (result.timedOut) parts.push(`hook timed out after ${options.timeoutMs ?? DEFAULT_HOOK_TIMEOUT_MS}ms`);
  return { exitCode: result.exitCode, output: parts.filter((part) => part !== "").join("\n") };
}
