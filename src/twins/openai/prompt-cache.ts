/**
 * Prompt caching as OpenAI does it, automatically: a prompt of at least 1,024 tokens that shares
 * a prefix with an earlier prompt of the tenant (same model) reads that prefix from the cache,
 * counted in increments of 128 tokens (1,024, 1,152, 1,280, ...). The prefix matching and the
 * remembered prompts are shared with the Gemini twin (llm-policy/prompt-cache.ts).
 */
import type { Tenant } from "../kit/index.js";
import { estimateTokens, implicitCachePrefix, MIN_IMPLICIT_CACHE_TOKENS } from "../llm-policy/index.js";

/** OpenAI caches prompts of 1,024 tokens or more... */
export const MIN_CACHED_PROMPT_TOKENS = MIN_IMPLICIT_CACHE_TOKENS;
/** ...and hits grow in steps of 128 tokens. */
export const CACHE_INCREMENT_TOKENS = 128;
export { REMEMBERED_PROMPTS } from "../llm-policy/index.js";

/** The cached tokens a prompt of `totalTokens` gets for a shared prefix of `prefixTokens`. */
export function cachedTokensFor(prefixTokens: number, totalTokens: number): number {
  if (totalTokens < MIN_CACHED_PROMPT_TOKENS) return 0;
  const prefix = Math.min(prefixTokens, totalTokens);
  if (prefix < MIN_CACHED_PROMPT_TOKENS) return 0;
  return Math.floor(prefix / CACHE_INCREMENT_TOKENS) * CACHE_INCREMENT_TOKENS;
}

/** The cached tokens for this prompt (against every remembered one), then remembers it. */
export function promptCacheHit(tenant: Tenant, model: string, prompt: string): number {
  const totalTokens = estimateTokens(prompt);
  // One text segment; whole tokens only: a prefix that ends inside a token does not count that token.
  const segments = [{ key: prompt, tokens: Math.floor(prompt.length / 4), text: true }];
  return cachedTokensFor(implicitCachePrefix(tenant, { collection: "openai.prompts", model, segments, totalTokens }), totalTokens);
}
