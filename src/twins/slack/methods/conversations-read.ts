/** conversations.list, info, history, replies, members: reading conversations. */
import { Seq } from "immutable";
import { checkConversationScopes } from "../auth.js";
import type { MethodHandler, SlackCall } from "../call.js";
import { canSee, resolveConversation } from "../conversations.js";
import { parseTsArgument, tsToMicros } from "../ids.js";
import { repliesOf } from "../messages.js";
import { decodeCursor, encodeCursor, pageLimit, paginate } from "../paging.js";
import { type ChannelKind, type MessageRecord, allChannels, messageOf, messagesOf, pinCount } from "../records.js";
import { renderConversation, renderMessage } from "../render.js";
import { type SlackFailure, fail, isFailure, ok } from "../responses.js";

const TYPE_KINDS: Record<string, ChannelKind> = { public_channel: "public", private_channel: "private", mpim: "mpim", im: "im" };

/** The `types` argument as conversation kinds (`public_channel` by default), with its scopes checked. */
export function checkConversationTypes(call: SlackCall): ChannelKind[] | SlackFailure {
  const names = call.args.list("types");
  const kinds: ChannelKind[] = [];
  for (const name of names.length > 0 ? names : ["public_channel"]) {
    const kind = TYPE_KINDS[name];
    if (!kind) return fail("invalid_types");
    const denied = checkConversationScopes(call.metadata, call.auth.token, kind);
    if (denied) return denied;
    if (!kinds.includes(kind)) kinds.push(kind);
  }
  return kinds;
}

export const conversationsList: MethodHandler = (call) => {
  const state = call.tenant.state;
  const kinds = checkConversationTypes(call);
  if (isFailure(kinds)) return kinds;
  const excludeArchived = call.args.boolean("exclude_archived");
  const viewer = call.auth.user.id;
  const channels = allChannels(state).filter((channel) => kinds.includes(channel.kind) && canSee(channel, viewer) && !(excludeArchived && channel.is_archived));
  const page = paginate(channels, (channel) => channel.id, call.args, { kind: "team", defaultLimit: 100, maxLimit: 1000, strictLimit: true });
  if (isFailure(page)) return page;
  return ok({
    channels: page.items.map((channel) => renderConversation(state, channel, { viewer, numMembers: true })),
    response_metadata: { next_cursor: page.nextCursor },
  });
};

export const conversationsInfo: MethodHandler = (call) => {
  const channel = resolveConversation(call);
  if (isFailure(channel)) return channel;
  return ok({ channel: renderConversation(call.tenant.state, channel, { viewer: call.auth.user.id, numMembers: call.args.boolean("include_num_members") }) });
};

/** `oldest`/`latest`/`inclusive` as a predicate on a message's ts. */
function timeWindow(call: SlackCall): ((message: MessageRecord) => boolean) | SlackFailure {
  const latestArgument = call.args.string("latest");
  const oldestArgument = call.args.string("oldest");
  const latest = latestArgument === undefined ? Number.POSITIVE_INFINITY : parseTsArgument(latestArgument);
  const oldest = oldestArgument === undefined ? 0 : parseTsArgument(oldestArgument);
  if (Number.isNaN(latest)) return fail("invalid_ts_latest");
  if (Number.isNaN(oldest)) return fail("invalid_ts_oldest");
  const inclusive = call.args.boolean("inclusive");
  return (message) => {
    const micros = tsToMicros(message.ts);
    return inclusive ? micros >= oldest && micros <= latest : micros > oldest && micros < latest;
  };
}

const HISTORY_PAGE = { kind: "next_ts", defaultLimit: 100, maxLimit: 999 };

const isInHistory = (message: MessageRecord): boolean => message.thread_ts === undefined || message.thread_ts === message.ts || message.subtype === "thread_broadcast";

/**
 * History newest first, read lazily from the end of the conversation's messages, so a page costs
 * its size rather than the conversation's length.
 */
export const conversationsHistory: MethodHandler = (call) => {
  const channel = resolveConversation(call);
  if (isFailure(channel)) return channel;
  if (call.auth.token.type === "bot" && !channel.members.includes(call.auth.user.id)) return fail("not_in_channel");
  const inWindow = timeWindow(call);
  if (isFailure(inWindow)) return inWindow;
  const limit = pageLimit(call.args, HISTORY_PAGE);
  if (typeof limit !== "number") return limit;
  const state = call.tenant.state;
  const records = state.collections.get(messagesOf(channel.id));
  let newestFirst = (records?.valueSeq() ?? Seq.Indexed<unknown>()).reverse() as Seq.Indexed<MessageRecord>;
  const cursor = call.args.string("cursor");
  if (cursor !== undefined) {
    const from = decodeCursor(cursor, HISTORY_PAGE.kind);
    if (from === undefined || !records?.has(from)) return fail("invalid_cursor");
    const fromMicros = tsToMicros(from);
    newestFirst = newestFirst.skipWhile((message) => tsToMicros(message.ts) > fromMicros);
  }
  const page = newestFirst.filter((message) => isInHistory(message) && inWindow(message)).take(limit + 1).toArray();
  const next = page.length > limit ? page.pop() : undefined;
  return ok({
    messages: page.map((message) => renderMessage(state, message, { baseUrl: call.baseUrl })),
    has_more: next !== undefined,
    pin_count: pinCount(state, channel.id),
    channel_actions_ts: null,
    channel_actions_count: 0,
    ...(next !== undefined ? { response_metadata: { next_cursor: encodeCursor(HISTORY_PAGE.kind, next.ts) } } : {}),
  });
};

export const conversationsReplies: MethodHandler = (call) => {
  const channel = resolveConversation(call);
  if (isFailure(channel)) return channel;
  const ts = call.args.string("ts");
  const state = call.tenant.state;
  let parent = ts === undefined ? undefined : messageOf(state, channel.id, ts);
  if (parent?.thread_ts !== undefined && parent.thread_ts !== parent.ts) parent = messageOf(state, channel.id, parent.thread_ts);
  if (!parent) return fail("thread_not_found");
  const inWindow = timeWindow(call);
  if (isFailure(inWindow)) return inWindow;
  const thread = [parent, ...repliesOf(state, parent)].filter(inWindow);
  const page = paginate(thread, (message) => message.ts, call.args, { kind: "next_ts", defaultLimit: 1000, maxLimit: 1000 });
  if (isFailure(page)) return page;
  return ok({
    messages: page.items.map((message) => renderMessage(state, message, { baseUrl: call.baseUrl })),
    has_more: page.nextCursor !== "",
    ...(page.nextCursor !== "" ? { response_metadata: { next_cursor: page.nextCursor } } : {}),
  });
};

export const conversationsMembers: MethodHandler = (call) => {
  const channel = resolveConversation(call);
  if (isFailure(channel)) return channel;
  const page = paginate(channel.members, (member) => member, call.args, { kind: "user", defaultLimit: 100, maxLimit: 1000, strictLimit: true });
  if (isFailure(page)) return page;
  return ok({ members: page.items, response_metadata: { next_cursor: page.nextCursor } });
};
