/**
 * Joining and leaving conversations, and the system messages Slack posts for such changes
 * (`channel_join`, `channel_leave`, `channel_topic`...), with the events they raise.
 */
import { type Effects, raise } from "./call.js";
import { microsToTs } from "./ids.js";
import { type MessageDraft, postMessage } from "./messages.js";
import { type ChannelRecord, channelOf, saveChannel, teamOf } from "./records.js";

/** The `event_ts` of an event that is not a message: the virtual time. */
export const eventTs = (effects: Effects): string => microsToTs(effects.tenant.now() * 1000);

/** A system message in a conversation (`channel_join`, `channel_topic`...), posted as Slack posts them. */
export function systemMessage(effects: Effects, channel: ChannelRecord, user: string, subtype: string, text: string, extra: Pick<MessageDraft, "inviter" | "name" | "old_name" | "topic" | "purpose"> = {}): void {
  postMessage(effects, channel, { user, subtype, text, ...extra });
}

export function memberJoined(effects: Effects, channel: ChannelRecord, user: string, inviter?: string): void {
  const updated = { ...(channelOf(effects.tenant.state, channel.id) ?? channel) };
  if (!updated.members.includes(user)) updated.members = [...updated.members, user];
  saveChannel(effects.tenant, updated);
  systemMessage(effects, updated, user, "channel_join", `<@${user}> has joined the channel`, inviter ? { inviter } : {});
  raise(effects, { type: "member_joined_channel", user, channel: channel.id, channel_type: channel.kind === "public" ? "C" : "G", team: teamId(effects), ...(inviter ? { inviter } : {}), event_ts: eventTs(effects) }, channel.id);
}

export function memberLeft(effects: Effects, channel: ChannelRecord, user: string): void {
  const current = channelOf(effects.tenant.state, channel.id) ?? channel;
  systemMessage(effects, current, user, "channel_leave", `<@${user}> has left the channel`);
  raise(effects, { type: "member_left_channel", user, channel: channel.id, channel_type: channel.kind === "public" ? "C" : "G", team: teamId(effects), event_ts: eventTs(effects) }, channel.id);
  const after = channelOf(effects.tenant.state, channel.id) ?? current;
  saveChannel(effects.tenant, { ...after, members: after.members.filter((member) => member !== user) });
}

const teamId = (effects: Effects): string => teamOf(effects.tenant.state).id;

