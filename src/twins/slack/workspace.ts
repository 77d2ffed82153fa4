/**
 * The state every tenant starts with: a workspace (`T…`), the app under test with its bot user
 * (`A…`, `B…`, `U…`) and signing secret, Slackbot, one human user who owns the workspace,
 * `#general` (both the owner and the bot are members), and a bot token and a user token holding
 * every scope the supported methods and events use (fixtures can narrow them).
 */
import { type Tenant, putRecord } from "../kit/index.js";
import { newId, randomHex, randomString, unixSeconds } from "./ids.js";
import { SLACK_METHOD_METADATA } from "./method-metadata.js";
import { type AppRecord, type ChannelRecord, type TeamRecord, type TokenRecord, type TokenType, type UserRecord, APPS, CHANNELS, TEAM, TOKENS, saveUser, userOf } from "./records.js";

/** Scopes no supported method needs but events do (Slack's event reference). */
const EVENT_ONLY_SCOPES: Readonly<Record<TokenType, readonly string[]>> = { bot: ["app_mentions:read"], user: [] };

function allScopes(type: TokenType): string[] {
  const scopes = new Set<string>(EVENT_ONLY_SCOPES[type]);
  for (const metadata of Object.values(SLACK_METHOD_METADATA)) for (const scope of metadata.scopes?.[type] ?? []) scopes.add(scope);
  return [...scopes].sort();
}

/** Every scope the supported methods accept, per token type. */
export const DEFAULT_SCOPES: Readonly<Record<TokenType, readonly string[]>> = { bot: allScopes("bot"), user: allScopes("user") };

export function makeToken(tenant: Tenant, type: TokenType): string {
  const digits = () => String(Math.floor(tenant.random() * 9e12) + 1e12);
  return type === "bot" ? `xoxb-${digits()}-${digits()}-${randomString(tenant, 24, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")}` : `xoxp-${digits()}-${digits()}-${digits()}-${randomHex(tenant, 32)}`;
}

export function putToken(tenant: Tenant, token: TokenRecord): void {
  tenant.update((state) => putRecord(state, TOKENS, token.token, token));
}

export function newUser(tenant: Tenant, fields: Partial<UserRecord> & { name: string }): UserRecord {
  return {
    id: fields.id ?? newId(tenant, "U", (id) => userOf(tenant.state, id) !== undefined),
    name: fields.name,
    real_name: fields.real_name ?? fields.name,
    display_name: fields.display_name ?? "",
    email: fields.email === undefined ? `${fields.name}@example.com` : fields.email,
    title: fields.title ?? "",
    is_bot: fields.is_bot ?? false,
    is_admin: fields.is_admin ?? false,
    is_owner: fields.is_owner ?? false,
    deleted: fields.deleted ?? false,
    tz: fields.tz ?? "America/Los_Angeles",
    tz_label: fields.tz_label ?? "Pacific Standard Time",
    tz_offset: fields.tz_offset ?? -28800,
    color: fields.color ?? randomHex(tenant, 6),
    updated: fields.updated ?? unixSeconds(tenant),
    ...(fields.bot_id ? { bot_id: fields.bot_id } : {}),
    ...(fields.app_id ? { app_id: fields.app_id } : {}),
  };
}

export const BOT_NAME = "twinbot";

export function initializeWorkspace(tenant: Tenant): void {
  const team: TeamRecord = { id: newId(tenant, "T"), name: "Twin Workspace", domain: "twin-workspace" };
  tenant.update((state) => putRecord(state, TEAM, "team", team));
  const appId = newId(tenant, "A");
  const botId = newId(tenant, "B");
  const bot = newUser(tenant, { name: BOT_NAME, real_name: "Twin Bot", email: null, is_bot: true, bot_id: botId, app_id: appId });
  saveUser(tenant, { ...newUser(tenant, { id: "USLACKBOT", name: "slackbot", real_name: "Slackbot", email: null, color: "757575" }), updated: 0 });
  saveUser(tenant, bot);
  const app: AppRecord = { id: appId, name: BOT_NAME, bot_id: botId, bot_user_id: bot.id, signing_secret: randomHex(tenant, 32), verification_token: randomString(tenant, 24) };
  tenant.update((state) => putRecord(state, APPS, "app", app));
  const owner = newUser(tenant, { name: "owner", real_name: "Workspace Owner", is_admin: true, is_owner: true });
  saveUser(tenant, owner);
  const now = unixSeconds(tenant);
  const general: ChannelRecord = {
    id: newId(tenant, "C"),
    name: "general",
    kind: "public",
    created: now,
    creator: owner.id,
    is_archived: false,
    is_general: true,
    topic: { value: "", creator: "", last_set: 0 },
    purpose: { value: "This is the one channel that will always include everyone.", creator: owner.id, last_set: now },
    members: [owner.id, bot.id],
    previous_names: [],
    last_ts: 0,
  };
  tenant.update((state) => putRecord(state, CHANNELS, general.id, general));
  putToken(tenant, { token: makeToken(tenant, "bot"), type: "bot", user_id: bot.id, scopes: [...DEFAULT_SCOPES.bot], revoked: false });
  putToken(tenant, { token: makeToken(tenant, "user"), type: "user", user_id: owner.id, scopes: [...DEFAULT_SCOPES.user], revoked: false });
}
