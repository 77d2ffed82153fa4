/** pins.add, remove, list: pinned messages of a conversation. */
import { type MethodHandler, type SlackCall, raise } from "../call.js";
import { resolveConversation } from "../conversations.js";
import { TS_PATTERN, unixSeconds } from "../ids.js";
import { eventTs } from "../membership.js";
import { type ChannelRecord, type MessageRecord, messageOf, pinCount, pinsOf, saveMessage } from "../records.js";
import { renderMessage } from "../render.js";
import { type SlackFailure, fail, isFailure, ok } from "../responses.js";

function pinTarget(call: SlackCall): { channel: ChannelRecord; message: MessageRecord } | SlackFailure {
  const channel = resolveConversation(call);
  if (isFailure(channel)) return channel;
  if (call.args.has("file")) return fail("file_not_found");
  const ts = call.args.string("timestamp");
  if (ts === undefined) return fail("no_item_specified");
  if (!TS_PATTERN.test(ts)) return fail("bad_timestamp");
  const message = messageOf(call.tenant.state, channel.id, ts);
  if (!message || message.subtype === "tombstone") return fail("message_not_found");
  return { channel, message };
}

function pinItem(call: SlackCall, message: MessageRecord, pinned: NonNullable<MessageRecord["pinned"]>): Record<string, unknown> {
  return { type: "message", created: pinned.at, created_by: pinned.by, channel: message.channel, message: renderMessage(call.tenant.state, message, { baseUrl: call.baseUrl, permalink: true }) };
}

export const pinsAdd: MethodHandler = (call) => {
  const target = pinTarget(call);
  if (isFailure(target)) return target;
  const { channel, message } = target;
  if (!channel.members.includes(call.auth.user.id)) return fail("not_in_channel");
  if (message.pinned) return fail("already_pinned");
  const pinned = { by: call.auth.user.id, at: unixSeconds(call.tenant) };
  const updated = { ...message, pinned };
  saveMessage(call.tenant, updated);
  raise(call, { type: "pin_added", user: pinned.by, channel_id: channel.id, item: pinItem(call, updated, pinned), item_user: message.user, event_ts: eventTs(call) }, channel.id);
  return ok();
};

export const pinsRemove: MethodHandler = (call) => {
  const target = pinTarget(call);
  if (isFailure(target)) return target;
  const { channel, message } = target;
  if (!message.pinned) return fail("no_pin");
  const { pinned, ...unpinned } = message;
  saveMessage(call.tenant, unpinned);
  raise(call, { type: "pin_removed", user: call.auth.user.id, channel_id: channel.id, item: pinItem(call, unpinned, pinned), item_user: message.user, has_pins: pinCount(call.tenant.state, channel.id) > 0, event_ts: eventTs(call) }, channel.id);
  return ok();
};

export const pinsList: MethodHandler = (call) => {
  const channel = resolveConversation(call);
  if (isFailure(channel)) return channel;
  const state = call.tenant.state;
  const pinned = [...(state.collections.get(pinsOf(channel.id))?.keys() ?? [])]
    .map((ts) => messageOf(state, channel.id, ts))
    .filter((message): message is MessageRecord & { pinned: NonNullable<MessageRecord["pinned"]> } => message?.pinned !== undefined)
    .sort((left, right) => right.pinned.at - left.pinned.at || (left.ts < right.ts ? 1 : -1));
  return ok({ items: pinned.map((message) => pinItem(call, message, message.pinned)) });
};
