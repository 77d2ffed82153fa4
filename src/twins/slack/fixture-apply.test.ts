import { describe, expect, it } from "vitest";
import { TwinFixtureError, parseFixtureText, seedTenant, stateToJson } from "../kit/index.js";
import { createSlackTwin } from "./index.js";

function seedError(fixture: unknown): string {
  const twin = createSlackTwin({ seed: 1 });
  const tenant = twin.tenant();
  const before = stateToJson(tenant.state);
  try {
    seedTenant(twin, tenant, fixture);
  } catch (error) {
    expect(error).toBeInstanceOf(TwinFixtureError);
    expect(stateToJson(tenant.state)).toEqual(before);
    return (error as Error).message;
  }
  throw new Error("expected the fixture to be refused");
}

describe("Slack fixtures", () => {
  it("name the first bad field with its path, and leave the tenant as it was", () => {
    const users = [{ name: "alice" }];
    expect(seedError({ users, channels: [{ name: "a" }, { name: "b" }, { name: "c", members: ["bob"] }] })).toBe('channels[2].members[0]: unknown user "bob"');
    expect(seedError({ users: [{ name: "alice", nickname: "al" }] })).toBe("users[0].nickname: unknown field (expected name, id, real_name, display_name, email, title, tz, is_admin, is_owner, deleted)");
    expect(seedError({ users: [{ name: 7 }] })).toBe("users[0].name: expected a string, got a number (7)");
    expect(seedError({ users, channels: [{ name: "General Chat" }] })).toMatch(/^channels\[0\]\.name: "General Chat" is not a channel name \(invalid_name_specials\)/);
    expect(seedError({ users, channels: [{ name: "eng", messages: [{ user: "alice", text: "hi", reactions: [{ name: "tada", users: ["zed"] }] }] }] })).toBe('channels[0].messages[0].reactions[0].users[0]: unknown user "zed"');
    expect(seedError({ users, channels: [{ name: "eng", messages: [{ user: "alice", ts: "1767225700.000001" }, { user: "alice", ts: "1767225600.000001" }] }] })).toBe('channels[0].messages[1].ts: "1767225600.000001" must be later than the conversation\'s previous message');
    expect(seedError({ users, channels: [{ name: "eng", messages: [{ user: "alice", replies: [{ user: "alice", replies: [] }] }] }] })).toMatch(/^channels\[0\]\.messages\[0\]\.replies\[0\]\.replies: unknown field/);
    expect(seedError({ tokens: [{ token: "xoxb-1-2-3", user: "owner" }] })).toBe('tokens[0].user: a bot token belongs to the app\'s bot user "twinbot"');
    expect(seedError({ tokens: [{ token: "abc" }] })).toBe('tokens[0].token: expected a Slack token (xoxb-... or xoxp-...), got "abc"');
    expect(seedError({ team: { domain: "Not A Domain" } })).toMatch(/^team\.domain: expected a workspace domain/);
  });

  it("seed users, channels with threads, reactions and pins, tokens, and rename the app", () => {
    const twin = createSlackTwin({ seed: 4 });
    const tenant = twin.tenant();
    const yaml = `
team: { name: Acme, domain: acme }
app: { name: helper, bot_scopes: [chat:write, channels:history] }
users:
  - { name: alice, real_name: Alice Archer, email: alice@acme.test, is_admin: true }
  - { name: bob }
channels:
  - name: eng
    members: [alice, bob, helper]
    topic: Engineering
    messages:
      - user: alice
        text: ship it?
        ts: "1767225500.000100"
        reactions: [{ name: ":rocket:", users: [bob, alice] }]
        pinned: true
        replies:
          - { user: bob, text: yes }
          - { user: helper, text: deploying }
  - { name: secret, private: true, members: [alice], archived: true }
tokens:
  - { token: xoxp-9-9-9-alice, user: alice, scopes: [chat:write] }
`;
    seedTenant(twin, tenant, parseFixtureText(yaml, "fixture.yaml"));
    const state = stateToJson(tenant.state);
    expect(Object.values(state["team"]!)).toMatchObject([{ name: "Acme", domain: "acme" }]);
    const users = Object.values(state["users"]!) as { id: string; name: string }[];
    const id = (name: string) => users.find((user) => user.name === name)!.id;
    const channels = Object.values(state["channels"]!) as { id: string; name: string; kind: string; members: string[]; is_archived: boolean; topic: { value: string } }[];
    const eng = channels.find((channel) => channel.name === "eng")!;
    expect(eng).toMatchObject({ kind: "public", members: [id("alice"), id("bob"), id("helper")], topic: { value: "Engineering" } });
    expect(channels.find((channel) => channel.name === "secret")).toMatchObject({ kind: "private", is_archived: true });
    const messages = Object.values(state[`messages/${eng.id}`]!) as Record<string, unknown>[];
    expect(messages[0]).toMatchObject({ ts: "1767225500.000100", text: "ship it?", reply_count: 2, reply_users: [id("bob"), id("helper")], reactions: [{ name: "rocket", users: [id("bob"), id("alice")] }], pinned: { by: id("alice") } });
    expect(messages[2]).toMatchObject({ thread_ts: "1767225500.000100", user: id("helper"), bot_id: expect.stringMatching(/^B/) });
    expect(state["tokens"]!["xoxp-9-9-9-alice"]).toMatchObject({ type: "user", user_id: id("alice"), scopes: ["chat:write"] });
    const bot = Object.values(state["tokens"]!).find((token) => (token as { type: string }).type === "bot");
    expect(bot).toMatchObject({ scopes: ["chat:write", "channels:history"], user_id: id("helper") });
  });

  it("through the admin plane: a YAML fixture refused with the field's path, as a 400", async () => {
    const twin = createSlackTwin({ seed: 2 });
    const response = await twin.fetch(new Request("http://slack.test/_twin/tenants/default/seed", { method: "POST", headers: { "content-type": "application/yaml" }, body: "users: [{ name: alice }]\nchannels:\n  - { name: eng, members: [alice, bob] }\n" }));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: "invalid_fixture", message: 'channels[0].members[1]: unknown user "bob"' });
  });

  it("updates what exists already: #general and known users", () => {
    const twin = createSlackTwin({ seed: 4 });
    const tenant = twin.tenant();
    seedTenant(twin, tenant, { users: [{ name: "owner", title: "CEO" }], channels: [{ name: "general", topic: "Company news", members: ["owner"] }] });
    const state = stateToJson(tenant.state);
    expect(Object.values(state["users"]!).filter((user) => (user as { name: string }).name === "owner")).toMatchObject([{ title: "CEO", is_owner: true }]);
    expect(Object.values(state["channels"]!)).toMatchObject([{ name: "general", is_general: true, topic: { value: "Company news" } }]);
  });
});
