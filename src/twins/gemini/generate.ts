/**
 * `models.generateContent`, `models.streamGenerateContent` and `models.countTokens`: the request
 * is checked, turned into a `PolicyRequest`, answered by the tenant's scripted policy, and the
 * turn is rendered as Gemini answers, with estimated usage and implicit-cache hits.
 */
import type { TwinContext } from "../kit/index.js";
import { jsonResponse } from "../kit/index.js";
import { nextTurn, policyOf } from "../llm-policy/index.js";
import { randomToken } from "./auth.js";
import { invalidArgument, scriptedError } from "./errors.js";
import type { GeminiModel } from "./models.js";
import { toPolicyRequest } from "./policy-request.js";
import { type GenerateRequest, parseCountTokensRequest, parseGenerateRequest, requestObject } from "./request.js";
import { generateContentResponse, jsonArrayResponse, sseResponse, streamChunks } from "./response.js";
import { implicitCacheHit, promptSegments, promptTokens } from "./usage.js";

const REQUESTS_COUNTER = "gemini.requests";

function readRequest(context: TwinContext): ReturnType<typeof parseGenerateRequest> {
  const body = requestObject(context.body, context.rawBody);
  return body.ok ? parseGenerateRequest(body.value) : body;
}

/** Thoughts happen unless the model does not think, or may stop and was told to (budget 0). */
function thinkingOf(model: GeminiModel, request: GenerateRequest): boolean | Response {
  if (!model.thinking) return false;
  if (request.thinkingBudget === 0) {
    return model.thinkingOptional ? false : invalidArgument("Budget 0 is invalid. This model only works in thinking mode.");
  }
  return true;
}

export async function handleGenerate(context: TwinContext, model: GeminiModel, stream: boolean): Promise<Response> {
  const parsed = readRequest(context);
  if (!parsed.ok) return parsed.response;
  const request = parsed.value;
  const thinking = thinkingOf(model, request);
  if (thinking instanceof Response) return thinking;
  const { tenant } = context;
  const index = tenant.nextCounter(REQUESTS_COUNTER) - 1;
  const turn = await nextTurn(policyOf(tenant), toPolicyRequest(request, model.id, stream, index));
  if (turn.error) return scriptedError(model.id, turn.error);
  const segments = promptSegments(request);
  const cachedTokens = implicitCacheHit(tenant, model.id, segments);
  const input = {
    turn,
    modelVersion: model.version,
    responseId: randomToken(tenant, 23),
    thinking,
    includeThoughts: request.includeThoughts,
    ...(request.maxOutputTokens !== undefined ? { maxOutputTokens: request.maxOutputTokens } : {}),
    promptTokens: promptTokens(segments),
    cachedTokens,
    thoughtSignature: `${randomToken(tenant, 40)}==`,
  };
  if (!stream) return jsonResponse(generateContentResponse(input));
  const chunks = streamChunks(input);
  return context.url.searchParams.get("alt") === "sse" ? sseResponse(chunks) : jsonArrayResponse(chunks);
}

export function handleCountTokens(context: TwinContext): Response {
  const body = requestObject(context.body, context.rawBody);
  if (!body.ok) return body.response;
  const parsed = parseCountTokensRequest(body.value);
  if (!parsed.ok) return parsed.response;
  const totalTokens = promptTokens(promptSegments(parsed.value));
  return jsonResponse({ totalTokens, promptTokensDetails: [{ modality: "TEXT", tokenCount: totalTokens }] });
}
