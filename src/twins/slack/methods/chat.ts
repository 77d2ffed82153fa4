/** chat.postMessage, update, delete, postEphemeral, getPermalink. */
import { putRecord } from "../../kit/index.js";
import type { MethodHandler, SlackCall } from "../call.js";
import { resolveConversation } from "../conversations.js";
import { nextTs } from "../ids.js";
import { readContent } from "../message-content.js";
import { type MessageDraft, editMessage, postMessage, removeMessage } from "../messages.js";
import { type ChannelRecord, type EphemeralRecord, EPHEMERAL, channelOf, messageOf, saveChannel, userOf } from "../records.js";
import { permalinkOf, renderMessage } from "../render.js";
import { type SlackFailure, fail, isFailure, ok } from "../responses.js";

/** The channel a message goes to, with Slack's posting rules (membership, `chat:write.public`, archive). */
export function postableChannel(call: SlackCall, value?: string): ChannelRecord | SlackFailure {
  const channel = resolveConversation(call, { names: true, userIds: true, ...(value !== undefined ? { value } : {}) });
  if (isFailure(channel)) return channel;
  if (channel.is_archived) return fail("is_archived");
  const { user, token } = call.auth;
  const canPostUninvited = channel.kind === "public" && token.type === "bot" && token.scopes.includes("chat:write.public");
  if (!channel.members.includes(user.id) && !canPostUninvited) return fail("not_in_channel");
  return channel;
}

/** Who a message is from: the bot (with its bot and app ids) or the token's user. */
export function authorOf(call: SlackCall): Pick<MessageDraft, "user" | "bot_id" | "app_id"> {
  const { user, token } = call.auth;
  if (token.type === "bot" && user.bot_id) return { user: user.id, bot_id: user.bot_id, app_id: user.app_id ?? "" };
  return { user: user.id };
}

/** A reply's `thread_ts` points at its thread's parent (replying to a reply joins that thread). */
export function threadOf(call: SlackCall, channel: ChannelRecord): string | undefined {
  const threadTs = call.args.string("thread_ts");
  if (threadTs === undefined) return undefined;
  const target = messageOf(call.tenant.state, channel.id, threadTs);
  return target?.thread_ts ?? threadTs;
}

export const chatPostMessage: MethodHandler = (call) => {
  const channel = postableChannel(call);
  if (isFailure(channel)) return channel;
  const content = readContent(call.args);
  if (isFailure(content)) return content;
  const threadTs = threadOf(call, channel);
  const iconEmoji = call.args.string("icon_emoji");
  const iconUrl = call.args.string("icon_url");
  const username = call.auth.token.type === "bot" ? call.args.string("username") : undefined;
  const message = postMessage(call, channel, {
    ...authorOf(call),
    text: content.text ?? "",
    ...content,
    ...(username ? { username } : {}),
    ...(call.auth.token.type === "bot" && (iconEmoji || iconUrl) ? { icons: iconEmoji ? { emoji: iconEmoji } : { image_64: iconUrl! } } : {}),
    ...(threadTs !== undefined ? { thread_ts: threadTs, ...(call.args.boolean("reply_broadcast") ? { reply_broadcast: true } : {}) } : {}),
  });
  return ok({ channel: channel.id, ts: message.ts, message: renderMessage(call.tenant.state, message, { baseUrl: call.baseUrl }) });
};

const EDITABLE_SUBTYPES = new Set([undefined, "thread_broadcast", "bot_message", "file_share", "me_message"]);

export const chatUpdate: MethodHandler = (call) => {
  const channel = resolveConversation(call);
  if (isFailure(channel)) return channel;
  const ts = call.args.string("ts");
  const message = ts === undefined ? undefined : messageOf(call.tenant.state, channel.id, ts);
  if (!message) return fail("message_not_found");
  if (message.user !== call.auth.user.id || !EDITABLE_SUBTYPES.has(message.subtype)) return fail("cant_update_message");
  const content = readContent(call.args, { required: false });
  if (isFailure(content)) return content;
  if (content.text === undefined && content.blocks === undefined && content.attachments === undefined && !call.args.has("file_ids")) return fail("no_text");
  const current = channelOf(call.tenant.state, channel.id)!;
  const edited = nextTs(call.tenant.now(), current.last_ts);
  saveChannel(call.tenant, { ...current, last_ts: edited.micros });
  const after = { ...message, ...content, text: content.text ?? message.text, edited: { user: call.auth.user.id, ts: edited.ts } };
  editMessage(call, message, after);
  const rendered = renderMessage(call.tenant.state, after, { baseUrl: call.baseUrl });
  return ok({ channel: channel.id, ts: message.ts, text: after.text, message: rendered });
};

export const chatDelete: MethodHandler = (call) => {
  const channel = resolveConversation(call);
  if (isFailure(channel)) return channel;
  const ts = call.args.string("ts");
  const message = ts === undefined ? undefined : messageOf(call.tenant.state, channel.id, ts);
  if (!message || message.subtype === "tombstone") return fail("message_not_found");
  const { user, token } = call.auth;
  const mayDelete = message.user === user.id || (token.type === "user" && user.is_admin);
  if (!mayDelete) return fail("cant_delete_message");
  removeMessage(call, message);
  return ok({ channel: channel.id, ts: message.ts });
};

export const chatPostEphemeral: MethodHandler = (call) => {
  const channel = postableChannel(call);
  if (isFailure(channel)) return channel;
  const target = call.args.string("user");
  if (target === undefined || !userOf(call.tenant.state, target) || !channel.members.includes(target)) return fail("user_not_in_channel");
  const content = readContent(call.args);
  if (isFailure(content)) return content;
  const current = channelOf(call.tenant.state, channel.id)!;
  const { ts, micros } = nextTs(call.tenant.now(), current.last_ts);
  saveChannel(call.tenant, { ...current, last_ts: micros });
  const record: EphemeralRecord = { channel: channel.id, user: target, ts, text: content.text ?? "", ...(content.blocks ? { blocks: content.blocks } : {}), author: call.auth.user.id };
  call.tenant.update((state) => putRecord(state, EPHEMERAL, `${channel.id}/${ts}`, record));
  return ok({ message_ts: ts });
};

export const chatGetPermalink: MethodHandler = (call) => {
  const channel = resolveConversation(call);
  if (isFailure(channel)) return channel;
  const ts = call.args.string("message_ts");
  const message = ts === undefined ? undefined : messageOf(call.tenant.state, channel.id, ts);
  if (!message) return fail("message_not_found");
  return ok({ channel: channel.id, permalink: permalinkOf(call.tenant.state, channel.id, message.ts, message.thread_ts) });
};
