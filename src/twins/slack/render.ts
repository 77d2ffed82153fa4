/**
 * Records rendered as the objects Slack's answers carry: conversations, users, messages and
 * files, in the field set of Slack's published description (see `docs/twins/slack.md` for what
 * is left out). URLs that must reach the twin (file downloads) use the request's base URL;
 * permalinks use the workspace domain as Slack's do.
 */
import { type TenantState, getRecord } from "../kit/index.js";
import { permalinkTs } from "./ids.js";
import {
  type ChannelRecord,
  type FileRecord,
  type MessageRecord,
  type TeamRecord,
  type UserRecord,
  FILES,
  appOf,
  channelOf,
  teamOf,
  messageOf,
  userOf,
} from "./records.js";

export interface ConversationOptions {
  /** Whose view: sets `is_member`. */
  viewer?: string;
  numMembers?: boolean;
  /** users.conversations leaves out `is_member` and `num_members`, as Slack's does. */
  compact?: boolean;
}

export function renderConversation(state: TenantState, channel: ChannelRecord, options: ConversationOptions = {}): Record<string, unknown> {
  const team = teamOf(state);
  if (channel.kind === "im") {
    const other = channel.user ? userOf(state, channel.user) : undefined;
    return {
      id: channel.id,
      created: channel.created,
      is_archived: channel.is_archived,
      is_im: true,
      is_org_shared: false,
      user: channel.user ?? "",
      is_user_deleted: other?.deleted ?? false,
      priority: 0,
      ...(options.compact ? {} : { is_open: true }),
    };
  }
  const isMpim = channel.kind === "mpim";
  return {
    id: channel.id,
    name: channel.name,
    is_channel: !isMpim,
    is_group: isMpim,
    is_im: false,
    is_mpim: isMpim,
    is_private: channel.kind !== "public",
    created: channel.created,
    is_archived: channel.is_archived,
    is_general: channel.is_general,
    unlinked: 0,
    name_normalized: channel.name,
    is_shared: false,
    is_org_shared: false,
    is_ext_shared: false,
    is_pending_ext_shared: false,
    pending_shared: [],
    parent_conversation: null,
    creator: channel.creator,
    shared_team_ids: [team.id],
    pending_connected_team_ids: [],
    ...(options.viewer !== undefined && !options.compact ? { is_member: channel.members.includes(options.viewer) } : {}),
    topic: { ...channel.topic },
    purpose: { ...channel.purpose },
    previous_names: [...channel.previous_names],
    ...(options.numMembers && !options.compact ? { num_members: channel.members.length } : {}),
  };
}

const avatar = (team: TeamRecord, user: UserRecord, size: number): string => `https://avatars.slack-edge.com/${team.id}/${user.id}_${size}.png`;

export function renderUser(state: TenantState, user: UserRecord, options: { locale?: boolean } = {}): Record<string, unknown> {
  const team = teamOf(state);
  const [first = "", ...rest] = user.real_name.split(" ");
  const profile: Record<string, unknown> = {
    title: user.title,
    phone: "",
    skype: "",
    real_name: user.real_name,
    real_name_normalized: user.real_name,
    display_name: user.display_name,
    display_name_normalized: user.display_name,
    fields: null,
    status_text: "",
    status_emoji: "",
    status_expiration: 0,
    avatar_hash: user.id.slice(1, 13).toLowerCase(),
    ...(user.email !== null && !user.is_bot ? { email: user.email } : {}),
    first_name: first,
    last_name: rest.join(" "),
    image_24: avatar(team, user, 24),
    image_32: avatar(team, user, 32),
    image_48: avatar(team, user, 48),
    image_72: avatar(team, user, 72),
    image_192: avatar(team, user, 192),
    image_512: avatar(team, user, 512),
    team: team.id,
    ...(user.bot_id ? { bot_id: user.bot_id, api_app_id: user.app_id ?? "", always_active: true } : {}),
  };
  return {
    id: user.id,
    team_id: team.id,
    name: user.name,
    deleted: user.deleted,
    color: user.color,
    real_name: user.real_name,
    tz: user.tz,
    tz_label: user.tz_label,
    tz_offset: user.tz_offset,
    profile,
    is_admin: user.is_admin,
    is_owner: user.is_owner,
    is_primary_owner: user.is_owner,
    is_restricted: false,
    is_ultra_restricted: false,
    is_bot: user.is_bot,
    is_app_user: false,
    updated: user.updated,
    ...(options.locale ? { locale: "en-US" } : {}),
  };
}

export function renderBotProfile(state: TenantState, botId: string): Record<string, unknown> {
  const app = appOf(state);
  const team = teamOf(state);
  const icon = (size: number) => `https://avatars.slack-edge.com/${team.id}/${app.id}_${size}.png`;
  return { id: botId, deleted: false, name: app.name, updated: 1767225600, app_id: app.id, icons: { image_36: icon(36), image_48: icon(48), image_72: icon(72) }, team_id: team.id };
}

export function permalinkOf(state: TenantState, channel: string, ts: string, threadTs?: string): string {
  const base = `https://${teamOf(state).domain}.slack.com/archives/${channel}/${permalinkTs(ts)}`;
  return threadTs && threadTs !== ts ? `${base}?thread_ts=${threadTs}&cid=${channel}` : base;
}

