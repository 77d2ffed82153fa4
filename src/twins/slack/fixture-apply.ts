/**
 * Seeding a tenant from a fixture (JSON or YAML through the admin plane or `twins up --seed`,
 * or an object in code):
 *
 *   team:     { id?, name?, domain? }
 *   app:      { name?, bot_scopes?, user_scopes?, signing_secret? }
 *   users:    [{ name, id?, real_name?, display_name?, email?, title?, tz?, is_admin?, is_owner?, deleted? }]
 *   channels: [{ name, id?, private?, archived?, members?, creator?, topic?, purpose?,
 *                messages?: [{ user, text?, blocks?, attachments?, ts?, reactions?: [{ name, users }], pinned?,
 *                              replies?: [ ...messages without replies ] }] }]
 *   tokens:   [{ token?, type?, user?, scopes?, revoked? }]   (xoxb- tokens belong to the app's bot)
 *
 * A user is named by its `name` or id wherever one is expected (the app's bot by its name,
 * `twinbot` unless renamed). Users and channels that exist already (same name) are updated.
 * The first bad field stops the seeding with its path, e.g. `channels[2].members[0]: unknown
 * user "bob"`, and the tenant is left as it was.
 */
import { type FixtureObject, type Tenant, TwinFixtureError, fieldPath, fixtureObject, getRecord, putRecord } from "../kit/index.js";
import { checkChannelName } from "./conversations.js";
import { TS_PATTERN, newId, tsToMicros, unixSeconds } from "./ids.js";
import { type MessageDraft, postMessage } from "./messages.js";
import { type ChannelRecord, type MessageRecord, type TokenRecord, type UserRecord, APPS, TEAM, TOKENS, allUsers, appOf, channelByName, channelOf, saveChannel, saveUser, teamOf, userByName, userOf } from "./records.js";
import { DEFAULT_SCOPES, makeToken, newUser, putToken } from "./workspace.js";

const NAME = { pattern: /^[a-z0-9][a-z0-9._-]*$/, patternName: "a name of lowercase letters, digits, . _ or -" };

function userRef(tenant: Tenant, value: unknown, path: string): UserRecord {
  if (typeof value !== "string") throw new TwinFixtureError(path, "expected a user name or id");
  const user = userByName(tenant.state, value.replace(/^@/, "")) ?? userOf(tenant.state, value);
  if (!user) throw new TwinFixtureError(path, `unknown user ${JSON.stringify(value)}`);
  return user;
}

function strings(object: FixtureObject, key: string): string[] | undefined {
  if (!object.has(key)) return undefined;
  return object.arrayOf(key, (item, path) => {
    if (typeof item !== "string") throw new TwinFixtureError(path, "expected a string");
    return item;
  });
}

export function applyFixture(tenant: Tenant, fixture: unknown): void {
  const before = tenant.state;
  try {
    const root = fixtureObject(fixture ?? {}, "", ["team", "app", "users", "channels", "tokens"]);
    const team = root.optionalObject("team", ["id", "name", "domain"]);
    if (team) seedTeam(tenant, team);
    const app = root.optionalObject("app", ["name", "bot_scopes", "user_scopes", "signing_secret"]);
    if (app) seedApp(tenant, app);
    root.optionalArray("users").forEach((user, index) => seedUser(tenant, fixtureObject(user, fieldPath("users", index), USER_FIELDS)));
    root.optionalArray("channels").forEach((channel, index) => seedChannel(tenant, fixtureObject(channel, fieldPath("channels", index), CHANNEL_FIELDS)));
    root.optionalArray("tokens").forEach((token, index) => seedToken(tenant, fixtureObject(token, fieldPath("tokens", index), ["token", "type", "user", "scopes", "revoked"])));
  } catch (error) {
    tenant.state = before;
    throw error;
  }
}

function seedTeam(tenant: Tenant, fields: FixtureObject): void {
  const id = fields.optionalString("id", { pattern: /^T[A-Z0-9]{8,}$/, patternName: "a team id (T and 8 or more uppercase letters or digits)" });
  const name = fields.optionalString("name", { nonEmpty: true });
  const domain = fields.optionalString("domain", { pattern: /^[a-z0-9][a-z0-9-]*$/, patternName: "a workspace domain (lowercase letters, digits, -)" });
  const team = teamOf(tenant.state);
  tenant.update((state) => putRecord(state, TEAM, "team", { ...team, ...(id ? { id } : {}), ...(name ? { name } : {}), ...(domain ? { domain } : {}) }));
}

