/**
 * The core agentic loop (coding-agent-loop-spec 2.5) for one input: build the request from the
 * profile, call the model, record the assistant turn, run its tool calls (in parallel when the
 * profile allows), drain steering, detect loops, and repeat until the model answers with text
 * only, a limit is hit, the session is aborted, or the model call fails. Its dependencies come
 * in through `AgentLoopContext`; the Session owns the state and the follow-up queue.
 */
import { LlmError } from "../llm/errors.js";
import type { LlmClient, ReasoningEffort, Request, Response, ToolCall } from "../llm/types.js";
import { responseReasoning, responseText, responseToolCalls, systemMessage } from "../llm/types.js";
import type { EventHub, ProcessingOutcome } from "./events.js";
import type { ExecutionEnvironment } from "./execution/environment.js";
import { detectLoop, loopWarning, toolCallSignature } from "./loop-detection.js";
import type { ProviderProfile } from "./profiles/profile.js";
import type { MessageQueue } from "./steering.js";
import type { ToolDefinition, ToolRegistry } from "./tools/registry.js";
import { truncateToolOutput } from "./tools/truncate-output.js";
import type { ToolResult, Turn } from "./turns.js";
import { historyCharacterCount, historyToMessages, historyToolCalls } from "./turns.js";

/** Spec 2.2 SessionConfig; 0 means unlimited for the two limits. */
export interface SessionConfig {
  maxTurns: number;
  maxToolRoundsPerInput: number;
  defaultCommandTimeoutMs: number;
  maxCommandTimeoutMs: number;
  /** Read at every model call, so a change takes effect on the next call (2.7). */
  reasoningEffort: ReasoningEffort | undefined;
  toolOutputLimits: Record<string, number>;
  /** `null` switches a default line limit off. */
  toolLineLimits: Record<string, number | null>;
  enableLoopDetection: boolean;
  loopDetectionWindow: number;
  maxSubagentDepth: number;
  /** Stream the model's answer (assistant-text-delta events); default: the profile's supportsStreaming. */
  streaming: boolean;
  /** Warn (event) when the estimated context use passes this fraction of the profile's window (5.5). */
  contextWarningThreshold: number;
}

export interface AgentLoopContext {
  readonly profile: ProviderProfile;
  readonly environment: ExecutionEnvironment;
  readonly llm: LlmClient;
  readonly config: SessionConfig;
  readonly history: Turn[];
  readonly events: EventHub;
  readonly steering: MessageQueue;
  /** The profile's tools plus the session's own (subagent tools). */
  readonly tools: ToolRegistry;
  readonly toolDefinitions: () => ToolDefinition[];
  readonly systemPrompt: () => string;
  readonly signal: AbortSignal;
  readonly now: () => number;
}

/** Spec 2.5 process_input without the follow-up recursion (the Session drains follow-ups). */
export async function processInput(context: AgentLoopContext, input: string): Promise<ProcessingOutcome> {
  const { config, events, history } = context;
  history.push({ kind: "user", content: input, timestamp: context.now() });
  events.emit({ kind: "user-input", content: input });
  drainSteering(context);

  let rounds = 0;
  let contextWarned = false;
  while (true) {
    if (config.maxToolRoundsPerInput > 0 && rounds >= config.maxToolRoundsPerInput) {
      events.emit({ kind: "turn-limit", limit: "max-tool-rounds-per-input", rounds, totalTurns: countTurns(history) });
      return "round-limit";
    }
    if (config.maxTurns > 0 && countTurns(history) >= config.maxTurns) {
      events.emit({ kind: "turn-limit", limit: "max-turns", rounds, totalTurns: countTurns(history) });
      return "turn-limit";
    }
    if (context.signal.aborted) return "aborted";

    let response: Response;
    try {
      response = await callModel(context, buildRequest(context));
    } catch (error) {
      return modelFailure(context, error);
    }

    const toolCalls = responseToolCalls(response);
    const text = responseText(response);
    const reasoning = responseReasoning(response);
    history.push({
      kind: "assistant",
      content: text,
      toolCalls,
      reasoning,
      usage: response.usage,
      responseId: response.id,
      parts: response.message.content,
      timestamp: context.now(),
    });
    events.emit({ kind: "assistant-text-end", text, reasoning, toolCallCount: toolCalls.length, usage: response.usage });
    contextWarned = checkContextUsage(context, contextWarned);

    if (toolCalls.length === 0) return looksLikeAQuestion(text) ? "awaiting-input" : "completed";
    if (context.signal.aborted) return "aborted";

    rounds += 1;
    const results = await executeToolCalls(context, toolCalls);
    history.push({ kind: "tool-results", results, timestamp: context.now() });
    contextWarned = checkContextUsage(context, contextWarned);
    if (context.signal.aborted) return "aborted";

    drainSteering(context);

    if (config.enableLoopDetection) {
      const signatures = historyToolCalls(history).map(toolCallSignature);
      if (detectLoop(signatures, config.loopDetectionWindow)) {
        const warning = loopWarning(config.loopDetectionWindow);
        history.push({ kind: "steering", content: warning, timestamp: context.now() });
        events.emit({ kind: "loop-detection", message: warning });
      }
    }
  }
}

