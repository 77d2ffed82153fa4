/**
 * What the twin keeps of the responses it gave (when `store` is true, OpenAI's default): every
 * output item by id, for `item_reference` inputs (the AI SDK sends them for earlier reasoning and
 * messages), and every response with its whole conversation, for `previous_response_id` and
 * `GET /v1/responses/{id}`. Kept in the tenant state (bounded), so snapshots include them.
 */
import { type Tenant, deleteRecord, getRecord, putRecord } from "../kit/index.js";
import type { ConversationItem } from "./conversation.js";
import type { ResponseStore } from "./responses-request.js";

const ITEMS = "openai.items";
const RESPONSES = "openai.responses";
/** The most responses (and four times as many items) a tenant keeps; older ones are forgotten. */
export const STORED_RESPONSES = 1000;

interface StoredResponse {
  body: Record<string, unknown>;
  conversation: ConversationItem[];
}

export function responseStoreOf(tenant: Tenant): ResponseStore {
  return {
    item: (id) => getRecord<ConversationItem>(tenant.state, ITEMS, id),
    conversation: (id) => getRecord<StoredResponse>(tenant.state, RESPONSES, id)?.conversation,
  };
}

export function storedResponse(tenant: Tenant, id: string): Record<string, unknown> | undefined {
  return getRecord<StoredResponse>(tenant.state, RESPONSES, id)?.body;
}

function putBounded(tenant: Tenant, collection: string, id: string, value: unknown, limit: number): void {
  tenant.update((state) => putRecord(state, collection, id, value));
  const all = tenant.state.collections.get(collection);
  if (all && all.size > limit) {
    const oldest = all.keySeq().first(undefined);
    if (oldest !== undefined) tenant.update((state) => deleteRecord(state, collection, oldest));
  }
}

export function storeResponse(tenant: Tenant, body: Record<string, unknown>, conversation: ConversationItem[], items: { id: string; item: ConversationItem }[]): void {
  for (const { id, item } of items) putBounded(tenant, ITEMS, id, item, STORED_RESPONSES * 4);
  putBounded(tenant, RESPONSES, String(body["id"]), { body, conversation }, STORED_RESPONSES);
}
