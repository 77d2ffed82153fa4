/**
 * Events API end to end over real HTTP: a Slack app (a plain Node server that checks Slack's
 * signature as Bolt does) is configured as the tenant's request URL through the admin plane,
 * answers the url_verification challenge, and replies in a thread, with the official client,
 * when a user mentions it.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { LogLevel, WebClient } from "@slack/web-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ServedTwin, serveTwin } from "../../src/twins/kit/index.js";
import { createSlackTwin, slackCredentials } from "../../src/twins/slack/index.js";

const twin = createSlackTwin({ seed: 99 });
const credentials = slackCredentials(twin.tenant());
let served: ServedTwin;
let app: Server;
let appUrl = "";
const seen: { type: string; event?: { type: string; text?: string; ts?: string; channel?: string } }[] = [];
const rejected: string[] = [];

function signatureMatches(secret: string, timestamp: string, body: string, signature: string): boolean {
  const expected = Buffer.from(`v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`);
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

beforeAll(async () => {
  served = await serveTwin(twin);
  const client = new WebClient(credentials.botToken, { slackApiUrl: `${served.baseUrl}/api/`, logLevel: LogLevel.ERROR, retryConfig: { retries: 0 } });
  app = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      void (async () => {
        const body = Buffer.concat(chunks).toString("utf8");
        const timestamp = String(request.headers["x-slack-request-timestamp"]);
        if (!signatureMatches(credentials.signingSecret, timestamp, body, String(request.headers["x-slack-signature"]))) {
          rejected.push(body);
          response.writeHead(401).end();
          return;
        }
        const payload = JSON.parse(body) as (typeof seen)[number] & { challenge?: string };
        seen.push(payload);
        if (payload.type === "url_verification") {
          response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ challenge: payload.challenge }));
          return;
        }
        if (payload.event?.type === "app_mention") await client.chat.postMessage({ channel: payload.event.channel!, thread_ts: payload.event.ts!, text: "On it!" });
        response.writeHead(200).end();
      })();
    });
  });
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/slack/events`;
});

afterAll(async () => {
  await served.close();
  await new Promise<void>((resolve) => app.close(() => resolve()));
});

describe("Slack Events API over HTTP", () => {
  it("verifies the app's URL, delivers a user's mention, and sees the app's threaded reply", async () => {
    const configured = await fetch(`${served.baseUrl}/_twin/tenants/default/config`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ eventsRequestUrl: appUrl }) });
    expect(await configured.json()).toMatchObject({ ok: true, url_verification: { verified: true, status: 200 } });
    const user = new WebClient(credentials.userToken, { slackApiUrl: `${served.baseUrl}/api/`, logLevel: LogLevel.ERROR, retryConfig: { retries: 0 } });
    const general = (await user.conversations.list({})).channels![0]!.id!;
    const mention = await user.chat.postMessage({ channel: general, text: `<@${credentials.botUserId}> can you deploy?` });
    const thread = await user.conversations.replies({ channel: general, ts: mention.ts! });
    expect(thread.messages!.map((message) => message.text)).toEqual([`<@${credentials.botUserId}> can you deploy?`, "On it!"]);
    expect(seen.map((payload) => payload.event?.type ?? payload.type)).toEqual(["url_verification", "message", "app_mention", "message"]);
    expect(rejected).toEqual([]);
    const deliveries = (await (await fetch(`${served.baseUrl}/_twin/tenants/default/deliveries`)).json()) as { deliveries: { url: string; status: number }[] };
    expect(deliveries.deliveries.map((delivery) => delivery.status)).toEqual([200, 200, 200, 200]);
  });
});
