/**
 * The Anthropic twin's `TwinDefinition`: the Messages API at `{base}/v1/messages` (JSON or
 * server-sent events), `/v1/messages/count_tokens`, `/v1/models`, with Anthropic's headers,
 * errors, rate-limit answers, the tenant's API key and fixtures (`{apiKey}`).
 */
import { type Tenant, type TwinContext, type TwinDefinition, fixtureObject, jsonResponse } from "../kit/index.js";
import { apiKeyOf, checkHeaders, initializeApiKey, setApiKey } from "./auth.js";
import { anthropicError, rateLimitError } from "./errors.js";
import { requestId } from "./ids.js";
import { handleCountTokens, handleMessages } from "./messages.js";
import { findModel, listModels, modelResource } from "./models.js";

export const MESSAGES_METHOD = "POST /v1/messages";
export const COUNT_TOKENS_METHOD = "POST /v1/messages/count_tokens";
export const MODELS_LIST_METHOD = "GET /v1/models";
export const MODELS_GET_METHOD = "GET /v1/models/{model_id}";

const MODEL_PATH = /^\/v1\/models\/([^/]+)\/?$/;

/** Anthropic's tier-1 request limits per minute, used by `rateLimit: true` fault rules. */
export const ANTHROPIC_RATE_LIMITS: Readonly<Record<string, { limit: number; windowMs: number }>> = {
  [MESSAGES_METHOD]: { limit: 50, windowMs: 60_000 },
  [COUNT_TOKENS_METHOD]: { limit: 100, windowMs: 60_000 },
};

function methodOf(request: Request, path: string): string {
  const trimmed = path.replace(/\/$/, "");
  if (trimmed === "/v1/messages" || trimmed === "/v1/messages/count_tokens" || trimmed === "/v1/models") return `${request.method} ${trimmed}`;
  if (MODEL_PATH.test(path)) return `${request.method} /v1/models/{model_id}`;
  return `${request.method} ${path}`;
}

async function handle(context: TwinContext): Promise<Response> {
  const { tenant, request, method } = context;
  const denied = checkHeaders(tenant, request);
  if (denied) return denied;
  const ok = (body: unknown) => jsonResponse(body, 200, { "request-id": requestId(tenant) });
  switch (method) {
    case MESSAGES_METHOD:
      return handleMessages(context);
    case COUNT_TOKENS_METHOD:
      return handleCountTokens(context);
    case MODELS_LIST_METHOD:
      return ok(listModels(context.url));
    case MODELS_GET_METHOD: {
      const name = decodeURIComponent(MODEL_PATH.exec(context.path)![1]!);
      const model = findModel(name);
      return model ? ok(modelResource(model)) : anthropicError(tenant, 404, `model: ${name}`);
    }
    default:
      return ["/v1/messages", "/v1/messages/count_tokens", "/v1/models"].includes(context.path.replace(/\/$/, "")) ? anthropicError(tenant, 405, "Method Not Allowed") : anthropicError(tenant, 404, "Not Found");
  }
}

function seedAnthropic(tenant: Tenant, fixture: unknown): void {
  const root = fixtureObject(fixture, "", ["apiKey"]);
  const apiKey = root.optionalString("apiKey", { nonEmpty: true });
  if (apiKey !== undefined) setApiKey(tenant, apiKey);
}

/** 529 overloaded_error unless the tenant's config says `serverErrorStatus: 500` (api_error). */
function serverError(context: TwinContext): Response {
  const status = context.tenant.config["serverErrorStatus"] === 500 ? 500 : 529;
  return anthropicError(context.tenant, status);
}

export function createAnthropicDefinition(): TwinDefinition {
  return {
    name: "anthropic",
    methodOf,
    handle,
    rateLimited: (context, info) =>
      rateLimitError(context.tenant, info, `This request would exceed the rate limit for your organization of ${info.limit} requests per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits.`),
    serverError,
    internalError: (context) => anthropicError(context.tenant, 500),
    vendorRateLimit: (method) => ANTHROPIC_RATE_LIMITS[method],
    initialize: initializeApiKey,
    seed: seedAnthropic,
    describe: (tenant, baseUrl) => ({
      credentials: { apiKey: apiKeyOf(tenant) },
      sdkOption: `new Anthropic({ apiKey, baseURL: "${baseUrl}" }) or createAnthropic({ apiKey, baseURL: "${baseUrl}/v1" })`,
    }),
  };
}
