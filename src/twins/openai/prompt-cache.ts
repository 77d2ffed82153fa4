/**
 * Prompt caching as OpenAI does it, automatically: a prompt of at least 1,024 tokens that shares
 * a prefix with an earlier prompt of the tenant (same model) reads that prefix from the cache,
 * counted in increments of 128 tokens (1,024, 1,152, 1,280, ...). The earlier prompts live in
 * the tenant state (a bounded number), so a restore replays the same hits.
 */
import { type Tenant, deleteRecord, listRecords, putRecord } from "../kit/index.js";
import { estimateTokens } from "../llm-policy/index.js";

/** OpenAI caches prompts of 1,024 tokens or more... */
export const MIN_CACHED_PROMPT_TOKENS = 1024;
/** ...and hits grow in steps of 128 tokens. */
export const CACHE_INCREMENT_TOKENS = 128;
/** Earlier prompts remembered per tenant: bounded, so a long run does not grow without end. */
export const REMEMBERED_PROMPTS = 32;

const PROMPTS = "openai.prompts";

interface RememberedPrompt {
  model: string;
  text: string;
}

function commonPrefixLength(left: string, right: string): number {
  const limit = Math.min(left.length, right.length);
  let index = 0;
  while (index < limit && left.charCodeAt(index) === right.charCodeAt(index)) index += 1;
  return index;
}

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
  let best = 0;
  if (totalTokens >= MIN_CACHED_PROMPT_TOKENS) {
    for (const earlier of listRecords<RememberedPrompt>(tenant.state, PROMPTS)) {
      if (earlier.model !== model) continue;
      // Whole tokens only: a prefix that ends inside a token does not count that token.
      best = Math.max(best, Math.floor(commonPrefixLength(earlier.text, prompt) / 4));
    }
  }
  remember(tenant, { model, text: prompt });
  return cachedTokensFor(best, totalTokens);
}

function remember(tenant: Tenant, prompt: RememberedPrompt): void {
  const id = `P${tenant.nextCounter(PROMPTS)}`;
  tenant.update((state) => putRecord(state, PROMPTS, id, prompt));
  const all = tenant.state.collections.get(PROMPTS);
  if (all && all.size > REMEMBERED_PROMPTS) {
    const oldest = all.keySeq().first(undefined);
    if (oldest !== undefined) tenant.update((state) => deleteRecord(state, PROMPTS, oldest));
  }
}
