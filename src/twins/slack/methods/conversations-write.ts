/** conversations.create, archive, unarchive, rename, setTopic, setPurpose: changing conversations. */
import { type Effects, type MethodHandler, type SlackCall, raise } from "../call.js";
import { eventTs, memberJoined, systemMessage } from "../membership.js";
import { checkChannelName, resolveConversation } from "../conversations.js";
import { newId, unixSeconds } from "../ids.js";
import { type ChannelRecord, allChannels, channelOf, saveChannel } from "../records.js";
import { renderConversation } from "../render.js";
import { fail, isFailure, ok } from "../responses.js";

const nameTaken = (call: SlackCall, name: string, except?: string): boolean =>
  allChannels(call.tenant.state).some((channel) => channel.name === name && channel.id !== except && (channel.kind === "public" || channel.kind === "private"));

/** Lifecycle events: `channel_*` for public channels (every app sees them), `group_*` for private ones. */
function lifecycleEvent(effects: Effects, channel: ChannelRecord, suffix: string, fields: Record<string, unknown>): void {
  const isPublic = channel.kind === "public";
  raise(effects, { type: `${isPublic ? "channel" : "group"}_${suffix}`, ...fields, event_ts: eventTs(effects) }, isPublic ? undefined : channel.id);
}

export const conversationsCreate: MethodHandler = (call) => {
  const name = call.args.string("name");
  const invalid = checkChannelName(name);
  if (invalid) return invalid;
  if (nameTaken(call, name!)) return fail("name_taken");
  const isPrivate = call.args.boolean("is_private");
  const tenant = call.tenant;
  const now = unixSeconds(tenant);
  const creator = call.auth.user.id;
  const channel: ChannelRecord = {
    id: newId(tenant, "C", (id) => channelOf(tenant.state, id) !== undefined),
    name: name!,
    kind: isPrivate ? "private" : "public",
    created: now,
    creator,
    is_archived: false,
    is_general: false,
    topic: { value: "", creator: "", last_set: 0 },
    purpose: { value: "", creator: "", last_set: 0 },
    members: [],
    previous_names: [],
    last_ts: 0,
  };
  saveChannel(tenant, channel);
  if (!isPrivate) raise(call, { type: "channel_created", channel: { id: channel.id, name: channel.name, is_channel: true, created: now, creator }, event_ts: eventTs(call) });
  memberJoined(call, channel, creator);
  return ok({ channel: renderConversation(tenant.state, channelOf(tenant.state, channel.id)!, { viewer: creator }) });
};

export const conversationsArchive: MethodHandler = (call) => {
  const channel = resolveConversation(call);
  if (isFailure(channel)) return channel;
  if (channel.kind === "im" || channel.kind === "mpim") return fail("method_not_supported_for_channel_type");
  if (channel.is_archived) return fail("already_archived");
  if (channel.is_general) return fail("cant_archive_general");
  const user = call.auth.user.id;
  if (!channel.members.includes(user)) return fail("not_in_channel");
  systemMessage(call, channel, user, "channel_archive", "archived the channel");
  lifecycleEvent(call, channel, "archive", { channel: channel.id, user, ...(channel.kind === "public" ? { is_moved: 0 } : {}) });
  saveChannel(call.tenant, { ...channelOf(call.tenant.state, channel.id)!, is_archived: true });
  return ok();
};

export const conversationsUnarchive: MethodHandler = (call) => {
  const channel = resolveConversation(call);
  if (isFailure(channel)) return channel;
  if (channel.kind === "im" || channel.kind === "mpim") return fail("method_not_supported_for_channel_type");
  if (!channel.is_archived) return fail("not_archived");
  saveChannel(call.tenant, { ...channel, is_archived: false });
  lifecycleEvent(call, channel, "unarchive", { channel: channel.id, user: call.auth.user.id });
  return ok();
};

export const conversationsRename: MethodHandler = (call) => {
  const channel = resolveConversation(call);
  if (isFailure(channel)) return channel;
  if (channel.kind === "im" || channel.kind === "mpim") return fail("method_not_supported_for_channel_type");
  const name = call.args.string("name");
  const invalid = checkChannelName(name);
  if (invalid) return invalid;
  if (channel.is_archived) return fail("is_archived");
  const user = call.auth.user.id;
  if (!channel.members.includes(user)) return fail("not_in_channel");
  if (name === channel.name) return ok({ channel: renderConversation(call.tenant.state, channel, { viewer: user }) });
  if (nameTaken(call, name!, channel.id)) return fail("name_taken");
  const renamed: ChannelRecord = { ...channel, name: name!, previous_names: [channel.name, ...channel.previous_names] };
  saveChannel(call.tenant, renamed);
  systemMessage(call, renamed, user, "channel_name", `has renamed the channel from "${channel.name}" to "${name}"`, { old_name: channel.name, name });
  lifecycleEvent(call, renamed, "rename", { channel: { id: channel.id, name, name_normalized: name, created: channel.created, is_channel: true, is_mpim: false } });
  return ok({ channel: renderConversation(call.tenant.state, channelOf(call.tenant.state, channel.id)!, { viewer: user }) });
};

function setTopicOrPurpose(field: "topic" | "purpose"): MethodHandler {
  return (call) => {
    const channel = resolveConversation(call);
    if (isFailure(channel)) return channel;
    const value = call.args.string(field) ?? "";
    if (call.args.raw(field) === undefined) return fail("invalid_arguments", { response_metadata: { messages: [`[ERROR] missing required field: ${field}`] } });
    if (channel.is_archived) return fail("is_archived");
    const user = call.auth.user.id;
    if (!channel.members.includes(user)) return fail("not_in_channel");
    if (value.length > 250) return fail("too_long");
    const updated: ChannelRecord = { ...channel, [field]: { value, creator: user, last_set: unixSeconds(call.tenant) } };
    saveChannel(call.tenant, updated);
    const text = field === "topic" ? `set the channel topic: ${value}` : `set the channel purpose: ${value}`;
    systemMessage(call, updated, user, `channel_${field}`, text, { [field]: value });
    return ok({ channel: renderConversation(call.tenant.state, channelOf(call.tenant.state, channel.id)!, { viewer: user }) });
  };
}

export const conversationsSetTopic = setTopicOrPurpose("topic");
export const conversationsSetPurpose = setTopicOrPurpose("purpose");
