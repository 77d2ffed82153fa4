/** reactions.add, remove, get, list: emoji reactions on messages. */
import { type MethodHandler, type SlackCall, raise } from "../call.js";
import { canSee, resolveConversation } from "../conversations.js";
import { TS_PATTERN } from "../ids.js";
import { eventTs } from "../membership.js";
import { paginate } from "../paging.js";
import { type MessageRecord, allChannels, messageOf, messagesIn, saveMessage, userOf } from "../records.js";
import { renderMessage } from "../render.js";
import { type SlackFailure, fail, isFailure, ok } from "../responses.js";

/** Emoji names are given with or without colons; skin tones as `thumbsup::skin-tone-2`. */
const EMOJI_NAME = /^[a-z0-9_+'-]+(::skin-tone-[2-6])?$/;
const MAX_DISTINCT = 23;

function targetMessage(call: SlackCall): MessageRecord | SlackFailure {
  if (call.args.has("file") || call.args.has("file_comment")) return fail(call.args.has("file") ? "file_not_found" : "file_comment_not_found");
  if (!call.args.has("channel") || !call.args.has("timestamp")) return fail("no_item_specified");
  const channel = resolveConversation(call);
  if (isFailure(channel)) return channel;
  const ts = call.args.string("timestamp")!;
  if (!TS_PATTERN.test(ts)) return fail("bad_timestamp");
  const message = messageOf(call.tenant.state, channel.id, ts);
  if (!message || message.subtype === "tombstone") return fail("message_not_found");
  return message;
}

function emojiName(call: SlackCall): string | SlackFailure {
  const name = call.args.string("name")?.replace(/^:|:$/g, "");
  if (name === undefined || !EMOJI_NAME.test(name)) return fail("invalid_name");
  return name;
}

function reactionEvent(call: SlackCall, type: string, message: MessageRecord, reaction: string): void {
  raise(call, { type, user: call.auth.user.id, reaction, item_user: message.user, item: { type: "message", channel: message.channel, ts: message.ts }, event_ts: eventTs(call) }, message.channel);
}

export const reactionsAdd: MethodHandler = (call) => {
  const name = emojiName(call);
  if (isFailure(name)) return name;
  const message = targetMessage(call);
  if (isFailure(message)) return message;
  const user = call.auth.user.id;
  const existing = message.reactions.find((reaction) => reaction.name === name);
  if (existing?.users.includes(user)) return fail("already_reacted");
  if (!existing && message.reactions.length >= MAX_DISTINCT) return fail("too_many_emoji");
  const reactions = existing
    ? message.reactions.map((reaction) => (reaction === existing ? { name, users: [...reaction.users, user] } : reaction))
    : [...message.reactions, { name, users: [user] }];
  saveMessage(call.tenant, { ...message, reactions });
  reactionEvent(call, "reaction_added", message, name);
  return ok();
};

export const reactionsRemove: MethodHandler = (call) => {
  const name = emojiName(call);
  if (isFailure(name)) return name;
  const message = targetMessage(call);
  if (isFailure(message)) return message;
  const user = call.auth.user.id;
  const existing = message.reactions.find((reaction) => reaction.name === name);
  if (!existing?.users.includes(user)) return fail("no_reaction");
  const remaining = existing.users.filter((id) => id !== user);
  const reactions = remaining.length === 0 ? message.reactions.filter((reaction) => reaction !== existing) : message.reactions.map((reaction) => (reaction === existing ? { name, users: remaining } : reaction));
  saveMessage(call.tenant, { ...message, reactions });
  reactionEvent(call, "reaction_removed", message, name);
  return ok();
};

export const reactionsGet: MethodHandler = (call) => {
  const message = targetMessage(call);
  if (isFailure(message)) return message;
  return ok({ type: "message", channel: message.channel, message: renderMessage(call.tenant.state, message, { baseUrl: call.baseUrl, permalink: true }) });
};

export const reactionsList: MethodHandler = (call) => {
  const state = call.tenant.state;
  const userId = call.args.string("user") ?? call.auth.user.id;
  if (!userOf(state, userId)) return fail("user_not_found");
  const viewer = call.auth.user.id;
  const reacted = allChannels(state)
    .filter((channel) => canSee(channel, viewer))
    .flatMap((channel) => messagesIn(state, channel.id).filter((message) => message.reactions.some((reaction) => reaction.users.includes(userId))))
    .sort((left, right) => (left.ts < right.ts ? 1 : left.ts > right.ts ? -1 : left.channel.localeCompare(right.channel)));
  const page = paginate(reacted, (message) => `${message.channel}/${message.ts}`, call.args, { kind: "reaction", defaultLimit: 100, maxLimit: 1000 });
  if (isFailure(page)) return page;
  return ok({
    items: page.items.map((message) => ({ type: "message", channel: message.channel, message: renderMessage(state, message, { baseUrl: call.baseUrl, permalink: true }) })),
    response_metadata: { next_cursor: page.nextCursor },
  });
};