export interface MessageOptions {
  baseUrl: string;
  permalink?: boolean;
}

export function renderMessage(state: TenantState, message: MessageRecord, options: MessageOptions): Record<string, unknown> {
  const team = teamOf(state);
  const isParent = message.thread_ts === message.ts && (message.reply_count ?? 0) > 0;
  const isReply = message.thread_ts !== undefined && message.thread_ts !== message.ts;
  const parent = isReply ? messageOf(state, message.channel, message.thread_ts!) : undefined;
  const body: Record<string, unknown> = {
    ...(message.subtype ? { subtype: message.subtype } : {}),
    user: message.user,
    type: "message",
    ts: message.ts,
    ...(message.bot_id ? { bot_id: message.bot_id, app_id: message.app_id } : {}),
    text: message.text,
    team: team.id,
    ...(message.username ? { username: message.username } : {}),
    ...(message.icons ? { icons: message.icons } : {}),
    ...(message.bot_id ? { bot_profile: renderBotProfile(state, message.bot_id) } : {}),
    ...(message.attachments ? { attachments: message.attachments } : {}),
    ...(message.blocks ? { blocks: message.blocks } : {}),
    ...(message.metadata !== undefined ? { metadata: message.metadata } : {}),
    ...(message.files && message.files.length > 0 ? { files: renderFiles(state, message.files, options.baseUrl), upload: true, display_as_bot: false } : {}),
    ...(message.edited ? { edited: message.edited } : {}),
  };
  for (const key of ["inviter", "name", "old_name", "topic", "purpose"] as const) if (message[key] !== undefined) body[key] = message[key];
  if (message.thread_ts !== undefined) {
    body["thread_ts"] = message.thread_ts;
    if (isParent) {
      body["reply_count"] = message.reply_count;
      body["reply_users_count"] = message.reply_users?.length ?? 0;
      body["latest_reply"] = message.latest_reply;
      body["reply_users"] = message.reply_users;
      body["subscribed"] = false;
    } else if (isReply) {
      body["parent_user_id"] = parent?.user ?? message.user;
    }
  }
  if (message.reactions.length > 0) body["reactions"] = message.reactions.map((reaction) => ({ name: reaction.name, users: [...reaction.users], count: reaction.users.length }));
  if (message.pinned) body["pinned_to"] = [message.channel];
  if (options.permalink) body["permalink"] = permalinkOf(state, message.channel, message.ts, message.thread_ts);
  return body;
}

function renderFiles(state: TenantState, ids: readonly string[], baseUrl: string): Record<string, unknown>[] {
  return ids.flatMap((id) => {
    const file = getRecord<FileRecord>(state, FILES, id);
    return file ? [renderFile(state, file, baseUrl)] : [];
  });
}

export function renderFile(state: TenantState, file: FileRecord, baseUrl: string): Record<string, unknown> {
  const team = teamOf(state);
  const path = `${team.id}-${file.id}/${encodeURIComponent(file.name)}`;
  const buckets = { channels: [] as string[], groups: [] as string[], ims: [] as string[] };
  const shares: { public: Record<string, unknown[]>; private: Record<string, unknown[]> } = { public: {}, private: {} };
  for (const share of file.shares) {
    const channel = channelOf(state, share.channel);
    if (!channel) continue;
    const bucket = channel.kind === "public" ? buckets.channels : channel.kind === "im" ? buckets.ims : buckets.groups;
    if (!bucket.includes(channel.id)) bucket.push(channel.id);
    const visibility = channel.kind === "public" ? shares.public : shares.private;
    (visibility[channel.id] ??= []).push({ reply_users: [], reply_users_count: 0, reply_count: 0, ts: share.ts, channel_name: channel.name, team_id: team.id, share_user_id: file.user, source: "UNKNOWN" });
  }
  return {
    id: file.id,
    created: file.created,
    timestamp: file.created,
    name: file.name,
    title: file.title,
    mimetype: file.mimetype,
    filetype: file.filetype,
    pretty_type: file.pretty_type,
    user: file.user,
    user_team: team.id,
    editable: false,
    size: file.size,
    mode: "hosted",
    is_external: false,
    external_type: "",
    is_public: buckets.channels.length > 0,
    public_url_shared: false,
    display_as_bot: false,
    username: "",
    url_private: `${baseUrl}/files-pri/${path}`,
    url_private_download: `${baseUrl}/files-pri/${team.id}-${file.id}/download/${encodeURIComponent(file.name)}`,
    permalink: `https://${team.domain}.slack.com/files/${file.user}/${file.id}/${encodeURIComponent(file.name)}`,
    permalink_public: `https://slack-files.com/${team.id}-${file.id}-${file.upload_key.slice(0, 10)}`,
    comments_count: 0,
    is_starred: false,
    shares: Object.keys(shares.public).length + Object.keys(shares.private).length > 0 ? Object.fromEntries(Object.entries(shares).filter(([, value]) => Object.keys(value).length > 0)) : {},
    channels: buckets.channels,
    groups: buckets.groups,
    ims: buckets.ims,
    has_rich_preview: false,
  };
}
