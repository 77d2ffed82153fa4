/**
 * `POST /v1/chat/completions`: the request is read into a conversation, answered by the tenant's
 * scripted policy (counted with the Responses requests), and the turn rendered as a completion or
 * its chunks, with usage and prompt-cache hits.
 */
import { type TwinContext, jsonResponse } from "../kit/index.js";
import { estimateTokens, nextTurn, policyOf } from "../llm-policy/index.js";
import { chatCompletion, encodeChatChunks } from "./chat-render.js";
import { parseChatRequest } from "./chat-request.js";
import { serializePrompt, toPolicyRequest } from "./conversation.js";
import { scriptedError } from "./errors.js";
import { callId, completionId } from "./ids.js";
import { requestedModel } from "./models.js";
import { promptCacheHit } from "./prompt-cache.js";
import { renderTurn } from "./render-turn.js";
import { MODEL_REQUESTS_COUNTER } from "./responses.js";
import { eventStreamResponse, requestObject } from "./wire.js";

export async function handleChatCompletion(context: TwinContext): Promise<Response> {
  const { tenant } = context;
  const body = requestObject(context.body, context.rawBody);
  if (!body.ok) return body.response;
  const requested = requestedModel(body.value);
  if (!requested.ok) return requested.response;
  const model = requested.value;
  const parsed = parseChatRequest(body.value, model);
  if (!parsed.ok) return parsed.response;
  const request = parsed.value;
  const index = tenant.nextCounter(MODEL_REQUESTS_COUNTER) - 1;
  const turn = await nextTurn(policyOf(tenant), toPolicyRequest(request.conversation, index));
  if (turn.error) return scriptedError(model.id, turn.error);
  const prompt = serializePrompt(request.conversation);
  const cachedTokens = promptCacheHit(tenant, model.id, prompt);
  const rendered = renderTurn(turn, {
    reasoningModel: model.reasoning,
    promptTokens: estimateTokens(prompt),
    cachedTokens,
    ...(request.maxOutputTokens !== undefined ? { maxOutputTokens: request.maxOutputTokens } : {}),
    newCallId: () => callId(tenant),
  });
  const meta = { id: completionId(tenant), created: Math.floor(tenant.now() / 1000), model: model.snapshot, systemFingerprint: "fp_twin0001" };
  if (!request.conversation.stream) return jsonResponse(chatCompletion(meta, rendered));
  return eventStreamResponse(encodeChatChunks(meta, rendered, request.includeUsage));
}
