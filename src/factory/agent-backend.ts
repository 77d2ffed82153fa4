/**
 * The agent-backed codergen backend: each codergen (box) node of a pipeline runs a coding-agent
 * session in the run's workspace, with the node's model, reasoning effort and fidelity/thread
 * settings. Under `full` fidelity one session per thread id carries the conversation across
 * nodes, and its history is kept in `{logsRoot}/threads/` so a resumed run continues it;
 * otherwise every stage starts fresh. Per stage it writes `agent-events.jsonl` and `cost.json`
 * (and `response.md` for outcomes it decides itself) into the stage directory the engine gives
 * it, and rolls the cost up into the run's meter. Decisions: docs/decisions/0094-agent-codergen-backend.md,
 * docs/decisions/0114-agent-backend-thread-files.md.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  createAnthropicProfile,
  createGeminiProfile,
  createOpenAIProfile,
  createSession,
  type ExecutionEnvironment,
  LocalExecutionEnvironment,
  type ProviderProfile,
  readHistoryFile,
  serializeHistory,
  type Session,
  type SessionConfig,
  type SessionEvent,
  type SubmitResult,
} from "../agent/index.js";
import { errorMessage } from "../errors.js";
import { type Budget, CostMeter, type CostTotals, type LlmClient, type ModelRef, parseModelId, withBudget } from "../llm/index.js";
import type { CallOptions, Request, Response, StreamEvent, Usage } from "../llm/types.js";
import type { CodergenBackend, CodergenResult, CodergenRuntime, Context, GraphNode, PipelineEvent } from "../pipeline/index.js";
import { toolHookEvent } from "../pipeline/tool-hooks.js";
import { writeFileAtomically } from "../write-file-atomically.js";
import { type HookStage, installToolHooks, stageToolHooks } from "./agent-tool-hooks.js";
import { resolveNodeModel } from "./node-model.js";

/** What `environment(stage)` is told about the stage it makes an environment for. */
export interface AgentStage {
  nodeId: string;
  model: ModelRef;
  /** The thread id when the session is shared across nodes (`full` fidelity), else undefined. */
  threadId: string | undefined;
}

export interface AgentBackendOptions {
  llm: LlmClient;
  /** The directory the agent works in (its tools read, write and run commands there). */
  workspace: string;
  /** "provider:model" for nodes without `llm_model`. */
  defaultModel?: string;
  /**
   * The run directory: full-fidelity threads are kept in `{logsRoot}/threads/`. Stage files go to
   * the stage directory the engine passes (`runtime.stageDir`), else `{logsRoot}/{node.id}/` (see
   * `observe`). Without either (or `observe`) no stage or thread files are written.
   */
  logsRoot?: string;
  /** Where a session's tools run; default a LocalExecutionEnvironment on `workspace`. */
  environment?: (stage: AgentStage) => ExecutionEnvironment;
  /** The run's meter; each stage records its calls in `meter.child(node.id)`. */
  meter?: CostMeter;
  /** Refuses to start model calls once spent (the stage then fails with the reason). */
  budget?: Budget;
  /** Every session event, with the node it belongs to. */
  onEvent?: (nodeId: string, event: SessionEvent) => void;
  /** Session configuration for every stage (limits, timeouts); reasoning effort comes from the node. */
  sessionConfig?: Partial<SessionConfig>;
  /** Tool outputs in agent-events.jsonl are cut to this many characters. Default 4,000. */
  eventOutputLimit?: number;
}

export interface AgentBackend extends CodergenBackend {
  /**
   * Follows the run's directories: give it the engine's events (`onEvent`) so that a backend made
   * without `logsRoot` learns it from `pipeline-start` (for thread files), and so that a caller
   * that passes no `runtime.stageDir` still gets `restart-N/{node.id}` after a `loop_restart`.
   */
  observe(event: PipelineEvent): void;
  /** Closes the sessions kept for threads; call when the run is over. */
  close(): Promise<void>;
}

export const DEFAULT_EVENT_OUTPUT_LIMIT = 4_000;

const REASONING_EFFORTS = ["low", "medium", "high"] as const;
type Effort = (typeof REASONING_EFFORTS)[number];

