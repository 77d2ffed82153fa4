/**
 * Token counts and prompt caching, as Anthropic does them (explicit caching): the prompt is read
 * as one sequence of blocks (tools, then system, then messages); a `cache_control` breakpoint
 * makes the prefix up to and including its block cacheable. The first request writes it
 * (`cache_creation_input_tokens`), later ones with the same prefix read it
 * (`cache_read_input_tokens`); a breakpoint also finds entries written up to 20 blocks before it,
 * so moving the breakpoint to the newest message each turn still reads the last turn's prefix.
 * Entries live in the tenant's state (per model), expire after their TTL of virtual time (5
 * minutes, or 1 hour with `ttl: "1h"`) and are refreshed by every read. Prefixes shorter than the
 * model's minimum are not cached. Tokens are estimated (4 characters a token), deterministically.
 */
import { createHash } from "node:crypto";
import { type Tenant, getRecord, putRecord } from "../kit/index.js";
import { estimateTokens } from "../llm-policy/index.js";
import type { CacheControl, ContentBlock, MessagesRequest } from "./request.js";

const CACHE = "anthropic.prompt-cache";
/** How many blocks before a breakpoint Anthropic looks for an earlier cache entry. */
export const CACHE_LOOKBACK_BLOCKS = 20;
const TTL_MS = { "5m": 5 * 60_000, "1h": 60 * 60_000 } as const;
/** What an image costs: about a 1092x1092 picture, (width * height) / 750 tokens. */
export const IMAGE_TOKENS = 1600;

interface CacheEntry {
  tokens: number;
  expiresAt: number;
}

interface Segment {
  canonical: string;
  tokens: number;
  breakpoint?: CacheControl;
}

export interface PromptUsage {
  inputTokens: number;
  cacheCreationInputTokens: number;
  cacheReadInputTokens: number;
  /** The creation split by TTL, as `usage.cache_creation` reports it. */
  ephemeral5mInputTokens: number;
  ephemeral1hInputTokens: number;
}

/** Tokens of one content block. Thinking from earlier turns is dropped from the context, as Anthropic does. */
export function blockTokens(block: ContentBlock): number {
  switch (block.type) {
    case "text":
      return estimateTokens(String(block["text"]));
    case "image":
      return IMAGE_TOKENS;
    case "tool_use":
      return estimateTokens(`${String(block["name"])}${JSON.stringify(block["input"] ?? {})}`);
    case "tool_result": {
      const content = block["content"];
      if (typeof content === "string") return estimateTokens(content);
      if (Array.isArray(content)) return (content as ContentBlock[]).reduce((sum, item) => sum + blockTokens(item), 0);
      return 0;
    }
    case "thinking":
    case "redacted_thinking":
      return 0;
    default:
      return estimateTokens(JSON.stringify({ ...block, cache_control: undefined }));
  }
}

function canonical(value: Record<string, unknown>): string {
  return JSON.stringify({ ...value, cache_control: undefined });
}

function segmentsOf(request: Pick<MessagesRequest, "tools" | "system" | "messages">): Segment[] {
  const segments: Segment[] = [];
  for (const tool of request.tools) {
    const { name, description, input_schema: schema } = tool;
    segments.push({ canonical: `tool:${canonical(tool)}`, tokens: estimateTokens(JSON.stringify({ name, description, input_schema: schema })), breakpoint: tool.cache_control ?? undefined });
  }
  for (const block of request.system) segments.push({ canonical: `system:${canonical(block)}`, tokens: blockTokens(block), breakpoint: block.cache_control ?? undefined });
  request.messages.forEach((message, index) => {
    for (const block of message.content) segments.push({ canonical: `${index}:${message.role}:${canonical(block)}`, tokens: blockTokens(block), breakpoint: block.cache_control ?? undefined });
  });
  return segments;
}

/** The input tokens of a request (what `count_tokens` answers), at least 1. */
export function countInputTokens(request: Pick<MessagesRequest, "tools" | "system" | "messages">): number {
  return Math.max(1, segmentsOf(request).reduce((sum, segment) => sum + segment.tokens, 0));
}

export interface CachePlan {
  usage: PromptUsage;
  /** Stores the writes and refreshes the read entry: called once the request is answered. */
  commit(): void;
}

/** The usage a request gets from the tenant's cache now, and the writes it makes when answered. */
export function planPromptCache(tenant: Tenant, request: MessagesRequest): CachePlan {
  const segments = segmentsOf(request);
  const total = Math.max(1, segments.reduce((sum, segment) => sum + segment.tokens, 0));
  const now = tenant.now();
  // keys[i] names the prefix of segments 0..i; prefixTokens[i] is its size.
  const keys: string[] = [];
  const prefixTokens: number[] = [];
  let rolling = request.model.id;
  let running = 0;
  for (const segment of segments) {
    rolling = createHash("sha256").update(rolling).update("\u0000").update(segment.canonical).digest("hex");
    running += segment.tokens;
    keys.push(rolling);
    prefixTokens.push(running);
  }
  const live = (position: number): CacheEntry | undefined => {
    const entry = getRecord<CacheEntry>(tenant.state, CACHE, keys[position]!);
    return entry && entry.expiresAt > now ? entry : undefined;
  };
  const breakpoints = segments.flatMap((segment, position) => (segment.breakpoint ? [{ position, ttl: segment.breakpoint.ttl ?? "5m" }] : []));

  let readPosition = -1;
  for (const { position } of breakpoints) {
    for (let candidate = position; candidate >= 0 && candidate > position - CACHE_LOOKBACK_BLOCKS; candidate -= 1) {
      if (live(candidate)) {
        readPosition = Math.max(readPosition, candidate);
        break;
      }
    }
  }
  const readTokens = readPosition >= 0 ? prefixTokens[readPosition]! : 0;
  const readTtl = readPosition >= 0 ? (breakpoints.find((point) => point.position >= readPosition)?.ttl ?? "5m") : "5m";
  const writes = breakpoints.filter(({ position }) => position > readPosition && prefixTokens[position]! >= request.model.minCacheTokens);
  const created = { "5m": 0, "1h": 0 };
  let covered = readTokens;
  for (const { position, ttl } of writes) {
    created[ttl] += prefixTokens[position]! - covered;
    covered = prefixTokens[position]!;
  }
  const creation = created["5m"] + created["1h"];
  return {
    usage: {
      inputTokens: Math.max(0, total - readTokens - creation),
      cacheCreationInputTokens: creation,
      cacheReadInputTokens: readTokens,
      ephemeral5mInputTokens: created["5m"],
      ephemeral1hInputTokens: created["1h"],
    },
    commit() {
      const at = tenant.now();
      tenant.update((state) => {
        let next = state;
        if (readPosition >= 0) next = putRecord(next, CACHE, keys[readPosition]!, { tokens: readTokens, expiresAt: at + TTL_MS[readTtl] } satisfies CacheEntry);
        for (const { position, ttl } of writes) next = putRecord(next, CACHE, keys[position]!, { tokens: prefixTokens[position]!, expiresAt: at + TTL_MS[ttl] } satisfies CacheEntry);
        return next;
      });
    },
  };
}
