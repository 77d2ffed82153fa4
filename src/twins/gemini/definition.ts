/**
 * The Gemini twin's `TwinDefinition`: the Gemini API (generativelanguage.googleapis.com) under
 * `/v1beta` (and `/v1`): generateContent, streamGenerateContent, countTokens, models.list and
 * models.get, with Google's errors, quota answers, the tenant's API key and fixtures.
 */
import { type Tenant, type TwinContext, type TwinDefinition, fixtureObject, jsonResponse } from "../kit/index.js";
import { apiKeyOf, checkApiKey, initializeApiKey, setApiKey } from "./auth.js";
import { googleError, modelNotFound, quotaExhausted } from "./errors.js";
import { handleCountTokens, handleGenerate } from "./generate.js";
import { GEMINI_MODELS, findModel, modelResource } from "./models.js";

const MODEL_ACTION = /^\/v1(?:beta)?\/models\/([^/:]+):([A-Za-z]+)$/;
const MODEL_GET = /^\/v1(?:beta)?\/models\/([^/:]+)$/;
const MODEL_LIST = /^\/v1(?:beta)?\/models\/?$/;

const ACTIONS = new Set(["generateContent", "streamGenerateContent", "countTokens"]);

/** Free-tier requests per minute of Gemini 2.5 Flash, used by `rateLimit: true` fault rules. */
export const GEMINI_RATE_LIMITS: Readonly<Record<string, { limit: number; windowMs: number }>> = {
  "models.generateContent": { limit: 10, windowMs: 60_000 },
  "models.streamGenerateContent": { limit: 10, windowMs: 60_000 },
  "models.countTokens": { limit: 3000, windowMs: 60_000 },
};

function modelInPath(path: string): string {
  const match = MODEL_ACTION.exec(path) ?? MODEL_GET.exec(path);
  return match ? decodeURIComponent(match[1]!) : "";
}

function listModels(url: URL): Response {
  const pageSize = Math.min(1000, Math.max(1, Number(url.searchParams.get("pageSize") ?? 50) || 50));
  const start = Math.max(0, Number(url.searchParams.get("pageToken") ?? 0) || 0);
  const page = GEMINI_MODELS.slice(start, start + pageSize).map(modelResource);
  const next = start + pageSize < GEMINI_MODELS.length ? { nextPageToken: String(start + pageSize) } : {};
  return jsonResponse({ models: page, ...next });
}

async function handle(context: TwinContext): Promise<Response> {
  const { tenant, request, url, path } = context;
  const denied = checkApiKey(tenant, request, url);
  if (denied) return denied;
  if (MODEL_LIST.test(path) && request.method === "GET") return listModels(url);
  const get = MODEL_GET.exec(path);
  if (get && request.method === "GET") {
    const model = findModel(decodeURIComponent(get[1]!));
    return model ? jsonResponse(modelResource(model)) : modelNotFound(decodeURIComponent(get[1]!), "get");
  }
  const action = MODEL_ACTION.exec(path);
  if (!action || !ACTIONS.has(action[2]!) || request.method !== "POST") return googleError(404);
  const name = decodeURIComponent(action[1]!);
  const model = findModel(name);
  if (!model) return modelNotFound(name, action[2] === "countTokens" ? "countTokens" : "generateContent");
  if (action[2] === "countTokens") return handleCountTokens(context);
  return handleGenerate(context, model, action[2] === "streamGenerateContent");
}

function seedGemini(tenant: Tenant, fixture: unknown): void {
  const root = fixtureObject(fixture, "", ["apiKey"]);
  const apiKey = root.optionalString("apiKey", { nonEmpty: true });
  if (apiKey !== undefined) setApiKey(tenant, apiKey);
}

export function createGeminiDefinition(): TwinDefinition {
  return {
    name: "gemini",
    methodOf(request, path) {
      const action = MODEL_ACTION.exec(path);
      if (action) return `models.${action[2]}`;
      if (MODEL_LIST.test(path)) return "models.list";
      if (MODEL_GET.test(path)) return "models.get";
      return `${request.method} ${path}`;
    },
    handle,
    rateLimited: (context, info) => quotaExhausted(modelInPath(context.path), info.retryAfterSeconds),
    serverError: () => googleError(503),
    internalError: () => googleError(500),
    vendorRateLimit: (method) => GEMINI_RATE_LIMITS[method],
    initialize: initializeApiKey,
    seed: seedGemini,
    describe: (tenant, baseUrl) => ({
      credentials: { apiKey: apiKeyOf(tenant) },
      sdkOption: `new GoogleGenAI({ apiKey, httpOptions: { baseUrl: "${baseUrl}" } }) or createGoogleGenerativeAI({ apiKey, baseURL: "${baseUrl}/v1beta" })`,
      baseUrl: `${baseUrl}/v1beta`,
    }),
  };
}