function seedApp(tenant: Tenant, fields: FixtureObject): void {
  const app = appOf(tenant.state);
  const name = fields.optionalString("name", NAME);
  const secret = fields.optionalString("signing_secret", { nonEmpty: true });
  if (name && userByName(tenant.state, name) && userByName(tenant.state, name)!.id !== app.bot_user_id) throw new TwinFixtureError(fields.path("name"), `"${name}" is the name of another user`);
  tenant.update((state) => putRecord(state, APPS, "app", { ...app, ...(name ? { name } : {}), ...(secret ? { signing_secret: secret } : {}) }));
  if (name) saveUser(tenant, { ...userOf(tenant.state, app.bot_user_id)!, name });
  for (const [key, type] of [["bot_scopes", "bot"], ["user_scopes", "user"]] as const) {
    const scopes = strings(fields, key);
    if (!scopes) continue;
    const tokens = [...(tenant.state.collections.get(TOKENS)?.values() ?? [])] as TokenRecord[];
    for (const token of tokens.filter((candidate) => candidate.type === type)) putToken(tenant, { ...token, scopes });
  }
}

const USER_FIELDS = ["name", "id", "real_name", "display_name", "email", "title", "tz", "is_admin", "is_owner", "deleted"] as const;

function seedUser(tenant: Tenant, fields: FixtureObject): void {
  const name = fields.string("name", NAME);
  const id = fields.optionalString("id", { pattern: /^[UW][A-Z0-9]{8,}$/, patternName: "a user id (U and 8 or more uppercase letters or digits)" });
  const existing = userByName(tenant.state, name);
  const owner = id ? userOf(tenant.state, id) : undefined;
  if (owner && owner.name !== name) throw new TwinFixtureError(fields.path("id"), `"${id}" is already the id of user "${owner.name}"`);
  if (existing && id && existing.id !== id) throw new TwinFixtureError(fields.path("id"), `user "${name}" exists already with id "${existing.id}"`);
  if (existing?.is_bot) throw new TwinFixtureError(fields.path("name"), `"${name}" is a bot user; rename the app with app.name`);
  const email = fields.value("email") === null ? null : fields.optionalString("email", { pattern: /^[^@\s]+@[^@\s]+$/, patternName: "an email address" });
  if (email && allUsers(tenant.state).some((user) => user.email === email && user.name !== name)) throw new TwinFixtureError(fields.path("email"), `"${email}" is already the email of another user`);
  const changes: Partial<UserRecord> = {};
  for (const key of ["is_admin", "is_owner", "deleted"] as const) {
    const flag = fields.optionalBoolean(key);
    if (flag !== undefined) changes[key] = flag;
  }
  for (const key of ["real_name", "display_name", "title", "tz"] as const) {
    const text = fields.optionalString(key);
    if (text !== undefined) changes[key] = text;
  }
  if (email !== undefined) changes.email = email;
  const base = existing ?? newUser(tenant, { name, ...(id ? { id } : {}) });
  saveUser(tenant, { ...base, ...changes, updated: unixSeconds(tenant) });
}

const CHANNEL_FIELDS = ["name", "id", "private", "archived", "members", "creator", "topic", "purpose", "messages"] as const;

function seedChannel(tenant: Tenant, fields: FixtureObject): void {
  const name = fields.string("name");
  const invalid = checkChannelName(name);
  if (invalid) throw new TwinFixtureError(fields.path("name"), `"${name}" is not a channel name (${invalid.error}): lowercase letters, digits, - and _, at most 80`);
  const id = fields.optionalString("id", { pattern: /^C[A-Z0-9]{8,}$/, patternName: "a channel id (C and 8 or more uppercase letters or digits)" });
  const taken = id ? channelOf(tenant.state, id) : undefined;
  if (taken && taken.name !== name) throw new TwinFixtureError(fields.path("id"), `"${id}" is already the id of channel "${taken.name}"`);
  const existing = channelByName(tenant.state, name);
  if (existing && id && existing.id !== id) throw new TwinFixtureError(fields.path("id"), `channel "${name}" exists already with id "${existing.id}"`);
  const members = fields.has("members") ? fields.arrayOf("members", (member, path) => userRef(tenant, member, path).id) : undefined;
  const creator = fields.has("creator") ? userRef(tenant, fields.value("creator"), fields.path("creator")).id : undefined;
  const isPrivate = fields.optionalBoolean("private");
  const archived = fields.optionalBoolean("archived");
  const topic = fields.optionalString("topic");
  const purpose = fields.optionalString("purpose");
  const now = unixSeconds(tenant);
  const author = creator ?? members?.[0] ?? allUsers(tenant.state).find((user) => user.is_owner)?.id ?? "";
  const channel: ChannelRecord = existing ?? {
    id: id ?? newId(tenant, "C", (candidate) => channelOf(tenant.state, candidate) !== undefined),
    name,
    kind: "public",
    created: now,
    creator: author,
    is_archived: false,
    is_general: false,
    topic: { value: "", creator: "", last_set: 0 },
    purpose: { value: "", creator: "", last_set: 0 },
    members: [],
    previous_names: [],
    last_ts: 0,
  };
  if (isPrivate && channel.is_general) throw new TwinFixtureError(fields.path("private"), "#general is public");
  saveChannel(tenant, {
    ...channel,
    ...(isPrivate !== undefined ? { kind: isPrivate ? "private" : "public" } : {}),
    ...(creator ? { creator } : {}),
    ...(members ? { members: [...new Set(members)] } : {}),
    ...(topic !== undefined ? { topic: { value: topic, creator: author, last_set: now } } : {}),
    ...(purpose !== undefined ? { purpose: { value: purpose, creator: author, last_set: now } } : {}),
  });
  fields.optionalArray("messages").forEach((message, index) => seedMessage(tenant, channel.id, fixtureObject(message, fieldPath(fields.path("messages"), index), MESSAGE_FIELDS), undefined));
  if (archived !== undefined) saveChannel(tenant, { ...channelOf(tenant.state, channel.id)!, is_archived: archived });
}

