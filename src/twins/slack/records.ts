/**
 * The Slack twin's records: plain JSON values kept in the tenant's persistent collections and
 * replaced, never mutated, on write. Responses are rendered from them (`render.ts`).
 */
import { type TenantState, type Tenant, countRecords, deleteRecord, getRecord, hasRecord, listRecords, putRecord } from "../kit/index.js";

export const TEAM = "team";
export const APPS = "apps";
export const USERS = "users";
export const TOKENS = "tokens";
export const CHANNELS = "channels";
export const FILES = "files";
export const SCHEDULED = "scheduled_messages";
export const VIEWS = "views";
export const TRIGGERS = "used_triggers";
export const EPHEMERAL = "ephemeral_messages";
/** Messages live in one collection per conversation, in `ts` order (ts only ever grows). */
export const messagesOf = (channelId: string): string => `messages/${channelId}`;
/** The pinned messages' ts of a conversation (the messages carry `pinned` too): counted in O(1). */
export const pinsOf = (channelId: string): string => `pins/${channelId}`;

export interface TeamRecord {
  id: string;
  name: string;
  domain: string;
}

export interface AppRecord {
  id: string;
  name: string;
  bot_id: string;
  bot_user_id: string;
  signing_secret: string;
  /** The deprecated verification token Slack still puts in event envelopes. */
  verification_token: string;
}

export interface UserRecord {
  id: string;
  name: string;
  real_name: string;
  display_name: string;
  email: string | null;
  title: string;
  is_bot: boolean;
  is_admin: boolean;
  is_owner: boolean;
  deleted: boolean;
  tz: string;
  tz_label: string;
  tz_offset: number;
  color: string;
  updated: number;
  bot_id?: string;
  app_id?: string;
}

export type TokenType = "bot" | "user";

export interface TokenRecord {
  token: string;
  type: TokenType;
  user_id: string;
  scopes: string[];
  revoked: boolean;
}

export type ChannelKind = "public" | "private" | "im" | "mpim";

export interface TopicRecord {
  value: string;
  creator: string;
  last_set: number;
}

export interface ChannelRecord {
  id: string;
  name: string;
  kind: ChannelKind;
  created: number;
  creator: string;
  is_archived: boolean;
  is_general: boolean;
  topic: TopicRecord;
  purpose: TopicRecord;
  /** Member user ids, in joining order. */
  members: string[];
  previous_names: string[];
  /** For an im: the other user. */
  user?: string;
  /** The last ts handed out in this conversation, in microseconds (ts strictly increase). */
  last_ts: number;
}

export interface ReactionRecord {
  name: string;
  users: string[];
}

export interface MessageRecord {
  channel: string;
  ts: string;
  type: "message";
  subtype?: string;
  user: string;
  text: string;
  bot_id?: string;
  app_id?: string;
  username?: string;
  icons?: { emoji?: string; image_64?: string };
  blocks?: unknown[];
  attachments?: unknown[];
  metadata?: unknown;
  thread_ts?: string;
  reply_count?: number;
  reply_users?: string[];
  latest_reply?: string;
  reply_broadcast?: boolean;
  reactions: ReactionRecord[];
  pinned?: { by: string; at: number };
  edited?: { user: string; ts: string };
  files?: string[];
  /** Fields of system messages: `channel_join` (inviter), `channel_name`, `channel_topic`, `channel_purpose`. */
  inviter?: string;
  name?: string;
  old_name?: string;
  topic?: string;
  purpose?: string;
}

export interface FileRecord {
  id: string;
  name: string;
  title: string;
  filetype: string;
  mimetype: string;
  pretty_type: string;
  size: number;
  user: string;
  created: number;
  state: "pending" | "uploaded" | "complete";
  /** The secret part of the upload URL. */
  upload_key: string;
  content_base64?: string;
  alt_txt?: string;
  snippet_type?: string;
  /** Where the file was shared: conversation and message ts. */
  shares: { channel: string; ts: string }[];
}

export interface ScheduledRecord {
  id: string;
  channel: string;
  post_at: number;
  date_created: number;
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
  thread_ts?: string;
  reply_broadcast?: boolean;
  user: string;
  bot_id?: string;
  app_id?: string;
}

export interface ViewRecord {
  id: string;
  team_id: string;
  type: string;
  /** The view payload as given (title, blocks, private_metadata, callback_id...). */
  payload: Record<string, unknown>;
  external_id: string;
  hash: string;
  root_view_id: string;
  previous_view_id: string | null;
  /** The user a home tab was published to; null for modals (the trigger's user is unknown). */
  user_id: string | null;
  app_id: string;
  bot_id: string;
  /** Depth in a modal stack: 1 for a root view. */
  depth: number;
}

export interface EphemeralRecord {
  channel: string;
  user: string;
  ts: string;
  text: string;
  blocks?: unknown[];
  author: string;
}

export const teamOf = (state: TenantState): TeamRecord => getRecord<TeamRecord>(state, TEAM, "team")!;
export const appOf = (state: TenantState): AppRecord => getRecord<AppRecord>(state, APPS, "app")!;
export const userOf = (state: TenantState, id: string): UserRecord | undefined => getRecord<UserRecord>(state, USERS, id);
export const channelOf = (state: TenantState, id: string): ChannelRecord | undefined => getRecord<ChannelRecord>(state, CHANNELS, id);
export const messageOf = (state: TenantState, channel: string, ts: string): MessageRecord | undefined => getRecord<MessageRecord>(state, messagesOf(channel), ts);
export const allUsers = (state: TenantState): UserRecord[] => listRecords<UserRecord>(state, USERS);
export const allChannels = (state: TenantState): ChannelRecord[] => listRecords<ChannelRecord>(state, CHANNELS);
export const messagesIn = (state: TenantState, channel: string): MessageRecord[] => listRecords<MessageRecord>(state, messagesOf(channel));

export function saveChannel(tenant: Tenant, channel: ChannelRecord): void {
  tenant.update((state) => putRecord(state, CHANNELS, channel.id, channel));
}

/** Stores a message, keeping the conversation's pin index in step with its `pinned` field. */
export function saveMessage(tenant: Tenant, message: MessageRecord): void {
  tenant.update((state) => {
    const saved = putRecord(state, messagesOf(message.channel), message.ts, message);
    const indexed = hasRecord(saved, pinsOf(message.channel), message.ts);
    if (message.pinned && !indexed) return putRecord(saved, pinsOf(message.channel), message.ts, message.pinned);
    if (!message.pinned && indexed) return deleteRecord(saved, pinsOf(message.channel), message.ts);
    return saved;
  });
}

export function deleteMessage(tenant: Tenant, channel: string, ts: string): void {
  tenant.update((state) => deleteRecord(deleteRecord(state, messagesOf(channel), ts), pinsOf(channel), ts));
}

export const pinCount = (state: TenantState, channel: string): number => countRecords(state, pinsOf(channel));

export function saveUser(tenant: Tenant, user: UserRecord): void {
  tenant.update((state) => putRecord(state, USERS, user.id, user));
}

export function userByName(state: TenantState, name: string): UserRecord | undefined {
  return allUsers(state).find((user) => user.name === name);
}

export function channelByName(state: TenantState, name: string): ChannelRecord | undefined {
  return allChannels(state).find((channel) => channel.name === name && (channel.kind === "public" || channel.kind === "private"));
}

export const isMember = (channel: ChannelRecord, userId: string): boolean => channel.members.includes(userId);
