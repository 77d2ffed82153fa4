/** conversations.join, leave, invite, kick, open: who is in a conversation. */
import { putRecord } from "../../kit/index.js";
import type { MethodHandler } from "../call.js";
import { openDirectMessage, resolveConversation } from "../conversations.js";
import { newId, unixSeconds } from "../ids.js";
import { type ChannelRecord, CHANNELS, allChannels, channelOf, userOf } from "../records.js";
import { renderConversation } from "../render.js";
import { fail, isFailure, ok } from "../responses.js";
import { memberJoined, memberLeft } from "../membership.js";

export const conversationsJoin: MethodHandler = (call) => {
  const channel = resolveConversation(call);
  if (isFailure(channel)) return channel;
  if (channel.kind !== "public") return fail("method_not_supported_for_channel_type");
  if (channel.is_archived) return fail("is_archived");
  const user = call.auth.user.id;
  if (channel.members.includes(user)) {
    return ok({ channel: renderConversation(call.tenant.state, channel, { viewer: user }), warning: "already_in_channel", response_metadata: { warnings: ["already_in_channel"] } });
  }
  memberJoined(call, channel, user);
  return ok({ channel: renderConversation(call.tenant.state, channelOf(call.tenant.state, channel.id)!, { viewer: user }) });
};

export const conversationsLeave: MethodHandler = (call) => {
  const channel = resolveConversation(call);
  if (isFailure(channel)) return channel;
  if (channel.kind === "im") return fail("method_not_supported_for_channel_type");
  if (channel.is_archived) return fail("is_archived");
  if (channel.is_general) return fail("cant_leave_general");
  const user = call.auth.user.id;
  if (!channel.members.includes(user)) return ok({ not_in_channel: true });
  if (channel.kind === "private" && channel.members.length === 1) return fail("last_member");
  memberLeft(call, channel, user);
  return ok();
};

export const conversationsInvite: MethodHandler = (call) => {
  const channel = resolveConversation(call);
  if (isFailure(channel)) return channel;
  if (channel.kind === "im") return fail("method_not_supported_for_channel_type");
  if (channel.is_archived) return fail("is_archived");
  const inviter = call.auth.user.id;
  if (!channel.members.includes(inviter)) return fail("not_in_channel");
  const users = call.args.list("users");
  if (users.length === 0) return fail("no_user");
  for (const id of users) {
    const user = userOf(call.tenant.state, id);
    if (!user) return fail("user_not_found");
    if (user.deleted) return fail("cant_invite");
    if (id === inviter) return fail("cant_invite_self");
  }
  const fresh = users.filter((id, index) => !channel.members.includes(id) && users.indexOf(id) === index);
  if (fresh.length === 0) return fail("already_in_channel");
  for (const id of fresh) memberJoined(call, channel, id, inviter);
  return ok({ channel: renderConversation(call.tenant.state, channelOf(call.tenant.state, channel.id)!, { viewer: inviter }) });
};

export const conversationsKick: MethodHandler = (call) => {
  const channel = resolveConversation(call);
  if (isFailure(channel)) return channel;
  if (channel.kind === "im" || channel.kind === "mpim") return fail("method_not_supported_for_channel_type");
  const userId = call.args.string("user");
  const user = userId === undefined ? undefined : userOf(call.tenant.state, userId);
  if (!user) return fail("user_not_found");
  if (user.id === call.auth.user.id) return fail("cant_kick_self");
  if (channel.is_general) return fail("cant_kick_from_general");
  if (!channel.members.includes(call.auth.user.id)) return fail("restricted_action");
  if (!channel.members.includes(user.id)) return fail("not_in_channel");
  memberLeft(call, channel, user.id);
  return ok();
};

const MAX_MPIM_USERS = 8;

export const conversationsOpen: MethodHandler = (call) => {
  const state = call.tenant.state;
  const self = call.auth.user.id;
  const returnIm = call.args.boolean("return_im");
  const answer = (channel: ChannelRecord, existed: boolean) =>
    ok({
      ...(existed ? { no_op: true, already_open: true } : {}),
      channel: returnIm || channel.kind === "mpim" ? renderConversation(call.tenant.state, channel, { viewer: self }) : { id: channel.id },
    });
  if (call.args.has("channel")) {
    const channel = resolveConversation(call);
    if (isFailure(channel)) return channel;
    if (channel.kind !== "im" && channel.kind !== "mpim") return fail("method_not_supported_for_channel_type");
    return answer(channel, true);
  }
  const ids = [...new Set(call.args.list("users"))];
  if (ids.length === 0) return fail("users_list_not_supplied");
  if (ids.length > MAX_MPIM_USERS) return fail("too_many_users");
  for (const id of ids) {
    const user = userOf(state, id);
    if (!user) return fail("user_not_found");
    if (user.deleted) return fail("user_disabled");
  }
  const members = [self, ...ids.filter((id) => id !== self)];
  const preventCreation = call.args.boolean("prevent_creation");
  if (members.length <= 2) {
    const other = members[1] ?? self;
    const existing = allChannels(state).find((channel) => channel.kind === "im" && channel.members.includes(self) && channel.user === other);
    if (existing) return answer(existing, true);
    if (preventCreation) return fail("channel_not_found");
    return answer(openDirectMessage(call, self, other), false);
  }
  const existing = allChannels(state).find((channel) => channel.kind === "mpim" && channel.members.length === members.length && members.every((member) => channel.members.includes(member)));
  if (existing) return answer(existing, true);
  if (preventCreation) return fail("channel_not_found");
  const names = members.map((id) => userOf(state, id)!.name);
  const channel: ChannelRecord = {
    id: newId(call.tenant, "C", (id) => channelOf(call.tenant.state, id) !== undefined),
    name: `mpdm-${names.join("--")}-1`,
    kind: "mpim",
    created: unixSeconds(call.tenant),
    creator: self,
    is_archived: false,
    is_general: false,
    topic: { value: "Group messaging", creator: self, last_set: unixSeconds(call.tenant) },
    purpose: { value: `Group messaging with: ${names.map((name) => `@${name}`).join(" ")}`, creator: self, last_set: unixSeconds(call.tenant) },
    members,
    previous_names: [],
    last_ts: 0,
  };
  call.tenant.update((current) => putRecord(current, CHANNELS, channel.id, channel));
  return answer(channel, false);
};
