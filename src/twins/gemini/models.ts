/**
 * The models the Gemini twin serves, as `GET /v1beta/models` lists them. Whether a model thinks
 * (and whether its thinking can be turned off with `thinkingBudget: 0`) decides how scripted
 * reasoning is rendered; any other model name is 404 NOT_FOUND, as on Google.
 */
export interface GeminiModel {
  /** The id used in paths: `models/{id}:generateContent`. */
  id: string;
  /** What `modelVersion` says in answers (an alias resolves to the model it points at). */
  version: string;
  displayName: string;
  description: string;
  inputTokenLimit: number;
  outputTokenLimit: number;
  /** Thinks before answering (Gemini 2.5 and later). */
  thinking: boolean;
  /** Thinking can be disabled with a budget of 0 (Flash and Flash-Lite; never Pro). */
  thinkingOptional: boolean;
}

const GENERATION_METHODS = ["generateContent", "countTokens", "createCachedContent", "batchGenerateContent"];

function model(id: string, displayName: string, options: Partial<GeminiModel> = {}): GeminiModel {
  return {
    id,
    version: id,
    displayName,
    description: `${displayName}, as served by the Lightsout Gemini twin`,
    inputTokenLimit: 1_048_576,
    outputTokenLimit: 65_536,
    thinking: true,
    thinkingOptional: true,
    ...options,
  };
}

export const GEMINI_MODELS: readonly GeminiModel[] = [
  model("gemini-2.5-pro", "Gemini 2.5 Pro", { thinkingOptional: false }),
  model("gemini-2.5-flash", "Gemini 2.5 Flash"),
  model("gemini-2.5-flash-lite", "Gemini 2.5 Flash-Lite"),
  model("gemini-3-pro-preview", "Gemini 3 Pro Preview", { thinkingOptional: false }),
  model("gemini-3-flash-preview", "Gemini 3 Flash Preview"),
  model("gemini-2.0-flash", "Gemini 2.0 Flash", { outputTokenLimit: 8_192, thinking: false, thinkingOptional: false }),
  model("gemini-2.0-flash-lite", "Gemini 2.0 Flash-Lite", { outputTokenLimit: 8_192, thinking: false, thinkingOptional: false }),
  model("gemini-flash-latest", "Gemini Flash Latest", { version: "gemini-2.5-flash" }),
  model("gemini-pro-latest", "Gemini Pro Latest", { version: "gemini-2.5-pro", thinkingOptional: false }),
];

/** The model a path names (`gemini-2.5-flash` or `models/gemini-2.5-flash`), if served. */
export function findModel(name: string): GeminiModel | undefined {
  const id = name.startsWith("models/") ? name.slice("models/".length) : name;
  return GEMINI_MODELS.find((candidate) => candidate.id === id);
}

/** The `Model` resource of the API. */
export function modelResource(entry: GeminiModel): Record<string, unknown> {
  return {
    name: `models/${entry.id}`,
    version: "001",
    displayName: entry.displayName,
    description: entry.description,
    inputTokenLimit: entry.inputTokenLimit,
    outputTokenLimit: entry.outputTokenLimit,
    supportedGenerationMethods: GENERATION_METHODS,
    temperature: 1,
    topP: 0.95,
    topK: 64,
    maxTemperature: 2,
    ...(entry.thinking ? { thinking: true } : {}),
  };
}
