/**
 * Token accounting for the Gemini twin: the prompt as a list of segments (system instruction,
 * tools, then every part in order), each with an estimated token count, and implicit caching as
 * Gemini 2.5 does it: a prompt of at least 1,024 tokens that shares a prefix with an earlier
 * prompt of the tenant (same model) gets that prefix's tokens as `cachedContentTokenCount`.
 * The prefix matching and the remembered prompts are shared with the OpenAI twin (llm-policy/prompt-cache.ts).
 */
import type { Tenant } from "../kit/index.js";
import { estimateTokens, implicitCachePrefix, MIN_IMPLICIT_CACHE_TOKENS, type PromptSegment } from "../llm-policy/index.js";
import type { GenerateRequest, WirePart } from "./request.js";

export { REMEMBERED_PROMPTS, sharedPrefixTokens, type PromptSegment } from "../llm-policy/index.js";

/** Gemini 2.5's minimum prompt size for implicit caching. */
export const MIN_CACHED_PROMPT_TOKENS = MIN_IMPLICIT_CACHE_TOKENS;
/** What an image (or any inline media) costs, as Gemini counts an image up to 384x384. */
export const INLINE_MEDIA_TOKENS = 258;

function hash(text: string): string {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) value = Math.imul(value ^ text.charCodeAt(index), 0x01000193) >>> 0;
  return value.toString(16).padStart(8, "0");
}

const textSegment = (key: string): PromptSegment => ({ key, tokens: estimateTokens(key), text: true });

function partSegment(part: WirePart): PromptSegment | undefined {
  if (part.functionCall) return textSegment(JSON.stringify({ functionCall: { name: part.functionCall.name, args: part.functionCall.args } }));
  if (part.functionResponse) return textSegment(JSON.stringify({ functionResponse: { name: part.functionResponse.name, response: part.functionResponse.response } }));
  if (part.inlineData) return { key: `inline:${part.inlineData.mimeType}:${part.inlineData.data?.length ?? 0}:${hash(part.inlineData.data ?? "")}`, tokens: INLINE_MEDIA_TOKENS, text: false };
  if (part.fileData) return { key: `file:${part.fileData.mimeType}:${part.fileData.fileUri}`, tokens: INLINE_MEDIA_TOKENS, text: false };
  if (part.text !== undefined && part.text !== "") return textSegment(part.text);
  return undefined;
}

/** The prompt in the order Gemini reads it, which is the order a cached prefix follows. */
export function promptSegments(request: GenerateRequest): PromptSegment[] {
  const segments: PromptSegment[] = [];
  if (request.system !== "") segments.push(textSegment(request.system));
  if (request.toolsText !== "") segments.push(textSegment(request.toolsText));
  for (const content of request.contents) {
    for (const part of content.parts) {
      const segment = partSegment(part);
      if (segment) segments.push(segment);
    }
  }
  return segments;
}

export function promptTokens(segments: PromptSegment[]): number {
  return segments.reduce((sum, segment) => sum + segment.tokens, 0);
}

/**
 * The cached tokens for this prompt, then remembers it for later requests. Below the minimum
 * size nothing is cached, as on Gemini.
 */
export function implicitCacheHit(tenant: Tenant, model: string, segments: PromptSegment[]): number {
  const cached = implicitCachePrefix(tenant, { collection: "gemini.prompts", model, segments });
  // Never the whole prompt: the last token is always computed, as a real cache leaves it.
  return Math.min(cached, Math.max(0, promptTokens(segments) - 1));
}
