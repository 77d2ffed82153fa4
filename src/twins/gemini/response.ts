/**
 * A scripted turn rendered as Gemini answers: one GenerateContentResponse, or the chunks of
 * `streamGenerateContent` (thoughts, then the text in pieces, then the function calls, the last
 * chunk with the finishReason; each chunk with usageMetadata so far), encoded as server-sent
 * events (`alt=sse`: `data: {...}` and CRLF pairs) or as one JSON array (no `alt`).
 */
import { bufferedResponse } from "../kit/index.js";
import { type ScriptedTurn, estimateTokens } from "../llm-policy/index.js";

export interface RenderInput {
  turn: ScriptedTurn;
  modelVersion: string;
  responseId: string;
  /** Thoughts happen (the model thinks and the budget is not 0). */
  thinking: boolean;
  /** Thoughts are shown as `thought: true` parts (`thinkingConfig.includeThoughts`). */
  includeThoughts: boolean;
  maxOutputTokens?: number;
  promptTokens: number;
  cachedTokens: number;
  /** The opaque signature put on the first function call of a thinking model, for the client to send back. */
  thoughtSignature: string;
}

export type WirePartOut = Record<string, unknown>;
export type GenerateContentResponse = Record<string, unknown>;

const FINISH_REASONS: Readonly<Record<NonNullable<ScriptedTurn["finish"]>, string>> = {
  stop: "STOP",
  tool_calls: "STOP",
  length: "MAX_TOKENS",
  content_filter: "SAFETY",
};

interface Rendered {
  thought: string;
  text: string;
  calls: WirePartOut[];
  finishReason: string;
  usage: { prompt: number; cached: number; candidates: number; thoughts: number };
}

function callTokens(calls: WirePartOut[]): number {
  return calls.reduce((sum, call) => sum + estimateTokens(JSON.stringify(call["functionCall"])), 0);
}

/** What the turn becomes on the wire, before it is split into parts or chunks. */
export function renderTurn(input: RenderInput): Rendered {
  const { turn } = input;
  const reasoning = input.thinking ? (turn.reasoning ?? "") : "";
  let text = turn.text ?? "";
  let finishReason = FINISH_REASONS[turn.finish ?? "stop"];
  // A budget too small for the scripted text cuts it, as the model stops at maxOutputTokens.
  if (input.maxOutputTokens !== undefined && estimateTokens(text) > input.maxOutputTokens) {
    text = text.slice(0, input.maxOutputTokens * 4);
    finishReason = "MAX_TOKENS";
  }
  const calls: WirePartOut[] = (turn.toolCalls ?? []).map((call, index) => ({
    functionCall: { name: call.name, args: call.arguments },
    ...(input.thinking && index === 0 ? { thoughtSignature: input.thoughtSignature } : {}),
  }));
  const thoughts = input.thinking ? (turn.usage?.reasoningTokens ?? estimateTokens(reasoning)) : 0;
  // `outputTokens` counts everything generated (as the unified usage does); Gemini reports the
  // visible part as candidates and the thinking apart.
  const candidates = turn.usage?.outputTokens !== undefined ? Math.max(0, turn.usage.outputTokens - thoughts) : estimateTokens(text) + callTokens(calls);
  const prompt = turn.usage?.inputTokens ?? input.promptTokens;
  const cached = Math.min(prompt, turn.usage?.cachedInputTokens ?? input.cachedTokens);
  return { thought: input.includeThoughts ? reasoning : "", text, calls, finishReason, usage: { prompt, cached, candidates, thoughts } };
}

function usageMetadata(usage: Rendered["usage"], candidates: number): Record<string, unknown> {
  const metadata: Record<string, unknown> = {
    promptTokenCount: usage.prompt,
    candidatesTokenCount: candidates,
    totalTokenCount: usage.prompt + candidates + usage.thoughts,
  };
  if (usage.cached > 0) metadata["cachedContentTokenCount"] = usage.cached;
  metadata["promptTokensDetails"] = [{ modality: "TEXT", tokenCount: usage.prompt }];
  if (usage.cached > 0) metadata["cacheTokensDetails"] = [{ modality: "TEXT", tokenCount: usage.cached }];
  if (usage.thoughts > 0) metadata["thoughtsTokenCount"] = usage.thoughts;
  return metadata;
}

function candidate(parts: WirePartOut[], finishReason: string | undefined): Record<string, unknown> {
  return {
    content: parts.length > 0 ? { parts, role: "model" } : { role: "model" },
    ...(finishReason ? { finishReason } : {}),
    index: 0,
  };
}

function envelope(input: RenderInput, parts: WirePartOut[], finishReason: string | undefined, usage: Record<string, unknown>): GenerateContentResponse {
  return { candidates: [candidate(parts, finishReason)], usageMetadata: usage, modelVersion: input.modelVersion, responseId: input.responseId };
}

/** The whole answer of `generateContent`. */
export function generateContentResponse(input: RenderInput): GenerateContentResponse {
  const rendered = renderTurn(input);
  const parts: WirePartOut[] = [];
  if (rendered.thought !== "") parts.push({ text: rendered.thought, thought: true });
  if (rendered.text !== "") parts.push({ text: rendered.text });
  parts.push(...rendered.calls);
  return envelope(input, parts, rendered.finishReason, usageMetadata(rendered.usage, rendered.usage.candidates));
}

/** Text in pieces of about `size` characters, cut after a space where there is one. */
export function splitText(text: string, size = 48): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > size) {
    const space = rest.lastIndexOf(" ", size);
    const cut = space > 0 ? space + 1 : size;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest !== "") pieces.push(rest);
  return pieces;
}

/** The chunks of `streamGenerateContent`; their parts put together are the parts of the whole answer. */
export function streamChunks(input: RenderInput): GenerateContentResponse[] {
  const rendered = renderTurn(input);
  const groups: WirePartOut[][] = [];
  if (rendered.thought !== "") groups.push([{ text: rendered.thought, thought: true }]);
  for (const piece of splitText(rendered.text)) groups.push([{ text: piece }]);
  if (rendered.calls.length > 0) groups.push(rendered.calls);
  if (groups.length === 0) groups.push([]);
  let emittedText = "";
  return groups.map((parts, index) => {
    const last = index === groups.length - 1;
    for (const part of parts) if (typeof part["text"] === "string" && part["thought"] !== true) emittedText += part["text"];
    // Candidates so far grow with the text; the last chunk carries the final count.
    const candidates = last ? rendered.usage.candidates : Math.min(rendered.usage.candidates, estimateTokens(emittedText));
    return envelope(input, parts, last ? rendered.finishReason : undefined, usageMetadata(rendered.usage, candidates));
  });
}

export function sseResponse(chunks: GenerateContentResponse[]): Response {
  const body = chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\r\n\r\n`).join("");
  return bufferedResponse(body, { status: 200, headers: { "content-type": "text/event-stream", "cache-control": "no-cache" } });
}

/** Without `alt=sse` Google streams one JSON array, element by element. */
export function jsonArrayResponse(chunks: GenerateContentResponse[]): Response {
  const body = `[${chunks.map((chunk) => JSON.stringify(chunk, null, 2)).join(",\r\n")}]`;
  return bufferedResponse(body, { status: 200, headers: { "content-type": "application/json; charset=UTF-8" } });
}
