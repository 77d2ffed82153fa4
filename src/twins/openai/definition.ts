/**
 * The OpenAI twin's `TwinDefinition`: the Responses API, Chat Completions and the model list
 * under `/v1`, with OpenAI's bearer-key check, error shapes, rate-limit answers and fixtures.
 */
import { type Tenant, type TwinContext, type TwinDefinition, fixtureObject, jsonResponse } from "../kit/index.js";
import { apiKeyOf, checkApiKey, initializeApiKey, setApiKey } from "./auth.js";
import { handleChatCompletion } from "./chat.js";
import { requestId } from "./ids.js";
import { openaiError, rateLimitExceeded, serverError } from "./errors.js";
import { OPENAI_MODELS, findModel } from "./models.js";
import { handleCreateResponse, handleGetResponse } from "./responses.js";
import { isObject } from "./wire.js";

const RESPONSE_PATH = /^\/v1\/responses\/([^/]+)$/;
const MODEL_PATH = /^\/v1\/models\/([^/]+)$/;

/** Requests per minute of a tier-1 organization, used by `rateLimit: true` fault rules. */
export const OPENAI_RATE_LIMITS: Readonly<Record<string, { limit: number; windowMs: number }>> = {
  "responses.create": { limit: 500, windowMs: 60_000 },
  "chat.completions.create": { limit: 500, windowMs: 60_000 },
  "models.list": { limit: 500, windowMs: 60_000 },
};

function methodOf(request: Request, path: string): string {
  const trimmed = path.replace(/\/+$/, "");
  if (trimmed === "/v1/responses" && request.method === "POST") return "responses.create";
  if (RESPONSE_PATH.test(trimmed) && request.method === "GET") return "responses.retrieve";
  if (trimmed === "/v1/chat/completions" && request.method === "POST") return "chat.completions.create";
  if (trimmed === "/v1/models" && request.method === "GET") return "models.list";
  if (MODEL_PATH.test(trimmed) && request.method === "GET") return "models.retrieve";
  return `${request.method} ${path}`;
}

function modelObject(model: (typeof OPENAI_MODELS)[number]): Record<string, unknown> {
  return { id: model.id, object: "model", created: model.created, owned_by: "system" };
}

/** Every answer carries a seeded `x-request-id`, which the openai SDK exposes as `_request_id`. */
async function handle(context: TwinContext): Promise<Response> {
  const response = await route(context);
  response.headers.set("x-request-id", requestId(context.tenant));
  return response;
}

async function route(context: TwinContext): Promise<Response> {
  const denied = checkApiKey(context.tenant, context.request);
  if (denied) return denied;
  const path = context.path.replace(/\/+$/, "");
  switch (context.method) {
    case "responses.create":
      return handleCreateResponse(context);
    case "responses.retrieve":
      return handleGetResponse(context, decodeURIComponent(RESPONSE_PATH.exec(path)![1]!));
    case "chat.completions.create":
      return handleChatCompletion(context);
    case "models.list":
      return jsonResponse({ object: "list", data: OPENAI_MODELS.map(modelObject) });
    case "models.retrieve": {
      const name = decodeURIComponent(MODEL_PATH.exec(path)![1]!);
      const model = findModel(name);
      return model ? jsonResponse(modelObject(model)) : openaiError(404, `The model '${name}' does not exist`, "invalid_request_error", "model", "model_not_found");
    }
    default:
      return openaiError(404, `Invalid URL (${context.request.method} ${context.path})`, "invalid_request_error", null, null);
  }
}

function modelOfBody(body: unknown): string {
  return isObject(body) && typeof body["model"] === "string" ? body["model"] : "";
}

function seedOpenAI(tenant: Tenant, fixture: unknown): void {
  const root = fixtureObject(fixture, "", ["apiKey"]);
  const apiKey = root.optionalString("apiKey", { nonEmpty: true });
  if (apiKey !== undefined) setApiKey(tenant, apiKey);
}

export function createOpenAIDefinition(): TwinDefinition {
  return {
    name: "openai",
    methodOf,
    handle,
    rateLimited: (context, info) =>
      rateLimitExceeded({ model: modelOfBody(context.body), retryAfterSeconds: info.retryAfterSeconds, limit: info.limit, remaining: info.remaining }),
    serverError: () => serverError(503),
    internalError: () => serverError(500),
    vendorRateLimit: (method) => OPENAI_RATE_LIMITS[method],
    initialize: initializeApiKey,
    seed: seedOpenAI,
    describe: (tenant, baseUrl) => ({
      credentials: { apiKey: apiKeyOf(tenant) },
      sdkOption: `new OpenAI({ apiKey, baseURL: "${baseUrl}/v1" }) or createOpenAI({ apiKey, baseURL: "${baseUrl}/v1" })`,
      baseUrl: `${baseUrl}/v1`,
    }),
  };
}