const MESSAGE_FIELDS = ["user", "text", "blocks", "attachments", "ts", "reactions", "pinned", "replies"] as const;
const REPLY_FIELDS = MESSAGE_FIELDS.filter((key) => key !== "replies");

function seedMessage(tenant: Tenant, channelId: string, fields: FixtureObject, threadTs: string | undefined): MessageRecord {
  const author = userRef(tenant, fields.value("user") ?? "", fields.path("user"));
  const text = fields.optionalString("text") ?? "";
  const blocks = fields.has("blocks")
    ? fields.arrayOf("blocks", (block, path) => {
        if (typeof block !== "object" || block === null || Array.isArray(block) || typeof (block as { type?: unknown }).type !== "string") throw new TwinFixtureError(path, 'expected a Block Kit block (an object with a string "type")');
        return block;
      })
    : undefined;
  const attachments = fields.has("attachments") ? fields.array("attachments") : undefined;
  const ts = fields.optionalString("ts", { pattern: TS_PATTERN, patternName: 'a message ts ("1767225600.000100")' });
  const channel = channelOf(tenant.state, channelId)!;
  if (ts !== undefined && tsToMicros(ts) <= channel.last_ts) throw new TwinFixtureError(fields.path("ts"), `"${ts}" must be later than the conversation's previous message`);
  const reactions = fields.arrayOf("reactions", (item, path) => {
    const reaction = fixtureObject(item, path, ["name", "users"]);
    const name = reaction.string("name", { pattern: /^:?[a-z0-9_+'-]+(::skin-tone-[2-6])?:?$/, patternName: "an emoji name" }).replace(/^:|:$/g, "");
    const users = reaction.arrayOf("users", (user, userPath) => userRef(tenant, user, userPath).id);
    if (users.length === 0) throw new TwinFixtureError(reaction.path("users"), "at least one user reacts");
    return { name, users: [...new Set(users)] };
  });
  const draft: MessageDraft = {
    user: author.id,
    text,
    ...(author.bot_id ? { bot_id: author.bot_id, app_id: author.app_id ?? "" } : {}),
    ...(blocks ? { blocks } : {}),
    ...(attachments ? { attachments } : {}),
    ...(threadTs !== undefined ? { thread_ts: threadTs } : {}),
    reactions,
    ...(fields.optionalBoolean("pinned") ? { pinned: { by: author.id, at: unixSeconds(tenant) } } : {}),
  };
  const message = postMessage({ tenant, baseUrl: "", events: undefined }, channel, draft, ts !== undefined ? { exactMicros: tsToMicros(ts) } : {});
  fields.optionalArray("replies").forEach((reply, index) => seedMessage(tenant, channelId, fixtureObject(reply, fieldPath(fields.path("replies"), index), REPLY_FIELDS), message.ts));
  return message;
}

function seedToken(tenant: Tenant, fields: FixtureObject): void {
  const given = fields.optionalString("token", { pattern: /^xox[bp]-[A-Za-z0-9-]+$/, patternName: "a Slack token (xoxb-... or xoxp-...)" });
  const declared = fields.has("type") ? fields.oneOf("type", ["bot", "user"] as const) : undefined;
  const type: TokenRecord["type"] = given ? (given.startsWith("xoxb-") ? "bot" : "user") : (declared ?? "user");
  if (given && declared && declared !== type) throw new TwinFixtureError(fields.path("type"), `a ${given.slice(0, 5)} token is a ${type} token`);
  if (given && getRecord(tenant.state, TOKENS, given)) throw new TwinFixtureError(fields.path("token"), "this token exists already");
  const app = appOf(tenant.state);
  const botUser = userOf(tenant.state, app.bot_user_id)!;
  let user: UserRecord;
  if (fields.has("user")) user = userRef(tenant, fields.value("user"), fields.path("user"));
  else if (type === "bot") user = botUser;
  else throw new TwinFixtureError(fields.path("user"), "required for a user token (a user name or id)");
  if (type === "bot" && user.id !== botUser.id) throw new TwinFixtureError(fields.path("user"), `a bot token belongs to the app's bot user "${botUser.name}"`);
  if (type === "user" && user.is_bot) throw new TwinFixtureError(fields.path("user"), `"${user.name}" is a bot: user tokens belong to people`);
  const scopes = strings(fields, "scopes") ?? [...DEFAULT_SCOPES[type]];
  putToken(tenant, { token: given ?? makeToken(tenant, type), type, user_id: user.id, scopes, revoked: fields.optionalBoolean("revoked") ?? false });
}
