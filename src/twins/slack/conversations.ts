/**
 * Finding the conversation a call names, with Slack's visibility rules: an id (`C…`, `D…`), a
 * name (`general` or `#general`) where the method takes one, or a user id where a message goes
 * to the app's direct message with that user. Private conversations the caller is not in do not
 * exist for it (`channel_not_found`), as on Slack. The conversation's scope family is checked
 * once its type is known.
 */
import { putRecord } from "../kit/index.js";
import { checkConversationScopes } from "./auth.js";
import type { Effects, SlackCall } from "./call.js";
import { newId, unixSeconds } from "./ids.js";
import { type ChannelRecord, CHANNELS, allChannels, channelByName, channelOf, userOf } from "./records.js";
import { type SlackFailure, fail } from "./responses.js";

export interface ResolveOptions {
  /** The argument's name; `channel` unless told otherwise. */
  argument?: string;
  /** Accept `general` / `#general`. */
  names?: boolean;
  /** Accept a user id, meaning the direct message between the caller and that user. */
  userIds?: boolean;
  /** The conversation, when a method names it otherwise (files take `channel_id` or `channels`). */
  value?: string;
}

export function canSee(channel: ChannelRecord, userId: string): boolean {
  return channel.kind === "public" || channel.members.includes(userId);
}

export function resolveConversation(call: SlackCall, options: ResolveOptions = {}): ChannelRecord | SlackFailure {
  const value = options.value ?? call.args.string(options.argument ?? "channel");
  if (value === undefined) return fail("channel_not_found");
  const state = call.tenant.state;
  let channel = channelOf(state, value);
  if (!channel && options.names) channel = channelByName(state, value.replace(/^#/, ""));
  if (!channel && options.userIds && /^[UW][A-Z0-9]+$/.test(value) && userOf(state, value)) channel = openDirectMessage(call, call.auth.user.id, value);
  if (!channel || !canSee(channel, call.auth.user.id)) return fail("channel_not_found");
  return checkConversationScopes(call.metadata, call.auth.token, channel.kind) ?? channel;
}

/** The im between two users, created on first use (Slack's `D…` ids). */
export function openDirectMessage(effects: Effects, from: string, to: string): ChannelRecord {
  const members = from === to ? [from] : [from, to];
  const existing = allChannels(effects.tenant.state).find((channel) => channel.kind === "im" && channel.members.length === members.length && members.every((member) => channel.members.includes(member)));
  if (existing) return existing;
  const channel: ChannelRecord = {
    id: newId(effects.tenant, "D", (id) => channelOf(effects.tenant.state, id) !== undefined),
    name: to,
    kind: "im",
    created: unixSeconds(effects.tenant),
    creator: from,
    is_archived: false,
    is_general: false,
    topic: { value: "", creator: "", last_set: 0 },
    purpose: { value: "", creator: "", last_set: 0 },
    members,
    previous_names: [],
    user: to,
    last_ts: 0,
  };
  effects.tenant.update((state) => putRecord(state, CHANNELS, channel.id, channel));
  return channel;
}

/** Slack's channel-name rules: lowercase letters, digits, `-` and `_`, at most 80 characters. */
export function checkChannelName(name: string | undefined): SlackFailure | undefined {
  if (name === undefined || name.trim() === "") return fail("invalid_name_required");
  if (name.length > 80) return fail("invalid_name_maxlength");
  if (/^[-_]+$/.test(name)) return fail("invalid_name_punctuation");
  if (!/^[\p{Ll}\p{Lo}\p{N}_-]+$/u.test(name)) return fail("invalid_name_specials");
  return undefined;
}