/** Model turns so far in the session: what max_turns limits. */
export function countTurns(history: readonly Turn[]): number {
  return history.filter((turn) => turn.kind === "assistant").length;
}

export function drainSteering(context: AgentLoopContext): void {
  for (const content of context.steering.drain()) {
    context.history.push({ kind: "steering", content, timestamp: context.now() });
    context.events.emit({ kind: "steering-injected", content });
  }
}

export function buildRequest(context: AgentLoopContext): Request {
  const { profile, config } = context;
  const tools = context.toolDefinitions();
  const providerOptions = profile.providerOptions();
  return {
    model: profile.model,
    provider: profile.id,
    messages: [systemMessage(context.systemPrompt()), ...historyToMessages(context.history)],
    ...(tools.length > 0 ? { tools: tools.map((tool) => ({ ...tool })), toolChoice: { mode: "auto" as const } } : {}),
    ...(config.reasoningEffort !== undefined ? { reasoningEffort: config.reasoningEffort } : {}),
    ...(providerOptions !== undefined ? { providerOptions: providerOptions as Request["providerOptions"] } : {}),
  };
}

async function callModel(context: AgentLoopContext, request: Request): Promise<Response> {
  const { llm, events, signal } = context;
  if (!context.config.streaming) {
    const response = await llm.complete(request, { signal });
    const text = responseText(response);
    if (text !== "") {
      events.emit({ kind: "assistant-text-start" });
      events.emit({ kind: "assistant-text-delta", delta: text });
    }
    return response;
  }
  let started = false;
  let response: Response | undefined;
  for await (const event of llm.stream(request, { signal })) {
    if (event.type === "text-delta" && event.delta !== "") {
      if (!started) events.emit({ kind: "assistant-text-start" });
      started = true;
      events.emit({ kind: "assistant-text-delta", delta: event.delta });
    } else if (event.type === "finish") {
      response = event.response;
    }
  }
  if (!response) {
    throw new LlmError("the model's stream ended without a finish event", { kind: "stream", provider: context.profile.id, retryable: false });
  }
  return response;
}

/** Spec 9.11 and appendix B: how a failed model call ends this input. */
function modelFailure(context: AgentLoopContext, error: unknown): ProcessingOutcome {
  if (context.signal.aborted || (LlmError.isLlmError(error) && error.kind === "aborted")) return "aborted";
  const message = error instanceof Error ? error.message : String(error);
  if (LlmError.isLlmError(error) && error.kind === "context_length") {
    context.events.emit({
      kind: "warning",
      code: "context-length",
      message: `The conversation no longer fits the model's context window: ${message}`,
    });
    return "context-length";
  }
  const errorKind = LlmError.isLlmError(error) ? error.kind : "unknown";
  context.events.emit({ kind: "error", message, errorKind });
  return "error";
}

/** Spec 5.5: informational, once per input. Returns whether the warning has been given. */
function checkContextUsage(context: AgentLoopContext, alreadyWarned: boolean): boolean {
  if (alreadyWarned) return true;
  const window = context.profile.contextWindowSize;
  if (!(window > 0)) return false;
  const approxTokens = historyCharacterCount(context.history) / 4;
  if (approxTokens <= window * context.config.contextWarningThreshold) return false;
  const percent = Math.round((approxTokens / window) * 100);
  context.events.emit({ kind: "warning", code: "context-usage", message: `Context usage at ~${percent}% of context window` });
  return true;
}

async function executeToolCalls(context: AgentLoopContext, toolCalls: readonly ToolCall[]): Promise<ToolResult[]> {
  if (context.profile.supportsParallelToolCalls && toolCalls.length > 1) {
    return Promise.all(toolCalls.map((call) => executeToolCall(context, call)));
  }
  const results: ToolResult[] = [];
  for (const call of toolCalls) results.push(await executeToolCall(context, call));
  return results;
}

/** LOOKUP, VALIDATE, EXECUTE through the registry (never throws), then TRUNCATE for the model only. */
async function executeToolCall(context: AgentLoopContext, call: ToolCall): Promise<ToolResult> {
  const { config, events } = context;
  events.emit({ kind: "tool-call-start", callId: call.id, toolName: call.name, arguments: call.arguments });
  // The raw string, when the client kept one, lets the registry report JSON that did not parse.
  const rawArguments = call.rawArguments !== undefined && call.rawArguments.trim() !== "" ? call.rawArguments : call.arguments;
  const result = await context.tools.execute(call.name, rawArguments, context.environment, {
    signal: context.signal,
    defaultCommandTimeoutMs: config.defaultCommandTimeoutMs,
    maxCommandTimeoutMs: config.maxCommandTimeoutMs,
    onOutput: (delta) => events.emit({ kind: "tool-call-output-delta", callId: call.id, delta }),
  });
  events.emit({ kind: "tool-call-end", callId: call.id, toolName: call.name, output: result.output, isError: result.isError });
  const content = truncateToolOutput(result.output, call.name, {
    toolOutputLimits: config.toolOutputLimits,
    toolLineLimits: config.toolLineLimits,
  });
  return { toolCallId: call.id, toolName: call.name, content, isError: result.isError };
}

/** Spec 2.3 AWAITING_INPUT: a text-only answer that ends by asking the user something. */
function looksLikeAQuestion(text: string): boolean {
  return text.trimEnd().endsWith("?");
}
