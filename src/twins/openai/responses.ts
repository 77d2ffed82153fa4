/**
 * `POST /v1/responses` (and `GET /v1/responses/{id}`): the request is read into a conversation,
 * answered by the tenant's scripted policy, and the turn rendered as a response object or as its
 * server-sent events, with usage (prompt-cache hits included). Stored responses serve
 * `item_reference` and `previous_response_id` later.
 */
import { type TwinContext, jsonResponse } from "../kit/index.js";
import { estimateTokens, nextTurn, policyOf } from "../llm-policy/index.js";
import { serializePrompt, toPolicyRequest } from "./conversation.js";
import { openaiError, scriptedError } from "./errors.js";
import { callId, itemId } from "./ids.js";
import { requestedModel } from "./models.js";
import { promptCacheHit } from "./prompt-cache.js";
import { renderTurn } from "./render-turn.js";
import { responseStoreOf, storeResponse, storedResponse } from "./response-store.js";
import { parseResponsesRequest } from "./responses-request.js";
import { type ResponseMeta, encodeResponseEvents, outputItems, responseObject, streamEvents } from "./responses-render.js";
import { eventStreamResponse, requestObject } from "./wire.js";

/** Counts model requests across both APIs: the policy's `index`. */
export const MODEL_REQUESTS_COUNTER = "openai.modelRequests";

export async function handleCreateResponse(context: TwinContext): Promise<Response> {
  const { tenant } = context;
  const body = requestObject(context.body, context.rawBody);
  if (!body.ok) return body.response;
  const requested = requestedModel(body.value);
  if (!requested.ok) return requested.response;
  const model = requested.value;
  const parsed = parseResponsesRequest(body.value, model, responseStoreOf(tenant));
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
  const meta: ResponseMeta = {
    id: itemId(tenant, "resp"),
    createdAt: Math.floor(tenant.now() / 1000),
    model: model.snapshot,
    instructions: request.instructions,
    tools: request.tools,
    previousResponseId: request.previousResponseId,
    store: request.store,
    maxOutputTokens: request.maxOutputTokens ?? null,
    reasoning: model.reasoning ? { effort: request.conversation.reasoningEffort ?? "medium", summary: request.reasoningSummary } : { effort: null, summary: null },
    showSummary: request.reasoningSummary !== null,
    encryptedReasoning: request.includeEncryptedReasoning,
    itemIds: { reasoning: itemId(tenant, "rs"), message: itemId(tenant, "msg"), calls: rendered.calls.map(() => itemId(tenant, "fc")) },
  };
  const items = outputItems(rendered, meta);
  const final = responseObject(meta, rendered, items.map((item) => item.wire));
  if (request.store) {
    const kept = items.map(({ wire, kept: item }) => ({ id: String(wire["id"]), item }));
    storeResponse(tenant, final, [...request.conversation.items, ...kept.map(({ item }) => item)], kept);
  }
  if (!request.conversation.stream) return jsonResponse(final);
  return eventStreamResponse(encodeResponseEvents(streamEvents(meta, rendered)));
}

export function handleGetResponse(context: TwinContext, id: string): Response {
  const found = storedResponse(context.tenant, id);
  if (found) return jsonResponse(found);
  return openaiError(404, `Response with id '${id}' not found.`, "invalid_request_error", null, null);
}
