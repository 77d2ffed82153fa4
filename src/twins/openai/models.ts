/**
 * The models the twin answers for, as OpenAI lists them. `reasoning` models (o-series, gpt-5)
 * think: they take `reasoning: {effort, summary}`, produce reasoning items and reasoning tokens;
 * the others refuse a `reasoning` parameter with OpenAI's 400.
 */
import { invalidType, missingParameter, modelNotFound } from "./errors.js";
import { type Fields, type Parsed, failed } from "./wire.js";

export interface OpenAIModel {
  id: string;
  /** The dated snapshot the API reports in answers. */
  snapshot: string;
  reasoning: boolean;
  created: number;
}

export const OPENAI_MODELS: readonly OpenAIModel[] = [
  { id: "gpt-4o", snapshot: "gpt-4o-2024-08-06", reasoning: false, created: 1715367049 },
  { id: "gpt-4o-mini", snapshot: "gpt-4o-mini-2024-07-18", reasoning: false, created: 1721172741 },
  { id: "gpt-4.1", snapshot: "gpt-4.1-2025-04-14", reasoning: false, created: 1744316542 },
  { id: "gpt-4.1-mini", snapshot: "gpt-4.1-mini-2025-04-14", reasoning: false, created: 1744318173 },
  { id: "gpt-4.1-nano", snapshot: "gpt-4.1-nano-2025-04-14", reasoning: false, created: 1744321707 },
  { id: "o3", snapshot: "o3-2025-04-16", reasoning: true, created: 1744225308 },
  { id: "o4-mini", snapshot: "o4-mini-2025-04-16", reasoning: true, created: 1744225351 },
  { id: "gpt-5", snapshot: "gpt-5-2025-08-07", reasoning: true, created: 1754425777 },
  { id: "gpt-5-mini", snapshot: "gpt-5-mini-2025-08-07", reasoning: true, created: 1754425867 },
  { id: "gpt-5-nano", snapshot: "gpt-5-nano-2025-08-07", reasoning: true, created: 1754426384 },
  { id: "gpt-5.1", snapshot: "gpt-5.1-2025-11-13", reasoning: true, created: 1762800000 },
  { id: "gpt-5-codex", snapshot: "gpt-5-codex", reasoning: true, created: 1758000000 },
];

/** A model by its id or its snapshot name. */
export function findModel(name: string): OpenAIModel | undefined {
  return OPENAI_MODELS.find((model) => model.id === name || model.snapshot === name);
}

/** The model a request names, or OpenAI's 400 (missing, not a string) or 404 (unknown). */
export function requestedModel(body: Fields): Parsed<OpenAIModel> {
  const name = body["model"];
  if (name === undefined || name === null) return failed(missingParameter("model"));
  if (typeof name !== "string") return failed(invalidType("model", "a string", name));
  const model = findModel(name);
  return model ? { ok: true, value: model } : failed(modelNotFound(name));
}