/** One model call as a stage records it. */
interface StageCall {
  modelId: string;
  usage: Usage;
}

/** A session, and the stage its calls and events belong to right now (a thread moves across stages). */
interface LiveSession {
  session: Session;
  modelId: string;
  charge: (call: StageCall) => void;
  listen: (event: SessionEvent) => void;
  hookStage: HookStage | undefined;
}

/**
 * The file name of a thread's history: the id with anything but letters, digits, `.`, `_` and
 * `-` replaced (it comes from the graph and must not leave `threads/`), plus a short hash of the
 * id when anything was replaced, so `a/b` and `a_b` keep separate files.
 */
export function threadFileName(threadId: string): string {
  const safe = threadId.replace(/[^A-Za-z0-9._-]/g, "_").replace(/^\./, "_").slice(0, 100);
  if (safe === threadId) return `${safe}.json`;
  return `${safe}-${createHash("sha256").update(threadId).digest("hex").slice(0, 8)}.json`;
}

/** The profile of the model's provider; openai-compatible endpoints speak the OpenAI tool set. */
export function profileFor(model: ModelRef): ProviderProfile {
  switch (model.provider) {
    case "anthropic":
      return createAnthropicProfile(model.model);
    case "google":
      return createGeminiProfile(model.model);
    case "openai":
      return createOpenAIProfile(model.model);
    case "openai-compatible":
      // The full id, so the request names the endpoint whatever provider the profile claims.
      return createOpenAIProfile(model.id);
  }
}

function reasoningEffortOf(node: GraphNode): Effort | undefined {
  const value = node.attributes["reasoning_effort"]?.trim().toLowerCase();
  return (REASONING_EFFORTS as readonly string[]).includes(value ?? "") ? (value as Effort) : undefined;
}

/** A client that reports each finished call (complete or stream) to `onCall`. */
function meteredClient(llm: LlmClient, onCall: (call: StageCall) => void): LlmClient {
  const modelIdOf = (request: Request): string => {
    try {
      return parseModelId(request.model, request.provider).id;
    } catch {
      return request.model;
    }
  };
  return {
    async complete(request: Request, options?: CallOptions): Promise<Response> {
      const response = await llm.complete(request, options);
      onCall({ modelId: modelIdOf(request), usage: response.usage });
      return response;
    },
    async *stream(request: Request, options?: CallOptions): AsyncIterable<StreamEvent> {
      for await (const event of llm.stream(request, options)) {
        if (event.type === "finish") onCall({ modelId: modelIdOf(request), usage: event.usage });
        yield event;
      }
    },
  };
}

/** An event as a line of agent-events.jsonl: long tool outputs cut, streaming deltas left out. */
function eventRecord(event: SessionEvent, limit: number): SessionEvent | undefined {
  if (event.kind === "assistant-text-delta" || event.kind === "tool-call-output-delta") return undefined;
  if (event.kind === "tool-call-end" && event.output.length > limit) {
    return { ...event, output: `${event.output.slice(0, limit)}\n[... ${event.output.length - limit} characters omitted ...]` };
  }
  return event;
}

/** Completed (and awaiting-input) -> the text; the rest -> an outcome (ADR 0094). */
export function outcomeOfSubmit(result: SubmitResult, lastError: string | undefined, nodeId = ""): CodergenResult {
  switch (result.outcome) {
    case "completed":
    case "awaiting-input":
      return result.text;
    case "round-limit":
      return {
        status: "partial_success",
        notes: `the agent hit its tool-round limit before finishing (${result.turns} model turns)`,
        contextUpdates: { last_stage: nodeId, last_response: Array.from(result.text).slice(0, 200).join("") },
      };
    case "turn-limit":
      return { status: "fail", failureReason: `the agent session hit its turn limit (${result.turns} model turns)` };
    case "context-length":
      return { status: "fail", failureReason: `the conversation no longer fits the model's context window${lastError ? `: ${lastError}` : ""}` };
    case "aborted":
      return { status: "fail", failureReason: "the agent session was cancelled" };
    case "error":
      return { status: "fail", failureReason: lastError ?? "the agent session failed" };
  }
}

