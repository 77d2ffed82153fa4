import { describe, expect, it } from "vitest";
import { stateToJson } from "../kit/index.js";
import { createSlackTwin, slackCredentials, type SlackTwin } from "./index.js";

async function call(twin: SlackTwin, method: string, args: Record<string, unknown>, token: string): Promise<Record<string, unknown>> {
  const form = new URLSearchParams(Object.entries(args).map(([key, value]): [string, string] => [key, typeof value === "string" ? value : JSON.stringify(value)]));
  const response = await twin.fetch(new Request(`http://slack.test/api/${method}`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/x-www-form-urlencoded" }, body: form }));
  return (await response.json()) as Record<string, unknown>;
}

/** A short session touching most state: channels, messages, threads, reactions, files, views. */
async function session(twin: SlackTwin): Promise<unknown[]> {
  const { botToken, userToken } = slackCredentials(twin.tenant());
  const bodies: unknown[] = [];
  const record = async (method: string, args: Record<string, unknown>, token = botToken) => {
    const body = await call(twin, method, args, token);
    bodies.push(body);
    return body;
  };
  const created = (await record("conversations.create", { name: "eng" })) as { channel: { id: string } };
  const channel = created.channel.id;
  const posted = (await record("chat.postMessage", { channel, text: "hello", blocks: [{ type: "divider" }] })) as { ts: string };
  await record("chat.postMessage", { channel, text: "reply", thread_ts: posted.ts });
  await record("reactions.add", { channel, timestamp: posted.ts, name: "wave" });
  await record("pins.add", { channel, timestamp: posted.ts });
  await record("conversations.open", { users: (await record("auth.test", {}, userToken))["user_id"] as string });
  const upload = (await record("files.getUploadURLExternal", { filename: "a.txt", length: 2 })) as { upload_url: string; file_id: string };
  await twin.fetch(new Request(upload.upload_url.replace(/^http:\/\/[^/]+/, "http://slack.test"), { method: "POST", body: "hi" }));
  await record("files.completeUploadExternal", { files: [{ id: upload.file_id }], channel_id: channel });
  await record("views.publish", { user_id: (await record("auth.test", {}, userToken))["user_id"] as string, view: { type: "home", blocks: [] } });
  await record("conversations.history", { channel });
  await record("conversations.replies", { channel, ts: posted.ts });
  await record("users.list", {});
  return bodies;
}

describe("the Slack twin", () => {
  it("is deterministic: the same seed and the same calls give byte-identical answers", async () => {
    const first = await session(createSlackTwin({ seed: 11 }));
    const second = await session(createSlackTwin({ seed: 11 }));
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    const other = await session(createSlackTwin({ seed: 12 }));
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(first));
  });

  it("snapshots and restores a populated tenant, ids and clock included", async () => {
    const twin = createSlackTwin({ seed: 3 });
    await session(twin);
    const tenant = twin.tenant();
    const snapshot = tenant.snapshot();
    const saved = stateToJson(tenant.state);
    const { botToken } = slackCredentials(tenant);
    const general = (await call(twin, "conversations.list", {}, botToken)) as { channels: { id: string; name: string }[] };
    const afterSnapshot = await call(twin, "chat.postMessage", { channel: general.channels[0]!.id, text: "after" }, botToken);
    await call(twin, "conversations.create", { name: "later" }, botToken);
    expect(stateToJson(tenant.state)).not.toEqual(saved);
    expect(tenant.restore(snapshot)).toBe(true);
    expect(stateToJson(tenant.state)).toEqual(saved);
    expect(await call(twin, "conversations.list", {}, botToken)).toEqual(general);
    expect(await call(twin, "chat.postMessage", { channel: general.channels[0]!.id, text: "after" }, botToken)).toEqual(afterSnapshot);
  });

  it("serves tenants side by side, each with its own workspace", async () => {
    const twin = createSlackTwin({ seed: 3 });
    const one = slackCredentials(twin.createTenant("one"));
    const two = slackCredentials(twin.createTenant("two", { seed: 4 }));
    expect(one.teamId).not.toBe(two.teamId);
    const response = await twin.fetch(new Request("http://slack.test/t/one/api/auth.test", { method: "POST", headers: { authorization: `Bearer ${one.botToken}` } }));
    expect(await response.json()).toMatchObject({ ok: true, team_id: one.teamId });
    const wrong = await twin.fetch(new Request("http://slack.test/t/two/api/auth.test", { method: "POST", headers: { authorization: `Bearer ${one.botToken}` } }));
    expect(await wrong.json()).toEqual({ ok: false, error: "invalid_auth" });
  });

  it("describes how to reach a tenant", async () => {
    const twin = createSlackTwin();
    const response = await twin.fetch(new Request("http://127.0.0.1:4000/_twin/tenants/default/describe"));
    const description = (await response.json()) as { credentials: Record<string, string>; sdkOption: string; baseUrl: string };
    expect(description.credentials).toMatchObject({ botToken: expect.stringMatching(/^xoxb-/), userToken: expect.stringMatching(/^xoxp-/), signingSecret: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(description.sdkOption).toBe('new WebClient(token, { slackApiUrl: "http://127.0.0.1:4000/api/" })');
  });
});
