/**
 * Posting, editing and removing messages: the `ts` of a conversation, threads (`reply_count`,
 * `reply_users`, `latest_reply` on the parent), broadcasts, and the `message` / `app_mention`
 * events a post raises. Used by chat.*, scheduled messages, file shares, joins and fixtures.
 */
import type { TenantState } from "../kit/index.js";
import { type Effects, raise } from "./call.js";
import { microsToTs, nextTs } from "./ids.js";
import { type ChannelRecord, type MessageRecord, appOf, channelOf, deleteMessage, messageOf, messagesIn, saveChannel, saveMessage } from "./records.js";
import { renderMessage } from "./render.js";

export type MessageDraft = Omit<MessageRecord, "channel" | "ts" | "type" | "reactions"> & { reactions?: MessageRecord["reactions"] };

export const CHANNEL_TYPE: Record<ChannelRecord["kind"], string> = { public: "channel", private: "group", im: "im", mpim: "mpim" };

export interface PostTiming {
  /** Post as of this virtual time (a scheduled message's `post_at`); now unless given. */
  atMs?: number;
  /** This exact ts in microseconds (fixtures), when later than the conversation's last one. */
  exactMicros?: number;
}

/** Stores a new message in `channel` and raises its events. */
export function postMessage(effects: Effects, channel: ChannelRecord, draft: MessageDraft, timing: PostTiming = {}): MessageRecord {
  const current = channelOf(effects.tenant.state, channel.id) ?? channel;
  const { ts, micros } =
    timing.exactMicros !== undefined && timing.exactMicros > current.last_ts ? { ts: microsToTs(timing.exactMicros), micros: timing.exactMicros } : nextTs(timing.atMs ?? effects.tenant.now(), current.last_ts);
  saveChannel(effects.tenant, { ...current, last_ts: micros });
  const message: MessageRecord = { ...draft, channel: channel.id, ts, type: "message", reactions: draft.reactions ?? [] };
  if (message.thread_ts !== undefined && message.reply_broadcast) message.subtype = "thread_broadcast";
  saveMessage(effects.tenant, message);
  if (message.thread_ts !== undefined && message.thread_ts !== ts) addReply(effects, channel.id, message.thread_ts, message);
  raiseMessageEvents(effects, current, message);
  return message;
}

function addReply(effects: Effects, channel: string, threadTs: string, reply: MessageRecord): void {
  const parent = messageOf(effects.tenant.state, channel, threadTs);
  if (!parent) return;
  const users = parent.reply_users ?? [];
  saveMessage(effects.tenant, {
    ...parent,
    thread_ts: parent.ts,
    reply_count: (parent.reply_count ?? 0) + 1,
    reply_users: users.includes(reply.user) ? users : [...users, reply.user],
    latest_reply: reply.ts,
  });
}

/** Removes a message; a thread parent with replies becomes a tombstone, as on Slack. */
export function removeMessage(effects: Effects, message: MessageRecord): void {
  const tenant = effects.tenant;
  if (message.thread_ts === message.ts && (message.reply_count ?? 0) > 0) {
    saveMessage(tenant, { channel: message.channel, ts: message.ts, type: "message", subtype: "tombstone", user: "USLACKBOT", text: "This message was deleted.", thread_ts: message.ts, reply_count: message.reply_count, reply_users: message.reply_users, latest_reply: message.latest_reply, reactions: [] });
  } else {
    deleteMessage(tenant, message.channel, message.ts);
  }
  if (message.thread_ts !== undefined && message.thread_ts !== message.ts) {
    const parent = messageOf(tenant.state, message.channel, message.thread_ts);
    if (parent) {
      const replies = repliesOf(tenant.state, parent);
      const last = replies.at(-1);
      const { reply_count: _count, reply_users: _users, latest_reply: _latest, ...rest } = parent;
      if (parent.subtype === "tombstone" && replies.length === 0) {
        deleteMessage(tenant, parent.channel, parent.ts);
      } else {
        saveMessage(tenant, replies.length === 0 ? rest : { ...parent, reply_count: replies.length, reply_users: [...new Set(replies.map((reply) => reply.user))], latest_reply: last!.ts });
      }
    }
  }
  const channel = channelOf(tenant.state, message.channel);
  if (channel) {
    const eventTs = nextTs(tenant.now(), channel.last_ts);
    saveChannel(tenant, { ...channel, last_ts: eventTs.micros });
    const previous = renderMessage(tenant.state, message, { baseUrl: effects.baseUrl });
    raise(effects, { type: "message", subtype: "message_deleted", hidden: true, channel: channel.id, ts: eventTs.ts, deleted_ts: message.ts, event_ts: eventTs.ts, channel_type: CHANNEL_TYPE[channel.kind], previous_message: previous }, channel.id);
  }
}

export function repliesOf(state: TenantState, parent: MessageRecord): MessageRecord[] {
  return messagesIn(state, parent.channel).filter((message) => message.thread_ts === parent.ts && message.ts !== parent.ts);
}

/** Replaces a message after an edit and raises `message_changed`. */
export function editMessage(effects: Effects, before: MessageRecord, after: MessageRecord): void {
  saveMessage(effects.tenant, after);
  const channel = channelOf(effects.tenant.state, after.channel);
  if (!channel) return;
  const eventTs = nextTs(effects.tenant.now(), channel.last_ts);
  saveChannel(effects.tenant, { ...channel, last_ts: eventTs.micros });
  const state = effects.tenant.state;
  raise(
    effects,
    {
      type: "message",
      subtype: "message_changed",
      hidden: true,
      message: renderMessage(state, after, { baseUrl: effects.baseUrl }),
      channel: channel.id,
      previous_message: renderMessage(state, before, { baseUrl: effects.baseUrl }),
      event_ts: eventTs.ts,
      ts: eventTs.ts,
      channel_type: CHANNEL_TYPE[channel.kind],
    },
    channel.id,
  );
}

const MENTION = /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g;

function raiseMessageEvents(effects: Effects, channel: ChannelRecord, message: MessageRecord): void {
  if (!effects.events) return;
  const state = effects.tenant.state;
  const rendered = renderMessage(state, message, { baseUrl: effects.baseUrl });
  const { reply_count: _count, reply_users: _users, reply_users_count: _usersCount, latest_reply: _latest, subscribed: _subscribed, ...fields } = rendered;
  raise(effects, { ...fields, type: "message", channel: channel.id, event_ts: message.ts, channel_type: CHANNEL_TYPE[channel.kind] }, channel.id);
  const app = appOf(state);
  const mentioned = [...message.text.matchAll(MENTION)].some((match) => match[1] === app.bot_user_id);
  const mentionable = message.subtype === undefined || message.subtype === "thread_broadcast" || message.subtype === "file_share";
  if (mentioned && mentionable && message.user !== app.bot_user_id) {
    const { subtype: _subtype, bot_profile: _profile, ...mention } = fields;
    raise(effects, { ...mention, type: "app_mention", channel: channel.id, event_ts: message.ts }, channel.id);
  }
}
