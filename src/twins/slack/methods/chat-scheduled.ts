/**
 * chat.scheduleMessage, chat.scheduledMessages.list, chat.deleteScheduledMessage, and posting
 * scheduled messages when the virtual clock reaches their `post_at` (checked on every call).
 */
import { deleteRecord, getRecord, listRecords, putRecord } from "../../kit/index.js";
import type { Effects, MethodHandler } from "../call.js";
import { resolveConversation } from "../conversations.js";
import { newId, unixSeconds } from "../ids.js";
import { readContent } from "../message-content.js";
import { postMessage } from "../messages.js";
import { paginate } from "../paging.js";
import { type ScheduledRecord, SCHEDULED, channelOf, teamOf } from "../records.js";
import { renderBotProfile } from "../render.js";
import { fail, isFailure, ok } from "../responses.js";
import { authorOf, postableChannel, threadOf } from "./chat.js";

const MAX_AHEAD_SECONDS = 120 * 24 * 60 * 60;

export const chatScheduleMessage: MethodHandler = (call) => {
  const channel = postableChannel(call);
  if (isFailure(channel)) return channel;
  const postAt = call.args.integer("post_at");
  if (postAt === undefined || Number.isNaN(postAt)) return fail("invalid_time");
  const now = unixSeconds(call.tenant);
  if (postAt <= now) return fail("time_in_past");
  if (postAt > now + MAX_AHEAD_SECONDS) return fail("time_too_far");
  const content = readContent(call.args);
  if (isFailure(content)) return content;
  const threadTs = threadOf(call, channel);
  const author = authorOf(call);
  const record: ScheduledRecord = {
    id: newId(call.tenant, "Q", (id) => getRecord(call.tenant.state, SCHEDULED, id) !== undefined),
    channel: channel.id,
    post_at: postAt,
    date_created: now,
    text: content.text ?? "",
    ...(content.blocks ? { blocks: content.blocks } : {}),
    ...(content.attachments ? { attachments: content.attachments } : {}),
    ...(threadTs !== undefined ? { thread_ts: threadTs, ...(call.args.boolean("reply_broadcast") ? { reply_broadcast: true } : {}) } : {}),
    ...author,
  };
  call.tenant.update((state) => putRecord(state, SCHEDULED, record.id, record));
  const state = call.tenant.state;
  return ok({
    channel: channel.id,
    scheduled_message_id: record.id,
    post_at: postAt,
    message: {
      ...(author.bot_id ? { bot_id: author.bot_id, bot_profile: renderBotProfile(state, author.bot_id) } : {}),
      type: "delayed_message",
      text: record.text,
      user: author.user,
      team: teamOf(state).id,
      ...(record.blocks ? { blocks: record.blocks } : {}),
    },
  });
};

export const chatScheduledMessagesList: MethodHandler = (call) => {
  const state = call.tenant.state;
  const channelId = call.args.string("channel");
  if (channelId !== undefined && !channelOf(state, channelId)) return fail("invalid_channel");
  const latest = call.args.integer("latest");
  const oldest = call.args.integer("oldest");
  const user = call.auth.user.id;
  const items = listRecords<ScheduledRecord>(state, SCHEDULED)
    .filter((item) => item.user === user && (channelId === undefined || item.channel === channelId))
    .filter((item) => (latest === undefined || Number.isNaN(latest) || item.post_at <= latest) && (oldest === undefined || Number.isNaN(oldest) || item.post_at >= oldest))
    .sort((left, right) => left.post_at - right.post_at || left.date_created - right.date_created);
  const page = paginate(items, (item) => item.id, call.args, { kind: "scheduled", defaultLimit: 100, maxLimit: 1000 });
  if (isFailure(page)) return page;
  return ok({
    scheduled_messages: page.items.map((item) => ({ id: item.id, channel_id: item.channel, post_at: item.post_at, date_created: item.date_created, text: item.text })),
    response_metadata: { next_cursor: page.nextCursor },
  });
};

export const chatDeleteScheduledMessage: MethodHandler = (call) => {
  const channel = resolveConversation(call);
  if (isFailure(channel)) return channel;
  const id = call.args.string("scheduled_message_id");
  const record = id === undefined ? undefined : getRecord<ScheduledRecord>(call.tenant.state, SCHEDULED, id);
  if (!record || record.channel !== channel.id || record.user !== call.auth.user.id) return fail("invalid_scheduled_message_id");
  call.tenant.update((state) => deleteRecord(state, SCHEDULED, record.id));
  return ok();
};

/** Posts every scheduled message whose time has come, at its `post_at`, in order. */
export function postDueMessages(effects: Effects): void {
  const nowSeconds = unixSeconds(effects.tenant);
  const due = listRecords<ScheduledRecord>(effects.tenant.state, SCHEDULED)
    .filter((item) => item.post_at <= nowSeconds)
    .sort((left, right) => left.post_at - right.post_at || left.date_created - right.date_created);
  for (const item of due) {
    effects.tenant.update((state) => deleteRecord(state, SCHEDULED, item.id));
    const channel = channelOf(effects.tenant.state, item.channel);
    if (!channel || channel.is_archived) continue;
    const { id: _id, channel: _channel, post_at: postAt, date_created: _created, ...draft } = item;
    postMessage(effects, channel, draft, { atMs: postAt * 1000 });
  }
}
