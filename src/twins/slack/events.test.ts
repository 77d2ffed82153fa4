import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { seedTenant } from "../kit/index.js";
import { createSlackTwin, slackCredentials } from "./index.js";

interface Received {
  url: string;
  headers: Headers;
  body: string;
  json: { type: string; challenge?: string; event?: Record<string, unknown> } & Record<string, unknown>;
}

/** A Slack app's request URL, in-process: answers the challenge (or not) and keeps what it got. */
function receiver(answerChallenge = true) {
  const received: Received[] = [];
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const body = String(init?.body ?? "");
    const json = JSON.parse(body) as Received["json"];
    received.push({ url: String(input), headers: new Headers(init?.headers), body, json });
    if (json.type === "url_verification") return new Response(answerChallenge ? json.challenge : "nope", { status: 200 });
    return new Response("", { status: 200 });
  }) as typeof globalThis.fetch;
  return { received, fetch, events: () => received.filter((item) => item.json.type === "event_callback").map((item) => item.json.event!) };
}

async function setup(options: { answerChallenge?: boolean; config?: Record<string, unknown>; wallClock?: () => number } = {}) {
  const app = receiver(options.answerChallenge ?? true);
  const twin = createSlackTwin({ seed: 21, fetch: app.fetch, ...(options.wallClock ? { wallClock: options.wallClock } : {}) });
  const credentials = slackCredentials(twin.tenant());
  const configured = await twin.fetch(new Request("http://slack.test/_twin/tenants/default/config", { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ eventsRequestUrl: "http://app.test/slack/events", signingSecret: "shh-secret", ...options.config }) }));
  const call = async (method: string, args: Record<string, unknown>, token = credentials.botToken) => {
    const response = await twin.fetch(new Request(`http://slack.test/api/${method}`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json; charset=utf-8" }, body: JSON.stringify(args) }));
    return (await response.json()) as Record<string, unknown> & { ts?: string; channel?: { id: string } };
  };
  const general = ((await call("users.conversations", {})) as unknown as { channels: { id: string }[] }).channels[0]!.id;
  return { app, twin, credentials, call, general, configured: (await configured.json()) as Record<string, unknown> };
}

describe("Events API deliveries", () => {
  it("verify a new request URL with a signed url_verification challenge", async () => {
    const { app, configured } = await setup();
    expect(configured).toEqual({ ok: true, url_verification: { url: "http://app.test/slack/events", verified: true, status: 200 } });
    const [challenge] = app.received;
    expect(challenge!.json).toMatchObject({ type: "url_verification", challenge: expect.any(String), token: expect.any(String) });
    expect(challenge!.headers.get("x-slack-signature")).toBe(`v0=${createHmac("sha256", "shh-secret").update(`v0:${challenge!.headers.get("x-slack-request-timestamp")}:${challenge!.body}`).digest("hex")}`);
  });

  it("deliver a user's message to the app as a signed event_callback", async () => {
    const { app, call, credentials, general } = await setup();
    const posted = await call("chat.postMessage", { channel: general, text: "hello app" }, credentials.userToken);
    const delivery = app.received.find((item) => item.json.type === "event_callback")!;
    expect(delivery.url).toBe("http://app.test/slack/events");
    expect(delivery.json).toMatchObject({ type: "event_callback", team_id: credentials.teamId, api_app_id: credentials.appId, event_id: expect.stringMatching(/^Ev[0-9A-Z]{9}$/), authorizations: [{ user_id: credentials.botUserId, is_bot: true }] });
    expect(delivery.json.event).toMatchObject({ type: "message", channel: general, user: credentials.userId, text: "hello app", ts: posted.ts, event_ts: posted.ts, channel_type: "channel" });
    const timestamp = delivery.headers.get("x-slack-request-timestamp")!;
    const independent = `v0=${createHmac("sha256", "shh-secret").update(`v0:${timestamp}:${delivery.body}`).digest("hex")}`;
    expect(delivery.headers.get("x-slack-signature")).toBe(independent);
    // Signed with the virtual clock: the second the message was posted.
    expect(timestamp).toBe(posted.ts!.split(".")[0]);
  });

  it("raise app_mention, reaction, membership and channel events where the bot can see them", async () => {
    const { app, call, credentials, general } = await setup();
    const mention = await call("chat.postMessage", { channel: general, text: `<@${credentials.botUserId}> deploy please` }, credentials.userToken);
    await call("reactions.add", { channel: general, timestamp: mention.ts, name: "eyes" });
    const created = await call("conversations.create", { name: "quiet" }, credentials.userToken);
    await call("chat.postMessage", { channel: created.channel!.id, text: "the bot is not here" }, credentials.userToken);
    await call("conversations.invite", { channel: created.channel!.id, users: credentials.botUserId }, credentials.userToken);
    await call("chat.postMessage", { channel: created.channel!.id, text: "now it is" }, credentials.userToken);
    const events = app.events().map((event) => `${event["type"]}${event["subtype"] ? `/${event["subtype"]}` : ""}:${event["text"] ?? event["reaction"] ?? ""}`);
    expect(events).toEqual([
      `message:<@${credentials.botUserId}> deploy please`,
      `app_mention:<@${credentials.botUserId}> deploy please`,
      "reaction_added:eyes",
      "channel_created:",
      `message/channel_join:<@${credentials.botUserId}> has joined the channel`,
      "member_joined_channel:",
      "message:now it is",
    ]);
  });

  it("deliver only subscribed event types", async () => {
    const { app, call, credentials, general } = await setup({ config: { eventSubscriptions: ["app_mention"] } });
    await call("chat.postMessage", { channel: general, text: "plain" }, credentials.userToken);
    await call("chat.postMessage", { channel: general, text: `<@${credentials.botUserId}> hi` }, credentials.userToken);
    expect(app.events().map((event) => event["type"])).toEqual(["app_mention"]);
  });

  it("deliver only events the bot token has the scope for", async () => {
    const { app, twin, call, credentials, general } = await setup();
    seedTenant(twin, twin.tenant(), { app: { bot_scopes: ["channels:history", "chat:write"] } });
    await call("chat.postMessage", { channel: general, text: `<@${credentials.botUserId}> hi` }, credentials.userToken);
    await call("reactions.add", { channel: general, timestamp: (await call("chat.postMessage", { channel: general, text: "x" }, credentials.userToken)).ts, name: "eyes" }, credentials.userToken);
    expect(app.events().map((event) => event["type"])).toEqual(["message", "message"]);
  });

  it("send nothing to a URL that failed verification", async () => {
    const { app, call, credentials, general, configured } = await setup({ answerChallenge: false });
    expect(configured["url_verification"]).toMatchObject({ verified: false, status: 200, error: "the response did not echo the challenge" });
    await call("chat.postMessage", { channel: general, text: "anyone?" }, credentials.userToken);
    expect(app.received.map((item) => item.json.type)).toEqual(["url_verification"]);
  });

  it("sign with the wall clock when the receiver checks freshness", async () => {
    const { app, call, credentials, general } = await setup({ config: { eventsClock: "wall" }, wallClock: () => 1_800_000_000_000 });
    await call("chat.postMessage", { channel: general, text: "fresh" }, credentials.userToken);
    expect(app.received.at(-1)!.headers.get("x-slack-request-timestamp")).toBe("1800000000");
  });
});
