/**
 * The official `@slack/web-api` client, unchanged, against the Slack twin served on loopback:
 * every supported method, cursor paging, errors as the SDK surfaces them, and rate limiting as
 * the SDK sees it. `slack-contract.test.ts` imports this file to check every answer logged here
 * against Slack's published description, so the twin is exported.
 */
import { ErrorCode, LogLevel, WebClient, WebClientEvent, type WebAPICallResult } from "@slack/web-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ServedTwin, seedTenant, serveTwin } from "../../src/twins/kit/index.js";
import { createSlackTwin, slackCredentials } from "../../src/twins/slack/index.js";

export const sdkTwin = createSlackTwin({ seed: 2026 });
let served: ServedTwin;
beforeAll(async () => {
  served = await serveTwin(sdkTwin);
});
afterAll(async () => {
  await served.close();
});

const FIXTURE = {
  users: [
    { name: "alice", real_name: "Alice Archer", email: "alice@example.com", is_admin: true },
    { name: "bob", real_name: "Bob Baker", email: "bob@example.com" },
    { name: "carol", real_name: "Carol Cook", email: "carol@example.com" },
  ],
  channels: [
    { name: "eng", members: ["alice", "bob", "twinbot"], topic: "Engineering", messages: [{ user: "alice", text: "hello team" }] },
    { name: "secret", private: true, members: ["alice", "twinbot"] },
    { name: "lobby", members: ["alice", "bob"] },
  ],
  tokens: [
    { token: "xoxp-1111-2222-3333-alice", user: "alice" },
    { token: "xoxp-1111-2222-3333-bob", user: "bob" },
    { token: "xoxb-1111-2222-narrow", scopes: ["chat:write"] },
    { token: "xoxb-1111-2222-revoked", revoked: true },
  ],
};

/** The SDK logs `[ERROR]` lines for answers it will throw for anyway: kept quiet here. */
const silent = { debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel: () => LogLevel.ERROR, setName() {} };
const quiet = { logger: silent, retryConfig: { retries: 0 } } as const;
let tenants = 0;

/** A fresh tenant seeded with FIXTURE, and clients for the bot, alice and bob. */
function workspace(fixture: unknown = FIXTURE) {
  const id = `sdk-${++tenants}`;
  const tenant = sdkTwin.createTenant(id);
  seedTenant(sdkTwin, tenant, fixture);
  const slackApiUrl = `${served.baseUrl}/t/${id}/api/`;
  const credentials = slackCredentials(tenant);
  const client = (token?: string, options: Record<string, unknown> = {}) => new WebClient(token, { slackApiUrl, ...quiet, ...options });
  const idOf = (collection: "users" | "channels", name: string): string => {
    const records = [...(tenant.state.collections.get(collection)?.values() ?? [])] as { id: string; name: string }[];
    return records.find((record) => record.name === name)!.id;
  };
  return { tenant, slackApiUrl, credentials, client, bot: client(credentials.botToken), alice: client("xoxp-1111-2222-3333-alice"), bob: client("xoxp-1111-2222-3333-bob"), user: (name: string) => idOf("users", name), channel: (name: string) => idOf("channels", name) };
}

/** A field of a page from `client.paginate`, which the SDK types loosely. */
const field = <T>(page: WebAPICallResult, key: string): T => (page as unknown as Record<string, unknown>)[key] as T;

/** The Slack error code of a failed call, as the SDK surfaces it (`error.data.error`). */
async function slackError(call: Promise<WebAPICallResult>): Promise<string> {
  try {
    await call;
  } catch (error) {
    const failure = error as { code?: string; data?: { error?: string } };
    expect(failure.code).toBe(ErrorCode.PlatformError);
    return failure.data?.error ?? "no error code";
  }
  throw new Error("expected the call to fail");
}

