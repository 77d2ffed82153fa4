/**
 * `POST /v1/messages` and `POST /v1/messages/count_tokens`: the request is checked, turned into a
 * `PolicyRequest`, answered by the tenant's scripted policy, and the turn is rendered as a
 * Message (JSON) or as its stream of server-sent events, with usage from the prompt cache.
 */
import { type Tenant, type TwinContext, jsonResponse } from "../kit/index.js";
import { type ScriptedTurn, nextTurn, policyOf } from "../llm-policy/index.js";
import { SAMPLING_REMOVED_VERSION } from "./auth.js";
import { anthropicError, rateLimitError } from "./errors.js";
import { isThinkingSignature, messageId, requestId } from "./ids.js";
import { toPolicyRequest } from "./policy-request.js";
import { countInputTokens, planPromptCache } from "./prompt-cache.js";
import { type MessagesRequest, type ParsedRequest, parseMessagesRequest } from "./request.js";
import { renderMessage } from "./response.js";
import { sseResponse, streamEvents } from "./stream.js";

const REQUESTS_COUNTER = "anthropic.requests";

function readRequest(context: TwinContext, forCounting: boolean): ParsedRequest {
  if (context.body === undefined && context.rawBody.trim() !== "") return { ok: false, status: 400, message: "There was an error parsing the body of your request: it is not valid JSON" };
  const samplingRemoved = context.request.headers.get("anthropic-version") === SAMPLING_REMOVED_VERSION;
  return parseMessagesRequest(context.body, forCounting, { samplingRemoved });
}

/** A turn's `error` in Anthropic's shape; a 429 carries `retry-after` (1 second unless the turn says). */
export function scriptedError(tenant: Tenant, error: NonNullable<ScriptedTurn["error"]>): Response {
  if (error.status === 429) return rateLimitError(tenant, { retryAfterSeconds: error.retryAfterSeconds ?? 1 }, error.message);
  const headers: Record<string, string> = error.retryAfterSeconds !== undefined ? { "retry-after": String(error.retryAfterSeconds) } : {};
  return anthropicError(tenant, error.status, error.message, headers);
}

/** The first thinking block sent back edited or not issued by this tenant, as Anthropic reports it. */
function badSignature(tenant: Tenant, request: MessagesRequest): string | undefined {
  for (const [index, message] of request.messages.entries()) {
    for (const [position, block] of message.content.entries()) {
      if (block.type === "thinking" && !isThinkingSignature(tenant, String(block["thinking"]), String(block["signature"]))) return `messages.${index}.content.${position}: Invalid \`signature\` in \`thinking\` block`;
    }
  }
  return undefined;
}

export async function handleMessages(context: TwinContext): Promise<Response> {
  const { tenant } = context;
  const parsed = readRequest(context, false);
  if (!parsed.ok) return anthropicError(tenant, parsed.status, parsed.message);
  const { request } = parsed;
  const forged = badSignature(tenant, request);
  if (forged) return anthropicError(tenant, 400, forged);
  const index = tenant.nextCounter(REQUESTS_COUNTER) - 1;
  const turn = await nextTurn(policyOf(tenant), toPolicyRequest(request, index));
  if (turn.error) return scriptedError(tenant, turn.error);
  const cache = planPromptCache(tenant, request);
  const message = renderMessage(tenant, request, turn, messageId(tenant), cache.usage);
  cache.commit();
  const headers = { "request-id": requestId(tenant) };
  return request.stream ? sseResponse(streamEvents(message), headers) : jsonResponse(message, 200, headers);
}

export function handleCountTokens(context: TwinContext): Response {
  const { tenant } = context;
  const parsed = readRequest(context, true);
  if (!parsed.ok) return anthropicError(tenant, parsed.status, parsed.message);
  return jsonResponse({ input_tokens: countInputTokens(parsed.request) }, 200, { "request-id": requestId(tenant) });
}
