/**
 * The models the twin serves (`GET /v1/models`, `GET /v1/models/{id}`), by id and alias, with the
 * output limit Anthropic enforces on `max_tokens` and the smallest prefix a cache breakpoint stores.
 */
export interface AnthropicModel {
  id: string;
  alias: string;
  displayName: string;
  /** RFC 3339, as `created_at` in the models list. */
  createdAt: string;
  maxOutputTokens: number;
  /** Prompts shorter than this are not cached, even with a breakpoint. */
  minCacheTokens: number;
}

/** Newest first, as Anthropic lists them. */
export const ANTHROPIC_MODELS: readonly AnthropicModel[] = [
  { id: "claude-sonnet-4-6", alias: "claude-sonnet-4-6", displayName: "Claude Sonnet 4.6", createdAt: "2026-02-17T00:00:00Z", maxOutputTokens: 128_000, minCacheTokens: 1024 },
  { id: "claude-opus-4-6", alias: "claude-opus-4-6", displayName: "Claude Opus 4.6", createdAt: "2026-02-05T00:00:00Z", maxOutputTokens: 128_000, minCacheTokens: 1024 },
  { id: "claude-opus-4-5-20251101", alias: "claude-opus-4-5", displayName: "Claude Opus 4.5", createdAt: "2025-11-01T00:00:00Z", maxOutputTokens: 64_000, minCacheTokens: 1024 },
  { id: "claude-haiku-4-5-20251001", alias: "claude-haiku-4-5", displayName: "Claude Haiku 4.5", createdAt: "2025-10-01T00:00:00Z", maxOutputTokens: 64_000, minCacheTokens: 2048 },
  { id: "claude-sonnet-4-5-20250929", alias: "claude-sonnet-4-5", displayName: "Claude Sonnet 4.5", createdAt: "2025-09-29T00:00:00Z", maxOutputTokens: 64_000, minCacheTokens: 1024 },
  { id: "claude-opus-4-1-20250805", alias: "claude-opus-4-1", displayName: "Claude Opus 4.1", createdAt: "2025-08-05T00:00:00Z", maxOutputTokens: 32_000, minCacheTokens: 1024 },
  { id: "claude-sonnet-4-20250514", alias: "claude-sonnet-4-0", displayName: "Claude Sonnet 4", createdAt: "2025-05-14T00:00:00Z", maxOutputTokens: 64_000, minCacheTokens: 1024 },
  { id: "claude-3-5-haiku-20241022", alias: "claude-3-5-haiku-latest", displayName: "Claude Haiku 3.5", createdAt: "2024-10-22T00:00:00Z", maxOutputTokens: 8192, minCacheTokens: 2048 },
];

export function findModel(name: string): AnthropicModel | undefined {
  return ANTHROPIC_MODELS.find((model) => model.id === name || model.alias === name);
}

export function modelResource(model: AnthropicModel): Record<string, unknown> {
  return { type: "model", id: model.id, display_name: model.displayName, created_at: model.createdAt };
}

/** `GET /v1/models` with Anthropic's cursor paging (`limit`, `after_id`, `before_id`). */
export function listModels(url: URL): Record<string, unknown> {
  const limit = Math.min(1000, Math.max(1, Number(url.searchParams.get("limit") ?? 20) || 20));
  const afterId = url.searchParams.get("after_id");
  const beforeId = url.searchParams.get("before_id");
  let models = [...ANTHROPIC_MODELS];
  if (afterId) models = models.slice(models.findIndex((model) => model.id === afterId) + 1);
  if (beforeId) {
    const end = models.findIndex((model) => model.id === beforeId);
    models = models.slice(Math.max(0, (end < 0 ? models.length : end) - limit), end < 0 ? models.length : end);
  }
  const page = models.slice(0, limit);
  return { data: page.map(modelResource), has_more: models.length > page.length, first_id: page[0]?.id ?? null, last_id: page.at(-1)?.id ?? null };
}