describe("Slack twin with @slack/web-api", () => {
  it("auth.test answers for bot and user tokens", async () => {
    const { bot, alice, client, credentials, user } = workspace();
    const asBot = await bot.auth.test();
    expect(asBot).toMatchObject({ ok: true, user_id: credentials.botUserId, team_id: credentials.teamId, bot_id: expect.stringMatching(/^B[A-Z0-9]{10}$/), url: "https://twin-workspace.slack.com/" });
    expect((await alice.auth.test()).user_id).toBe(user("alice"));
    expect(await slackError(client("xoxb-0000-unknown").auth.test())).toBe("invalid_auth");
    expect(await slackError(client(undefined).auth.test())).toBe("not_authed");
    expect(await slackError(client("xoxb-1111-2222-revoked").auth.test())).toBe("token_revoked");
    try {
      await client("xoxb-1111-2222-narrow").conversations.history({ channel: "C0000000000" });
      expect.unreachable();
    } catch (error) {
      expect((error as { data: unknown }).data).toMatchObject({ ok: false, error: "missing_scope", needed: "groups:history,im:history,mpim:history,channels:history", provided: "chat:write" });
    }
  });

  it("conversations.list pages with cursors (client.paginate and limit)", async () => {
    const { bot } = workspace();
    for (const name of ["a1", "a2", "a3", "a4", "a5"]) await bot.conversations.create({ name });
    const first = await bot.conversations.list({ limit: 3 });
    expect(first.channels).toHaveLength(3);
    expect(first.response_metadata?.next_cursor).toMatch(/^[A-Za-z0-9+/]+=*$/);
    const second = await bot.conversations.list({ limit: 3, cursor: first.response_metadata!.next_cursor! });
    const names: string[] = [];
    for await (const page of bot.paginate("conversations.list", { limit: 2 })) names.push(...field<{ name: string }[]>(page, "channels").map((channel) => channel.name));
    expect(names).toEqual(["general", "eng", "lobby", "a1", "a2", "a3", "a4", "a5"]);
    expect([...first.channels!, ...second.channels!].map((channel) => channel.name)).toEqual(names.slice(0, 6));
    const withPrivate = await bot.conversations.list({ types: "public_channel,private_channel", exclude_archived: true });
    expect(withPrivate.channels!.map((channel) => channel.name)).toContain("secret");
    expect(withPrivate.response_metadata?.next_cursor).toBe("");
    expect(await slackError(bot.conversations.list({ cursor: "bm90LWEtY3Vyc29y" }))).toBe("invalid_cursor");
    expect(await slackError(bot.conversations.list({ types: "public_channel,nonsense" }))).toBe("invalid_types");
    expect(await slackError(bot.conversations.list({ limit: 5000 }))).toBe("invalid_limit");
  });

  it("conversations lifecycle: create, info, rename, topic, purpose, archive, unarchive", async () => {
    const { bot, channel } = workspace();
    const created = await bot.conversations.create({ name: "launch", is_private: false });
    const id = created.channel!.id!;
    expect(id).toMatch(/^C[A-Z0-9]{10}$/);
    expect(await slackError(bot.conversations.create({ name: "launch" }))).toBe("name_taken");
    expect(await slackError(bot.conversations.create({ name: "Launch Day" }))).toBe("invalid_name_specials");
    const renamed = await bot.conversations.rename({ channel: id, name: "launch-2026" });
    expect(renamed.channel).toMatchObject({ name: "launch-2026", previous_names: ["launch"] });
    expect((await bot.conversations.setTopic({ channel: id, topic: "Ship it" })).channel?.topic?.value).toBe("Ship it");
    expect((await bot.conversations.setPurpose({ channel: id, purpose: "Launch room" })).channel?.purpose?.value).toBe("Launch room");
    const info = await bot.conversations.info({ channel: id, include_num_members: true });
    expect(info.channel).toMatchObject({ id, name: "launch-2026", is_member: true, num_members: 1, topic: { value: "Ship it" } });
    await bot.conversations.archive({ channel: id });
    expect(await slackError(bot.conversations.archive({ channel: id }))).toBe("already_archived");
    expect(await slackError(bot.chat.postMessage({ channel: id, text: "hello?" }))).toBe("is_archived");
    await bot.conversations.unarchive({ channel: id });
    expect(await slackError(bot.conversations.unarchive({ channel: id }))).toBe("not_archived");
    expect(await slackError(bot.conversations.archive({ channel: channel("general") }))).toBe("cant_archive_general");
    expect(await slackError(bot.conversations.info({ channel: "C0NOTHERE00" }))).toBe("channel_not_found");
    const history = await bot.conversations.history({ channel: id });
    expect((history.messages ?? []).map((message) => message.subtype)).toEqual(["channel_archive", "channel_purpose", "channel_topic", "channel_name", "channel_join"]);
  });

  it("conversations membership: join, invite, members, kick, leave", async () => {
    const { bot, alice, user, channel } = workspace();
    const lobby = channel("lobby");
    const joined = await bot.conversations.join({ channel: lobby });
    expect(joined.channel?.is_member).toBe(true);
    const again = await bot.conversations.join({ channel: lobby });
    expect(again).toMatchObject({ warning: "already_in_channel", response_metadata: { warnings: ["already_in_channel"] } });
    await bot.conversations.invite({ channel: lobby, users: user("carol") });
    expect(await slackError(bot.conversations.invite({ channel: lobby, users: user("carol") }))).toBe("already_in_channel");
    expect(await slackError(bot.conversations.invite({ channel: lobby, users: "U0NOBODY000" }))).toBe("user_not_found");
    const members: string[] = [];
    for await (const page of bot.paginate("conversations.members", { channel: lobby, limit: 1 })) members.push(...field<string[]>(page, "members"));
    expect(members).toEqual([user("alice"), user("bob"), user("twinbot"), user("carol")]);
    await alice.conversations.kick({ channel: lobby, user: user("carol") });
    expect(await slackError(alice.conversations.kick({ channel: lobby, user: user("alice") }))).toBe("cant_kick_self");
    expect(await slackError(alice.conversations.kick({ channel: lobby, user: user("carol") }))).toBe("not_in_channel");
    await bot.conversations.leave({ channel: lobby });
    expect(await bot.conversations.leave({ channel: lobby })).toMatchObject({ ok: true, not_in_channel: true });
    expect(await slackError(bot.conversations.leave({ channel: channel("general") }))).toBe("cant_leave_general");
    expect(await slackError(alice.conversations.join({ channel: channel("secret") }))).toBe("method_not_supported_for_channel_type");
    expect(await slackError(bot.conversations.history({ channel: lobby }))).toBe("not_in_channel");
  });

  it("conversations.open: ims and mpims", async () => {
    const { bot, alice, user } = workspace();
    const opened = await bot.conversations.open({ users: user("bob") });
    const dm = opened.channel!.id!;
    expect(dm).toMatch(/^D[A-Z0-9]{10}$/);
    expect(await bot.conversations.open({ users: user("bob"), return_im: true })).toMatchObject({ no_op: true, already_open: true, channel: { id: dm, is_im: true, user: user("bob") } });
    await bot.chat.postMessage({ channel: dm, text: "psst" });
    expect((await bot.conversations.history({ channel: dm })).messages?.[0]?.text).toBe("psst");
    const group = await alice.conversations.open({ users: `${user("bob")},${user("carol")}` });
    expect(group.channel).toMatchObject({ is_mpim: true, name: "mpdm-alice--bob--carol-1" });
    expect(await slackError(bot.conversations.open({} as never))).toBe("users_list_not_supplied");
    expect(await slackError(bot.conversations.open({ users: "U0NOBODY000" }))).toBe("user_not_found");
    expect((await bot.chat.postMessage({ channel: user("carol"), text: "hi carol" })).channel).toMatch(/^D/);
  });

  it("conversations.history and replies: threads, windows and paging", async () => {
    const { bot, alice, channel } = workspace();
    const eng = channel("eng");
    const posted: string[] = [];
    for (let index = 0; index < 4; index += 1) posted.push((await bot.chat.postMessage({ channel: eng, text: `message ${index}` })).ts!);
    expect([...posted].sort()).toEqual(posted);
    const reply = await alice.chat.postMessage({ channel: eng, text: "a reply", thread_ts: posted[0]! });
    await bot.chat.postMessage({ channel: eng, text: "broadcast reply", thread_ts: posted[0]!, reply_broadcast: true });
    const history = await bot.conversations.history({ channel: eng, limit: 2 });
    expect(history.messages!.map((message) => message.text)).toEqual(["broadcast reply", "message 3"]);
    expect(history).toMatchObject({ has_more: true, pin_count: 0 });
    const texts: string[] = [];
    for await (const page of bot.paginate("conversations.history", { channel: eng, limit: 2 })) texts.push(...field<{ text: string }[]>(page, "messages").map((message) => message.text));
    expect(texts).toEqual(["broadcast reply", "message 3", "message 2", "message 1", "message 0", "hello team"]);
    const parent = (await bot.conversations.history({ channel: eng, latest: posted[0]!, inclusive: true, limit: 1 })).messages![0]!;
    expect(parent).toMatchObject({ ts: posted[0], thread_ts: posted[0], reply_count: 2, latest_reply: expect.any(String) });
    const window = await bot.conversations.history({ channel: eng, oldest: posted[0]!, latest: posted[3]! });
    expect(window.messages!.map((message) => message.text)).toEqual(["message 2", "message 1"]);
    const thread = await bot.conversations.replies({ channel: eng, ts: posted[0]! });
    expect(thread.messages!.map((message) => message.text)).toEqual(["message 0", "a reply", "broadcast reply"]);
    expect(thread.messages![1]).toMatchObject({ ts: reply.ts, thread_ts: posted[0], parent_user_id: parent.user });
    const replies: string[] = [];
    for await (const page of bot.paginate("conversations.replies", { channel: eng, ts: posted[0]!, limit: 1 })) replies.push(...field<{ ts: string }[]>(page, "messages").map((message) => message.ts));
    expect(replies).toHaveLength(3);
    expect(await slackError(bot.conversations.replies({ channel: eng, ts: "1234567890.000001" }))).toBe("thread_not_found");
    expect(await slackError(bot.conversations.history({ channel: eng, latest: "yesterday" }))).toBe("invalid_ts_latest");
  });

  it("chat: postMessage, update, delete, permalink, ephemeral", async () => {
    const { bot, alice, bob, user, channel } = workspace();
    const eng = channel("eng");
    const blocks = [{ type: "section", text: { type: "mrkdwn", text: "*Deploy* done" } }];
    const posted = await bot.chat.postMessage({ channel: "#eng", text: "Deploy done", blocks });
    expect(posted).toMatchObject({ channel: eng, ts: expect.stringMatching(/^\d{10}\.\d{6}$/), message: { text: "Deploy done", blocks, bot_id: expect.any(String), user: user("twinbot") } });
    const byUser = await alice.chat.postMessage({ channel: eng, text: "thanks!" });
    expect(byUser.message).toMatchObject({ user: user("alice"), text: "thanks!" });
    expect(byUser.message).not.toHaveProperty("bot_id");
    expect(await slackError(bot.chat.postMessage({ channel: eng } as never))).toBe("no_text");
    expect(await slackError(bot.chat.postMessage({ channel: "C0NOTHERE00", text: "x" }))).toBe("channel_not_found");
    expect(await slackError(bot.chat.postMessage({ channel: channel("lobby"), text: "x" }))).toBe("not_in_channel");
    expect(await slackError(bot.chat.postMessage({ channel: eng, text: "x", blocks: [{ text: "no type" }] as never }))).toBe("invalid_blocks");
    const updated = await bot.chat.update({ channel: eng, ts: posted.ts!, text: "Deploy rolled back" });
    expect(updated).toMatchObject({ channel: eng, ts: posted.ts, text: "Deploy rolled back", message: { text: "Deploy rolled back", blocks, edited: { user: user("twinbot") } } });
    expect(await slackError(bob.chat.update({ channel: eng, ts: posted.ts!, text: "hijack" }))).toBe("cant_update_message");
    expect(await slackError(bot.chat.update({ channel: eng, ts: "1234567890.000001", text: "x" }))).toBe("message_not_found");
    const permalink = await bot.chat.getPermalink({ channel: eng, message_ts: posted.ts! });
    expect(permalink.permalink).toBe(`https://twin-workspace.slack.com/archives/${eng}/p${posted.ts!.replace(".", "")}`);
    const ephemeral = await bot.chat.postEphemeral({ channel: eng, user: user("bob"), text: "only you" });
    expect(ephemeral.message_ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(await slackError(bot.chat.postEphemeral({ channel: eng, user: user("carol"), text: "x" }))).toBe("user_not_in_channel");
    expect(await slackError(bob.chat.delete({ channel: eng, ts: posted.ts! }))).toBe("cant_delete_message");
    await bot.chat.delete({ channel: eng, ts: posted.ts! });
    expect(await slackError(bot.chat.delete({ channel: eng, ts: posted.ts! }))).toBe("message_not_found");
    await alice.chat.delete({ channel: eng, ts: byUser.ts! });
  });

  it("chat: scheduled messages post when the virtual clock reaches post_at", async () => {
    const { bot, tenant, channel } = workspace();
    const eng = channel("eng");
    const now = Math.floor(tenant.now() / 1000);
    const blocks = [{ type: "section", text: { type: "mrkdwn", text: "*Standup* in 5" } }];
    const scheduled = await bot.chat.scheduleMessage({ channel: eng, text: "standup in 5", blocks, post_at: now + 300 });
    expect(scheduled).toMatchObject({ channel: eng, post_at: now + 300, scheduled_message_id: expect.stringMatching(/^Q[A-Z0-9]{10}$/), message: { text: "standup in 5" } });
    const other = await bot.chat.scheduleMessage({ channel: eng, text: "never mind", post_at: now + 600 });
    expect(await slackError(bot.chat.scheduleMessage({ channel: eng, text: "too late", post_at: now - 10 }))).toBe("time_in_past");
    const listed = await bot.chat.scheduledMessages.list({ channel: eng });
    expect(listed.scheduled_messages!.map((item) => item.id)).toEqual([scheduled.scheduled_message_id, other.scheduled_message_id]);
    await bot.chat.deleteScheduledMessage({ channel: eng, scheduled_message_id: other.scheduled_message_id! });
    expect(await slackError(bot.chat.deleteScheduledMessage({ channel: eng, scheduled_message_id: other.scheduled_message_id! }))).toBe("invalid_scheduled_message_id");
    tenant.advance(10 * 60_000);
    const history = await bot.conversations.history({ channel: eng, limit: 1 });
    expect(history.messages![0]).toMatchObject({ text: "standup in 5", blocks, ts: expect.stringMatching(new RegExp(`^${now + 300}\\.`)) });
    expect((await bot.chat.scheduledMessages.list({})).scheduled_messages).toEqual([]);
  });

  it("users: list, info, lookupByEmail, conversations", async () => {
    const { bot, alice, user } = workspace();
    const names: string[] = [];
    for await (const page of bot.paginate("users.list", { limit: 2 })) names.push(...field<{ name: string }[]>(page, "members").map((member) => member.name));
    expect(names).toEqual(["slackbot", "twinbot", "owner", "alice", "bob", "carol"]);
    const info = await bot.users.info({ user: user("bob"), include_locale: true });
    expect(info.user).toMatchObject({ id: user("bob"), name: "bob", real_name: "Bob Baker", locale: "en-US", profile: { email: "bob@example.com", real_name: "Bob Baker" }, is_bot: false });
    expect(await slackError(bot.users.info({ user: "U0NOBODY000" }))).toBe("user_not_found");
    expect((await bot.users.lookupByEmail({ email: "carol@example.com" })).user?.id).toBe(user("carol"));
    expect(await slackError(bot.users.lookupByEmail({ email: "nobody@example.com" }))).toBe("users_not_found");
    const mine = await alice.users.conversations({ types: "public_channel,private_channel" });
    expect(mine.channels!.map((channel) => channel.name)).toEqual(["eng", "secret", "lobby"]);
    expect((await bot.users.conversations({ user: user("bob"), limit: 1 })).response_metadata?.next_cursor).not.toBe("");
  });

  it("reactions and pins on messages", async () => {
    const { bot, alice, user, channel } = workspace();
    const eng = channel("eng");
    const { ts } = await alice.chat.postMessage({ channel: eng, text: "ship it?" });
    await bot.reactions.add({ channel: eng, timestamp: ts!, name: "thumbsup" });
    await alice.reactions.add({ channel: eng, timestamp: ts!, name: ":thumbsup:" });
    expect(await slackError(bot.reactions.add({ channel: eng, timestamp: ts!, name: "thumbsup" }))).toBe("already_reacted");
    expect(await slackError(bot.reactions.add({ channel: eng, timestamp: "1234567890.000001", name: "tada" }))).toBe("message_not_found");
    expect(await slackError(bot.reactions.add({ channel: eng, timestamp: "soon", name: "tada" }))).toBe("bad_timestamp");
    const got = await bot.reactions.get({ channel: eng, timestamp: ts! });
    expect(got).toMatchObject({ type: "message", channel: eng, message: { reactions: [{ name: "thumbsup", count: 2, users: [user("twinbot"), user("alice")] }] } });
    expect((await alice.reactions.list({})).items).toHaveLength(1);
    await bot.reactions.remove({ channel: eng, timestamp: ts!, name: "thumbsup" });
    expect(await slackError(bot.reactions.remove({ channel: eng, timestamp: ts!, name: "thumbsup" }))).toBe("no_reaction");
    await bot.pins.add({ channel: eng, timestamp: ts! });
    expect(await slackError(bot.pins.add({ channel: eng, timestamp: ts! }))).toBe("already_pinned");
    const pins = await bot.pins.list({ channel: eng });
    expect(pins.items).toMatchObject([{ type: "message", channel: eng, created_by: user("twinbot"), message: { ts, pinned_to: [eng] } }]);
    expect((await bot.conversations.history({ channel: eng, limit: 1 })).pin_count).toBe(1);
    await bot.pins.remove({ channel: eng, timestamp: ts! });
    expect(await slackError(bot.pins.remove({ channel: eng, timestamp: ts! }))).toBe("no_pin");
    expect((await bot.pins.list({ channel: eng })).items).toEqual([]);
  });

  it("files: uploadV2 flow, info, list, delete, download", async () => {
    const { bot, bob, channel, credentials } = workspace();
    const eng = channel("eng");
    const uploaded = (await bot.filesUploadV2({ channel_id: eng, content: "col1,col2\n1,2\n", filename: "report.csv", title: "Weekly report", initial_comment: "Here it is" })) as unknown as { files: { files: { id: string; title: string }[] }[] };
    const file = uploaded.files[0]!.files[0]!;
    expect(file).toMatchObject({ id: expect.stringMatching(/^F[A-Z0-9]{10}$/), title: "Weekly report" });
    const shared = (await bot.conversations.history({ channel: eng, limit: 1 })).messages![0]!;
    expect(shared).toMatchObject({ text: "Here it is", subtype: "file_share", files: [{ id: file.id, name: "report.csv", filetype: "csv", size: 14 }] });
    const info = await bot.files.info({ file: file.id });
    expect(info.file).toMatchObject({ id: file.id, title: "Weekly report", mimetype: "text/csv", channels: [eng], user: credentials.botUserId });
    const download = await fetch(info.file!.url_private!, { headers: { authorization: `Bearer ${credentials.botToken}` } });
    expect(await download.text()).toBe("col1,col2\n1,2\n");
    expect((await fetch(info.file!.url_private!)).status).toBe(401);
    const listed = await bot.files.list({ channel: eng, types: "snippets", count: 10 });
    expect(listed).toMatchObject({ files: [{ id: file.id }], paging: { count: 10, total: 1, page: 1, pages: 1 } });
    expect(await slackError(bob.files.delete({ file: file.id }))).toBe("cant_delete_file");
    await bot.files.delete({ file: file.id });
    expect(await slackError(bot.files.info({ file: file.id }))).toBe("file_not_found");
    const url = await bot.files.getUploadURLExternal({ filename: "notes.txt", length: 5 });
    expect(url.upload_url).toMatch(/\/upload\/v1\/[A-Za-z0-9]+$/);
    expect(await slackError(bot.files.completeUploadExternal({ files: [{ id: url.file_id! }] }))).toBe("file_not_found");
  });

  it("views: open, push, update, publish", async () => {
    const { bot, user } = workspace();
    const modal = { type: "modal" as const, title: { type: "plain_text" as const, text: "Request" }, blocks: [{ type: "input", label: { type: "plain_text", text: "What?" }, element: { type: "plain_text_input", action_id: "what" } }], callback_id: "request", external_id: "request-1" };
    const opened = await bot.views.open({ trigger_id: "12345.98765.abcd2358fdea", view: modal as never });
    expect(opened.view).toMatchObject({ id: expect.stringMatching(/^V[A-Z0-9]{10}$/), type: "modal", callback_id: "request", blocks: modal.blocks, state: { values: {} } });
    expect(await slackError(bot.views.open({ trigger_id: "12345.98765.abcd2358fdea", view: { ...modal, external_id: "request-2" } as never }))).toBe("exchanged_trigger_id");
    expect(await slackError(bot.views.open({ trigger_id: "not-a-trigger", view: { ...modal, external_id: "request-3" } as never }))).toBe("invalid_trigger_id");
    const pushed = await bot.views.push({ trigger_id: "12346.98765.abcd2358fdeb", view: { ...modal, external_id: "step-2" } as never });
    expect(pushed.view).toMatchObject({ root_view_id: opened.view!.id, previous_view_id: opened.view!.id });
    const updated = await bot.views.update({ view_id: opened.view!.id!, hash: opened.view!.hash!, view: { ...modal, title: { type: "plain_text", text: "Request (2)" } } as never });
    expect(updated.view?.title).toEqual({ type: "plain_text", text: "Request (2)" });
    expect(await slackError(bot.views.update({ view_id: opened.view!.id!, hash: opened.view!.hash!, view: modal as never }))).toBe("hash_conflict");
    expect(await slackError(bot.views.update({ external_id: "nope", view: modal as never }))).toBe("not_found");
    const home = await bot.views.publish({ user_id: user("alice"), view: { type: "home", blocks: [{ type: "section", text: { type: "mrkdwn", text: "Welcome" } }] } as never });
    expect(home.view).toMatchObject({ type: "home", blocks: [{ type: "section" }] });
    expect((await bot.views.publish({ user_id: user("alice"), view: { type: "home", blocks: [] } as never })).view?.id).toBe(home.view!.id);
  });

  it("errors the SDK surfaces: unknown methods and bad arguments", async () => {
    const { bot, alice } = workspace();
    expect(await slackError(bot.apiCall("chat.postMesage", { channel: "C1", text: "typo" }))).toBe("unknown_method");
    const failure = await bot.files.getUploadURLExternal({ length: 3 } as never).catch((error: { data: unknown }) => error.data);
    expect(failure).toMatchObject({ ok: false, error: "invalid_arguments", response_metadata: { messages: ["[ERROR] missing required field: filename"] } });
    expect(await slackError(alice.views.publish({ user_id: "U1", view: { type: "home", blocks: [] } as never }))).toBe("not_allowed_token_type");
  });

  it("rate limits: a 429 with Retry-After, rejected or waited out by the SDK", async () => {
    const { tenant, credentials, client, channel } = workspace();
    const eng = channel("eng");
    tenant.faults = { rules: [{ methods: ["chat.postMessage"], rateLimit: { limit: 1, windowMs: 1500 } }] };
    const rejecting = client(credentials.botToken, { rejectRateLimitedCalls: true });
    await rejecting.chat.postMessage({ channel: eng, text: "one" });
    const limited = await rejecting.chat.postMessage({ channel: eng, text: "two" }).catch((error: { code: string; retryAfter: number }) => error);
    expect(limited).toMatchObject({ code: ErrorCode.RateLimitedError, retryAfter: 1 });
    // With retries the client pauses for Retry-After (real seconds) and tries again; the
    // scenario moves the virtual clock on by as much, so the window has passed on the retry.
    const retrying = new WebClient(credentials.botToken, { slackApiUrl: `${served.baseUrl}/t/${tenant.id}/api/`, logger: silent, retryConfig: { retries: 1, factor: 1, minTimeout: 0, maxTimeout: 0 } });
    const waits: number[] = [];
    retrying.on(WebClientEvent.RATE_LIMITED, (seconds: number) => {
      waits.push(seconds);
      tenant.advance(seconds * 1000);
    });
    await retrying.chat.postMessage({ channel: eng, text: "three" });
    const started = Date.now();
    const posted = await retrying.chat.postMessage({ channel: eng, text: "four" });
    expect(posted.ok).toBe(true);
    expect(waits).toEqual([1]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(tenant.log.filter((entry) => entry.fault === "rate_limited").length).toBe(2);
  });
});