/** cost.json: the stage's calls, summed tokens and dollars (null when a model's price is unknown). */
function costRecord(nodeId: string, modelId: string, totals: CostTotals): Record<string, unknown> {
  return {
    node: nodeId,
    model: modelId,
    calls: totals.calls,
    input_tokens: totals.usage.inputTokens,
    output_tokens: totals.usage.outputTokens,
    total_tokens: totals.usage.totalTokens,
    ...(totals.usage.reasoningTokens !== undefined ? { reasoning_tokens: totals.usage.reasoningTokens } : {}),
    ...(totals.usage.cacheReadTokens !== undefined ? { cache_read_tokens: totals.usage.cacheReadTokens } : {}),
    ...(totals.usage.cacheWriteTokens !== undefined ? { cache_write_tokens: totals.usage.cacheWriteTokens } : {}),
    usd: totals.unpricedCalls > 0 && totals.calls === totals.unpricedCalls ? null : totals.usd,
    unpriced_calls: totals.unpricedCalls,
  };
}

export function createAgentBackend(options: AgentBackendOptions): AgentBackend {
  const llm = options.budget ? withBudget(options.llm, options.budget) : options.llm;
  const outputLimit = options.eventOutputLimit ?? DEFAULT_EVENT_OUTPUT_LIMIT;
  const threads = new Map<string, LiveSession>();
  let stageRoot = options.logsRoot;
  // Unlike stageRoot it stays put across loop restarts: a thread outlives a restart's folder.
  let runRoot = options.logsRoot;
  const threadFile = (threadId: string): string | undefined => (runRoot !== undefined ? join(runRoot, "threads", threadFileName(threadId)) : undefined);

  /**
   * The stored history of a thread for `model`: none for a thread not started yet or one kept by
   * another model (which cannot continue it, as in memory). A damaged file throws LightsoutError
   * INPUT naming it: a fresh start would silently drop the conversation.
   */
  function storedHistory(file: string | undefined, model: ModelRef): ReturnType<typeof readHistoryFile> {
    if (file === undefined) return undefined;
    const history = readHistoryFile(file);
    if (history === undefined) return undefined;
    const stored = (JSON.parse(readFileSync(file, "utf8")) as { model?: unknown }).model;
    return stored === undefined || stored === model.id ? history : undefined;
  }

  function openSession(
    node: GraphNode,
    model: ModelRef,
    threadId: string | undefined,
    onEvent: (event: SessionEvent) => void,
    history: ReturnType<typeof readHistoryFile>,
  ): LiveSession {
    const environment = options.environment?.({ nodeId: node.id, model, threadId }) ?? new LocalExecutionEnvironment({ workingDir: options.workspace });
    const routing = { charge: (_call: StageCall): void => undefined, listen: onEvent, hookStage: undefined as HookStage | undefined };
    const pendingCallIds = new Map<string, string[]>();
    const profile = profileFor(model);
    installToolHooks(profile, { stage: () => routing.hookStage, nextCallId: (toolName) => pendingCallIds.get(toolName)?.shift() ?? "" });
    const session = createSession({
      profile,
      environment,
      llm: meteredClient(llm, (call) => routing.charge(call)),
      ...(options.sessionConfig ? { config: options.sessionConfig } : {}),
      ...(history !== undefined ? { history } : {}),
      // Through `routing`, so that each stage of a thread gets the events of its own turns.
      onEvent: (event) => {
        if (event.kind === "tool-call-start") pendingCallIds.set(event.toolName, [...(pendingCallIds.get(event.toolName) ?? []), event.callId]);
        routing.listen(event);
      },
    });
    return Object.assign(routing, { session, modelId: model.id });
  }

  async function run(node: GraphNode, prompt: string, context: Context, runtime: CodergenRuntime): Promise<CodergenResult> {
    const model = resolveNodeModel(node, options.defaultModel);
    // The engine's stage directory keeps parallel branches apart; a caller without one gets the old layout.
    const stageDir = runtime.stageDir ?? (stageRoot !== undefined ? join(stageRoot, node.id) : undefined);
    const stageMeter = new CostMeter(node.id);
    const runMeter = options.meter?.child(node.id);
    const eventLines: string[] = [];
    let lastError: string | undefined;
    const onEvent = (event: SessionEvent): void => {
      if (event.kind === "error") lastError = event.message;
      if (event.kind === "warning" && event.code === "context-length") lastError = event.message;
      const record = eventRecord(event, outputLimit);
      if (record) eventLines.push(JSON.stringify(record));
      options.onEvent?.(node.id, event);
    };

    // Spec 5.4: `full` continues the thread's session; any other mode starts from the preamble.
    const threadId = runtime.fidelity.mode === "full" ? runtime.fidelity.threadId || node.id : undefined;
    let live = threadId !== undefined ? threads.get(threadId) : undefined;
    if (live && (live.modelId !== model.id || live.session.state === "closed")) {
      // Another model cannot continue this conversation; a closed session cannot either.
      await live.session.close();
      live = undefined;
    }
    const file = threadId !== undefined ? threadFile(threadId) : undefined;
    if (!live) {
      let history: ReturnType<typeof readHistoryFile>;
      try {
        history = storedHistory(file, model);
      } catch (error) {
        return { status: "fail", failureReason: errorMessage(error) };
      }
      live = openSession(node, model, threadId, onEvent, history);
      if (threadId !== undefined) threads.set(threadId, live);
    }
    live.listen = onEvent;
    live.hookStage = {
      nodeId: node.id,
      hooks: stageToolHooks(node, context),
      cwd: options.workspace,
      onRecord: (record) => {
        runtime.emit(toolHookEvent(record));
        eventLines.push(JSON.stringify({ kind: "tool-hook", ...record }));
      },
    };
    live.charge = (call) => {
      stageMeter.record(call.modelId, call.usage);
      runMeter?.record(call.modelId, call.usage);
    };

    const session = live.session;
    session.setReasoningEffort(reasoningEffortOf(node));
    const onAbort = (): void => void session.abort();
    runtime.signal.addEventListener("abort", onAbort, { once: true });
    let result: CodergenResult;
    try {
      result = outcomeOfSubmit(await session.submit(prompt), lastError, node.id);
    } catch (error) {
      result = { status: "fail", failureReason: errorMessage(error) };
    } finally {
      runtime.signal.removeEventListener("abort", onAbort);
      live.charge = () => undefined;
      if (threadId === undefined) await session.close();
      // A later stage of the thread listens for itself; the events after this point are not ours.
      live.listen = () => undefined;
      live.hookStage = undefined;
    }
    if (file !== undefined) {
      try {
        // Turns only (messages, tool calls and results): no request, header or key is in a session's history.
        writeFileAtomically(file, `${JSON.stringify({ ...serializeHistory(session.history), model: model.id })}\n`, { createDirectory: true });
      } catch (error) {
        result = { status: "fail", failureReason: `could not save thread ${threadId ?? ""} to ${file}: ${errorMessage(error)}` };
      }
    }

    if (stageDir !== undefined) {
      mkdirSync(stageDir, { recursive: true });
      writeFileSync(join(stageDir, "agent-events.jsonl"), eventLines.map((line) => `${line}\n`).join(""));
      writeFileSync(join(stageDir, "cost.json"), `${JSON.stringify(costRecord(node.id, model.id, stageMeter.totals()), null, 2)}\n`);
      // The handler writes response.md only for a plain response; a decided outcome keeps its text here.
      if (typeof result !== "string") writeFileSync(join(stageDir, "response.md"), lastAssistantText(session));
    }
    return result;
  }

  return {
    run,
    persistsThreads: true,
    observe(event) {
      if (event.type === "pipeline-restart" || (event.type === "pipeline-start" && stageRoot === undefined)) stageRoot = event.logsRoot;
      if (event.type === "pipeline-start" && runRoot === undefined) runRoot = event.logsRoot;
    },
    async close() {
      const open = [...threads.values()];
      threads.clear();
      await Promise.all(open.map((live) => live.session.close()));
    },
  };
}

function lastAssistantText(session: Session): string {
  for (let index = session.history.length - 1; index >= 0; index--) {
    const turn = session.history[index];
    if (turn?.kind === "assistant" && turn.content !== "") return turn.content;
  }
  return "";
}

