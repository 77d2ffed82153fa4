/**
 * Implicit prompt caching as OpenAI and Gemini do it, one piece for both twins: a prompt of at
 * least `minTokens` that shares a prefix with an earlier prompt of the tenant (same model) reads
 * that prefix from the cache. The prompt is a list of segments in the order the model reads it;
 * text segments can share part of themselves (whole tokens only), media and calls match whole or
 * not at all. The earlier prompts live in the tenant state (a bounded number per collection), so
 * a restore replays the same hits. Each twin rounds the shared prefix its provider's way (OpenAI:
 * steps of 128 tokens; Gemini: never the last token). Anthropic's explicit `cache_control`
 * caching is a different mechanism and keeps its own code (anthropic/prompt-cache.ts).
 */
import { type Tenant, deleteRecord, listRecords, putRecord } from "../kit/index.js";

/** One piece of the prompt: `key` is compared for the cache prefix, `tokens` is what it costs. */
export interface PromptSegment {
  key: string;
  tokens: number;
  /** Text segments can share part of themselves; media and calls match whole or not at all. */
  text: boolean;
}

/** Both OpenAI and Gemini 2.5 cache prompts of 1,024 tokens or more. */
export const MIN_IMPLICIT_CACHE_TOKENS = 1024;
/** Earlier prompts remembered per tenant and twin: bounded, so a long run does not grow without end. */
export const REMEMBERED_PROMPTS = 32;

interface RememberedPrompt {
  model: string;
  segments: PromptSegment[];
}

/** Tokens of the longest common prefix of two prompts; a partly shared text counts whole tokens only (4 characters a token). */
export function sharedPrefixTokens(left: readonly PromptSegment[], right: readonly PromptSegment[]): number {
  let tokens = 0;
  for (let index = 0; index < Math.min(left.length, right.length); index += 1) {
    const a = left[index]!;
    const b = right[index]!;
    if (a.key === b.key) {
      tokens += a.tokens;
      continue;
    }
    if (a.text && b.text) {
      let shared = 0;
      while (shared < a.key.length && shared < b.key.length && a.key.charCodeAt(shared) === b.key.charCodeAt(shared)) shared += 1;
      tokens += Math.floor(shared / 4);
    }
    break;
  }
  return tokens;
}

export interface ImplicitCacheLookup {
  /** The tenant-state collection of this twin's remembered prompts, e.g. "openai.prompts". */
  collection: string;
  model: string;
  segments: PromptSegment[];
  /** The prompt's size for the minimum; default the sum of the segments' tokens. */
  totalTokens?: number;
  minTokens?: number;
  remembered?: number;
}

/**
 * The longest prefix (in tokens) this prompt shares with a remembered prompt of the same model,
 * 0 below the minimum size; then remembers the prompt for later requests.
 */
export function implicitCachePrefix(tenant: Tenant, lookup: ImplicitCacheLookup): number {
  const { collection, model, segments, minTokens = MIN_IMPLICIT_CACHE_TOKENS, remembered = REMEMBERED_PROMPTS } = lookup;
  const total = lookup.totalTokens ?? segments.reduce((sum, segment) => sum + segment.tokens, 0);
  let best = 0;
  if (total >= minTokens) {
    for (const earlier of listRecords<RememberedPrompt>(tenant.state, collection)) {
      if (earlier.model === model) best = Math.max(best, sharedPrefixTokens(earlier.segments, segments));
    }
  }
  const id = `P${tenant.nextCounter(collection)}`;
  tenant.update((state) => putRecord(state, collection, id, { model, segments }));
  const all = tenant.state.collections.get(collection);
  if (all && all.size > remembered) {
    const oldest = all.keySeq().first(undefined);
    if (oldest !== undefined) tenant.update((state) => deleteRecord(state, collection, oldest));
  }
  return best;
}
