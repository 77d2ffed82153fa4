/**
 * A scripted LlmClient for tests (ours and users'): answers from a list of turns used in order,
 * or from a function of the request, and records every request it got. A turn is a full
 * Response, a shorthand ({ text, toolCalls, reasoning }), or an Error to throw. stream()
 * replays the same answer as start/delta/end events, so streaming loops can be tested too.
 */
import type { CallOptions, ContentPart, LlmClient, Request, Response, StreamEvent, Usage } from "../llm/types.js";

export interface ScriptedToolCall {
  readonly name: string;
  readonly arguments?: Record<string, unknown>;
  /** Default: call_<turn>_<index>. */
  readonly id?: string;
  /** The raw argument string, e.g. to script JSON that does not parse. */
  readonly rawArguments?: string;
}

export interface ScriptedTurn {
  readonly text?: string;
  readonly toolCalls?: readonly ScriptedToolCall[];
  readonly reasoning?: string;
  readonly usage?: Partial<Usage>;
}

export type ScriptedAnswer = Response | ScriptedTurn | Error;

export interface ScriptedCallInfo {
  /** 0-based index of this call among all calls (complete and stream). */
  readonly index: number;
  readonly signal: AbortSignal | undefined;
}

export type ScriptedResponder = (request: Request, info: ScriptedCallInfo) => ScriptedAnswer | Promise<ScriptedAnswer>;

export interface ScriptedLlm extends LlmClient {
  /** Every request received, in order. */
  readonly requests: Request[];
}

/** A turn with one tool call. */
export function toolCallTurn(name: string, args: Record<string, unknown> = {}, extra: Omit<ScriptedTurn, "toolCalls"> = {}): ScriptedTurn {
  return { ...extra, toolCalls: [{ name, arguments: args }] };
}

/** A text-only turn (natural completion). */
export function textTurn(text: string): ScriptedTurn {
  return { text };
}

/**
 * `script` is the list of answers, one per call (an exhausted list throws, so a test notices an
 * unexpected extra call), or a responder function.
 */
export function createScriptedLlm(script: readonly ScriptedAnswer[] | ScriptedResponder, { provider = "scripted" }: { provider?: string } = {}): ScriptedLlm {
  const requests: Request[] = [];
  const answer = async (request: Request, options: CallOptions | undefined): Promise<Response> => {
    const index = requests.length;
    requests.push(request);
    if (options?.signal?.aborted) throw abortError();
    const scripted =
      typeof script === "function"
        ? await script(request, { index, signal: options?.signal })
        : (script[index] ?? new Error(`scripted LLM: no answer scripted for call ${index + 1} (the script has ${script.length})`));
    if (options?.signal?.aborted) throw abortError();
    if (scripted instanceof Error) throw scripted;
    return isResponse(scripted) ? scripted : toResponse(scripted, request, index, provider);
  };
  return {
    requests,
    complete: (request, options) => answer(request, options),
    stream: (request, options) => streamOf(answer(request, options)),
  };
}

function isResponse(value: ScriptedTurn | Response): value is Response {
  return "message" in value && "finishReason" in value;
}

function abortError(): Error {
  const error = new Error("the call was cancelled");
  error.name = "AbortError";
  return error;
}

function toResponse(turn: ScriptedTurn, request: Request, index: number, provider: string): Response {
  const content: ContentPart[] = [];
  if (turn.reasoning !== undefined) content.push({ kind: "thinking", text: turn.reasoning });
  if (turn.text !== undefined && turn.text !== "") content.push({ kind: "text", text: turn.text });
  (turn.toolCalls ?? []).forEach((call, callIndex) => {
    content.push({
      kind: "tool_call",
      id: call.id ?? `call_${index + 1}_${callIndex + 1}`,
      name: call.name,
      arguments: call.arguments ?? {},
      ...(call.rawArguments !== undefined ? { rawArguments: call.rawArguments } : {}),
    });
  });
  const inputChars = JSON.stringify(request.messages).length;
  const outputChars = JSON.stringify(content).length;
  const inputTokens = turn.usage?.inputTokens ?? Math.ceil(inputChars / 4);
  const outputTokens = turn.usage?.outputTokens ?? Math.ceil(outputChars / 4);
  const hasCalls = (turn.toolCalls ?? []).length > 0;
  return {
    id: `scripted-${index + 1}`,
    model: request.model,
    provider,
    message: { role: "assistant", content },
    finishReason: hasCalls ? { reason: "tool_calls" } : { reason: "stop" },
    usage: { ...turn.usage, inputTokens, outputTokens, totalTokens: inputTokens + outputTokens },
  };
}

/** The response as the stream events a provider would send (text split at word boundaries). */
async function* streamOf(pending: Promise<Response>): AsyncGenerator<StreamEvent> {
  const response = await pending;
  yield { type: "stream-start" };
  let segment = 0;
  for (const part of response.message.content) {
    segment += 1;
    if (part.kind === "text") {
      const textId = `text_${segment}`;
      yield { type: "text-start", textId };
      for (const delta of part.text.match(/\S+\s*|\s+/g) ?? []) yield { type: "text-delta", textId, delta };
      yield { type: "text-end", textId };
    } else if (part.kind === "thinking") {
      const reasoningId = `reasoning_${segment}`;
      yield { type: "reasoning-start", reasoningId };
      yield { type: "reasoning-delta", reasoningId, delta: part.text };
      yield { type: "reasoning-end", reasoningId };
    } else if (part.kind === "tool_call") {
      yield { type: "tool-call-start", toolCallId: part.id, toolName: part.name };
      yield { type: "tool-call-delta", toolCallId: part.id, argumentsDelta: part.rawArguments ?? JSON.stringify(part.arguments) };
      const { kind: _kind, ...toolCall } = part;
      yield { type: "tool-call-end", toolCall };
    }
  }
  yield { type: "finish", finishReason: response.finishReason, usage: response.usage, response };
}
