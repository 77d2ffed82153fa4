/**
 * The model catalog (spec 2.9): for each known model its provider, context window, maximum
 * output and list prices in USD per million tokens. Unknown models are allowed everywhere; their
 * price is unknown (cost undefined, never zero).
 *
 * Prices are public list prices (standard tier, prompts up to 200K tokens) as published by
 * Anthropic (docs.anthropic.com/en/docs/about-claude/pricing), OpenAI (openai.com/api/pricing)
 * and Google (ai.google.dev/gemini-api/docs/pricing), checked 2026-11-24. Anthropic's
 * cacheWrite is the 5-minute cache write price. Update them here when providers change them.
 */
import { parseModelId, type ProviderName } from "./models.js";

export interface ModelPrices {
  /** USD per million uncached input tokens. */
  inputPerMillion: number;
  /** USD per million output tokens (reasoning tokens included). */
  outputPerMillion: number;
  /** USD per million input tokens read from the prompt cache. */
  cachedInputPerMillion: number;
  /** USD per million input tokens written to the prompt cache (Anthropic); else the input price. */
  cacheWritePerMillion?: number;
}

export interface ModelInfo {
  /** "provider:model". */
  id: string;
  provider: ProviderName;
  /** The provider's native model id. */
  model: string;
  displayName: string;
  contextWindow: number;
  maxOutputTokens: number;
  supportsTools: boolean;
  supportsReasoning: boolean;
  /** Undefined for models whose price we do not know. */
  prices?: ModelPrices;
  /** Other ids of the same model (e.g. dated snapshots). */
  aliases?: string[];
}

function model(
  id: string,
  displayName: string,
  contextWindow: number,
  maxOutputTokens: number,
  prices: [input: number, output: number, cachedInput: number, cacheWrite?: number],
  extra: { supportsReasoning?: boolean; aliases?: string[] } = {},
): ModelInfo {
  const ref = parseModelId(id);
  const [inputPerMillion, outputPerMillion, cachedInputPerMillion, cacheWritePerMillion] = prices;
  return {
    id: ref.id,
    provider: ref.provider,
    model: ref.model,
    displayName,
    contextWindow,
    maxOutputTokens,
    supportsTools: true,
    supportsReasoning: extra.supportsReasoning ?? true,
    prices: { inputPerMillion, outputPerMillion, cachedInputPerMillion, ...(cacheWritePerMillion !== undefined ? { cacheWritePerMillion } : {}) },
    ...(extra.aliases ? { aliases: extra.aliases } : {}),
  };
}

const MODELS: readonly ModelInfo[] = [
  model("anthropic:claude-opus-4-6", "Claude Opus 4.6", 1_000_000, 128_000, [5, 25, 0.5, 6.25]),
  model("anthropic:claude-sonnet-4-6", "Claude Sonnet 4.6", 1_000_000, 64_000, [3, 15, 0.3, 3.75]),
  model("anthropic:claude-opus-4-5", "Claude Opus 4.5", 200_000, 64_000, [5, 25, 0.5, 6.25], { aliases: ["anthropic:claude-opus-4-5-20251101"] }),
  model("anthropic:claude-opus-4-1", "Claude Opus 4.1", 200_000, 32_000, [15, 75, 1.5, 18.75], { aliases: ["anthropic:claude-opus-4-1-20250805"] }),
  model("anthropic:claude-sonnet-4-5", "Claude Sonnet 4.5", 200_000, 64_000, [3, 15, 0.3, 3.75], { aliases: ["anthropic:claude-sonnet-4-5-20250929"] }),
  model("anthropic:claude-sonnet-4-0", "Claude Sonnet 4", 200_000, 64_000, [3, 15, 0.3, 3.75], { aliases: ["anthropic:claude-sonnet-4-20250514"] }),
  model("anthropic:claude-haiku-4-5", "Claude Haiku 4.5", 200_000, 64_000, [1, 5, 0.1, 1.25], { aliases: ["anthropic:claude-haiku-4-5-20251001"] }),
  model("openai:gpt-5.1", "GPT-5.1", 400_000, 128_000, [1.25, 10, 0.125]),
  model("openai:gpt-5", "GPT-5", 400_000, 128_000, [1.25, 10, 0.125]),
  model("openai:gpt-5-mini", "GPT-5 mini", 400_000, 128_000, [0.25, 2, 0.025]),
  model("openai:gpt-5-nano", "GPT-5 nano", 400_000, 128_000, [0.05, 0.4, 0.005]),
  model("openai:gpt-5.1-codex", "GPT-5.1 Codex", 400_000, 128_000, [1.25, 10, 0.125]),
  model("openai:gpt-5-codex", "GPT-5 Codex", 400_000, 128_000, [1.25, 10, 0.125]),
  model("openai:o3", "o3", 200_000, 100_000, [2, 8, 0.5]),
  model("openai:o4-mini", "o4-mini", 200_000, 100_000, [1.1, 4.4, 0.275]),
  model("openai:gpt-4.1", "GPT-4.1", 1_047_576, 32_768, [2, 8, 0.5], { supportsReasoning: false }),
  model("openai:gpt-4.1-mini", "GPT-4.1 mini", 1_047_576, 32_768, [0.4, 1.6, 0.1], { supportsReasoning: false }),
  model("openai:gpt-4.1-nano", "GPT-4.1 nano", 1_047_576, 32_768, [0.1, 0.4, 0.025], { supportsReasoning: false }),
  model("openai:gpt-4o", "GPT-4o", 128_000, 16_384, [2.5, 10, 1.25], { supportsReasoning: false }),
  model("openai:gpt-4o-mini", "GPT-4o mini", 128_000, 16_384, [0.15, 0.6, 0.075], { supportsReasoning: false }),
  model("google:gemini-3-pro-preview", "Gemini 3 Pro (preview)", 1_048_576, 65_536, [2, 12, 0.2]),
  model("google:gemini-2.5-pro", "Gemini 2.5 Pro", 1_048_576, 65_536, [1.25, 10, 0.125]),
  model("google:gemini-2.5-flash", "Gemini 2.5 Flash", 1_048_576, 65_536, [0.3, 2.5, 0.03]),
  model("google:gemini-2.5-flash-lite", "Gemini 2.5 Flash-Lite", 1_048_576, 65_536, [0.1, 0.4, 0.01]),
];

const BY_ID = new Map<string, ModelInfo>();
for (const info of MODELS) for (const id of [info.id, ...(info.aliases ?? [])]) BY_ID.set(id, info);

/** All known models, in catalog order (newest and most capable first within each provider). */
export function listModels(provider?: ProviderName): ModelInfo[] {
  return MODELS.filter((info) => provider === undefined || info.provider === provider);
}

/**
 * What we know of a model id ("provider:model"; "gemini:" is read as "google:"), or undefined
 * for a model outside the catalog (it can still be called; its cost is unknown).
 */
export function getModelInfo(id: string): ModelInfo | undefined {
  const direct = BY_ID.get(id);
  if (direct) return direct;
  try {
    return BY_ID.get(parseModelId(id).id);
  } catch {
    return undefined;
  }
}
