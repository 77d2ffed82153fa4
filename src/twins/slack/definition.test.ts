import { describe, expect, it } from "vitest";
import { createSlackTwin, slackCredentials } from "./index.js";

const twin = createSlackTwin({ seed: 8 });
const { botToken } = slackCredentials(twin.tenant());
const post = (method: string, body: string, headers: Record<string, string> = {}) => twin.fetch(new Request(`http://slack.test/api/${method}`, { method: "POST", headers: { authorization: `Bearer ${botToken}`, ...headers }, body }));
const json = async (response: Response) => ({ status: response.status, body: (await response.json()) as Record<string, unknown> });

describe("the Slack Web API surface", () => {
  it("takes JSON and form-encoded bodies, GET query strings, and tokens in a form field or the query", async () => {
    const channel = ((await json(await post("conversations.list", ""))).body["channels"] as { id: string }[])[0]!.id;
    expect((await json(await post("chat.postMessage", JSON.stringify({ channel, text: "json" }), { "content-type": "application/json; charset=utf-8" }))).body).toMatchObject({ ok: true, message: { text: "json" } });
    expect((await json(await post("chat.postMessage", `channel=${channel}&text=form&blocks=${encodeURIComponent('[{"type":"divider"}]')}`, { "content-type": "application/x-www-form-urlencoded" }))).body).toMatchObject({ ok: true, message: { text: "form", blocks: [{ type: "divider" }] } });
    const viaQuery = await twin.fetch(new Request(`http://slack.test/api/conversations.info?channel=${channel}&token=${botToken}`));
    expect((await json(viaQuery)).body).toMatchObject({ ok: true, channel: { id: channel } });
    const viaForm = await twin.fetch(new Request("http://slack.test/api/auth.test", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: `token=${botToken}` }));
    expect((await json(viaForm)).body).toMatchObject({ ok: true });
  });

  it("reads JSON bodies only for methods that take JSON, as Slack does", async () => {
    const channel = ((await json(await post("conversations.list", ""))).body["channels"] as { id: string }[])[0]!.id;
    const answer = await json(await post("conversations.info", JSON.stringify({ channel }), { "content-type": "application/json; charset=utf-8" }));
    expect(answer.body).toEqual({ ok: false, error: "channel_not_found" });
  });

  it("answers every error with HTTP 200 and ok:false", async () => {
    expect(await json(await post("chat.nothing", ""))).toEqual({ status: 200, body: { ok: false, error: "unknown_method", req_method: "chat.nothing" } });
    expect(await json(await post("chat.postMessage", "{not json", { "content-type": "application/json" }))).toEqual({ status: 200, body: { ok: false, error: "invalid_json" } });
    expect(await json(await post("chat.postMessage", "[1,2]", { "content-type": "application/json" }))).toEqual({ status: 200, body: { ok: false, error: "invalid_json" } });
    expect(await json(await post("chat.postMessage", "channel=C1&text=x", { "content-type": "application/x-www-form-urlencoded", authorization: "Bearer xoxb-forged" }))).toEqual({ status: 200, body: { ok: false, error: "invalid_auth" } });
    const page = await twin.fetch(new Request("http://slack.test/some/page"));
    expect(page.status).toBe(404);
  });

  it("warns about a JSON body without a charset, as Slack does", async () => {
    const answer = await json(await post("auth.test", "{}", { "content-type": "application/json" }));
    expect(answer.body).toMatchObject({ ok: true, warning: "missing_charset", response_metadata: { warnings: ["missing_charset"] } });
  });

  it("sends the token's and the method's scopes in headers, as Slack does", async () => {
    const response = await post("users.list", "");
    expect(response.headers.get("x-accepted-oauth-scopes")).toBe("users:read");
    expect(response.headers.get("x-oauth-scopes")).toContain("chat:write");
  });

  it("answers injected faults in Slack's shapes: 429 with Retry-After, 503", async () => {
    const tenant = twin.createTenant("faults");
    const { botToken: token } = slackCredentials(tenant);
    const call = (method: string) => twin.fetch(new Request(`http://slack.test/t/faults/api/${method}`, { method: "POST", headers: { authorization: `Bearer ${token}` } }));
    tenant.faults = { rules: [{ methods: ["users.list"], rateLimit: true }, { methods: ["auth.test"], errorRate: 1 }] };
    const statuses: number[] = [];
    for (let index = 0; index < 21; index += 1) statuses.push((await call("users.list")).status);
    expect(statuses.slice(0, 20).every((status) => status === 200)).toBe(true);
    const limited = await call("users.list");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await limited.json()).toEqual({ ok: false, error: "ratelimited" });
    const failed = await call("auth.test");
    expect(failed.status).toBe(503);
    expect(await failed.json()).toEqual({ ok: false, error: "service_unavailable" });
  });
});
