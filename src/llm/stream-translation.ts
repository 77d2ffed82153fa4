/**
 * The AI SDK's provider stream parts -> our StreamEvents, accumulating the full Response for the
 * final finish event. An error part, or a failure reading the stream, is thrown as an LlmError.
 */
import type { LanguageModelV3StreamPart, LanguageModelV3Usage } from "@ai-sdk/provider";
import { toLlmError } from "./errors.js";
import { reasoningTextOf, toFinishReason, toRateLimit, toThinkingPart, toToolCall, toUsage, toWarnings } from "./response-translation.js";
import type { ContentPart, FinishReason, Response, StreamEvent, Warning } from "./types.js";

export interface StreamContext {
  provider: string;
  requestedModel: string;
  headers?: Record<string, string | undefined>;
  signal?: AbortSignal;
  newId: () => string;
}

interface Segment {
  part: ContentPart;
}

/** Reads the SDK stream and yields our events; the last one is always `finish`. */
export async function* translateStream(stream: ReadableStream<LanguageModelV3StreamPart>, context: StreamContext): AsyncGenerator<StreamEvent> {
  const reader = stream.getReader();
  const parts: ContentPart[] = [];
  const texts = new Map<string, Segment>();
  const reasonings = new Map<string, Segment>();
  const startedTools = new Set<string>();
  let warnings: Warning[] = [];
  let id: string | undefined;
  let model: string | undefined;
  let finish: { usage: LanguageModelV3Usage; finishReason: Parameters<typeof toFinishReason>[0] } | undefined;
  try {
    for (;;) {
      let next: Awaited<ReturnType<typeof reader.read>>;
      try {
        next = await readOrAbort(reader, context.signal);
      } catch (error) {
        throw toLlmError(error, context.provider, context.signal);
      }
      if (next.done) break;
      const part = next.value;
      switch (part.type) {
        case "stream-start":
          warnings = toWarnings(part.warnings);
          yield { type: "stream-start", ...(warnings.length > 0 ? { warnings } : {}) };
          break;
        case "response-metadata":
          id = part.id ?? id;
          model = part.modelId ?? model;
          break;
        case "text-start": {
          const segment: Segment = { part: { kind: "text", text: "" } };
          texts.set(part.id, segment);
          parts.push(segment.part);
          yield { type: "text-start", textId: part.id };
          break;
        }
        case "text-delta": {
          const segment = texts.get(part.id);
          if (segment?.part.kind === "text") segment.part.text += part.delta;
          yield { type: "text-delta", textId: part.id, delta: part.delta };
          break;
        }
        case "text-end":
          yield { type: "text-end", textId: part.id };
          break;
        case "reasoning-start": {
          // OpenAI names the reasoning item (and its encrypted content) here.
          const segment: Segment = { part: toThinkingPart("", part.providerMetadata) };
          reasonings.set(part.id, segment);
          parts.push(segment.part);
          yield { type: "reasoning-start", reasoningId: part.id };
          break;
        }
        case "reasoning-delta": {
          const segment = reasonings.get(part.id);
          if (segment?.part.kind === "thinking") segment.part.text += part.delta;
          // Anthropic sends the signature as metadata on a delta.
          if (segment && part.providerMetadata) segment.part = replacePart(parts, segment.part, toThinkingPart(textOfPart(segment.part), part.providerMetadata, segment.part));
          if (part.delta !== "") yield { type: "reasoning-delta", reasoningId: part.id, delta: part.delta };
          break;
        }
        case "reasoning-end": {
          const segment = reasonings.get(part.id);
          if (segment && part.providerMetadata) segment.part = replacePart(parts, segment.part, toThinkingPart(textOfPart(segment.part), part.providerMetadata, segment.part));
          yield { type: "reasoning-end", reasoningId: part.id };
          break;
        }
        case "tool-input-start":
          if (part.providerExecuted === true) break;
          startedTools.add(part.id);
          yield { type: "tool-call-start", toolCallId: part.id, toolName: part.toolName };
          break;
        case "tool-input-delta":
          if (startedTools.has(part.id)) yield { type: "tool-call-delta", toolCallId: part.id, argumentsDelta: part.delta };
          break;
        case "tool-call": {
          if (part.providerExecuted === true) break;
          if (!startedTools.has(part.toolCallId)) yield { type: "tool-call-start", toolCallId: part.toolCallId, toolName: part.toolName };
          const toolCall = toToolCall(part.toolCallId, part.toolName, part.input);
          const google = part.providerMetadata?.["google"];
          const providerData = google?.["thoughtSignature"] !== undefined ? { google: { thoughtSignature: google["thoughtSignature"] } } : undefined;
          parts.push({ kind: "tool_call", ...toolCall, ...(providerData ? { providerData } : {}) });
          yield { type: "tool-call-end", toolCall };
          break;
        }
        case "finish":
          finish = { usage: part.usage, finishReason: part.finishReason };
          break;
        case "error":
          throw toLlmError(part.error, context.provider, context.signal);
        case "raw":
          yield { type: "provider-event", raw: part.rawValue };
          break;
        default:
          break;
      }
    }
  } finally {
    // Cancelling (a no-op on a finished stream) releases the HTTP connection of an abandoned stream.
    await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
  if (!finish) throw toLlmError(new Error("the stream ended without a finish event"), context.provider, context.signal);
  const content = parts.filter((part) => !(part.kind === "text" && part.text === ""));
  const hasToolCalls = content.some((part) => part.kind === "tool_call");
  const finishReason: FinishReason = toFinishReason(finish.finishReason, hasToolCalls);
  const usage = toUsage(finish.usage, reasoningTextOf(content));
  const rateLimit = toRateLimit(context.headers);
  const response: Response = {
    id: id ?? context.newId(),
    model: model ?? context.requestedModel,
    provider: context.provider,
    message: { role: "assistant", content },
    finishReason,
    usage,
    ...(warnings.length > 0 ? { warnings } : {}),
    ...(rateLimit ? { rateLimit } : {}),
  };
  yield { type: "finish", finishReason, usage, response };
}

function textOfPart(part: ContentPart): string {
  return part.kind === "thinking" ? part.text : "";
}

function replacePart(parts: ContentPart[], old: ContentPart, replacement: ContentPart): ContentPart {
  const index = parts.indexOf(old);
  if (index >= 0) parts[index] = replacement;
  return replacement;
}

/**
 * The next part, or an AbortError as soon as the signal aborts: a provider stream whose body was
 * already buffered would otherwise keep delivering after the caller cancelled.
 */
function readOrAbort<T>(reader: ReadableStreamDefaultReader<T>, signal: AbortSignal | undefined): Promise<Awaited<ReturnType<ReadableStreamDefaultReader<T>["read"]>>> {
  const aborted = (): Error => Object.assign(new Error("the call was cancelled"), { name: "AbortError" });
  if (!signal) return reader.read();
  if (signal.aborted) return Promise.reject(aborted());
  return new Promise((resolve, reject) => {
    const onAbort = (): void => reject(aborted());
    signal.addEventListener("abort", onAbort, { once: true });
    reader.read().then(
      (result) => {
        signal.removeEventListener("abort", onAbort);
        resolve(result);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
