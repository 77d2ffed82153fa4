import { describe, expect, it } from "vitest";
import { Tenant } from "../kit/index.js";
import { authenticate, checkConversationScopes, checkMethodScopes, tokenOf } from "./auth.js";
import { SLACK_METHOD_METADATA } from "./method-metadata.js";
import type { TokenRecord } from "./records.js";
import { initializeWorkspace } from "./workspace.js";

const token = (type: TokenRecord["type"], scopes: string[]): TokenRecord => ({ token: "xoxb-1", type, user_id: "U1", scopes, revoked: false });
const request = (headers: Record<string, string>) => new Request("http://slack.test/api/auth.test", { method: "POST", headers });

describe("tokens", () => {
  it("come from the Authorization header, a form field or the query, but not a JSON body", () => {
    const query = new URLSearchParams("token=xoxp-query");
    expect(tokenOf(request({ authorization: "Bearer xoxb-header" }), query, { token: "xoxb-form" })).toBe("xoxb-header");
    expect(tokenOf(request({ "content-type": "application/x-www-form-urlencoded" }), query, { token: "xoxb-form" })).toBe("xoxb-form");
    expect(tokenOf(request({ "content-type": "application/json" }), new URLSearchParams(), { token: "xoxb-json" })).toBeUndefined();
    expect(tokenOf(request({}), query, undefined)).toBe("xoxp-query");
  });

  it("are checked as Slack checks them", () => {
    const tenant = new Tenant({ id: "t", seed: 3, startTime: Date.UTC(2026, 0, 1), tickMs: 1000 });
    initializeWorkspace(tenant);
    const bot = [...tenant.state.collections.get("tokens")!.values()][0] as TokenRecord;
    expect(authenticate(tenant, undefined)).toEqual({ ok: false, error: "not_authed" });
    expect(authenticate(tenant, "xoxb-nope")).toEqual({ ok: false, error: "invalid_auth" });
    expect(authenticate(tenant, bot.token)).toMatchObject({ token: { type: "bot" }, user: { is_bot: true } });
    tenant.update((state) => ({ ...state, collections: state.collections.setIn(["tokens", bot.token], { ...bot, revoked: true }) }));
    expect(authenticate(tenant, bot.token)).toEqual({ ok: false, error: "token_revoked" });
  });
});

describe("scopes", () => {
  const history = SLACK_METHOD_METADATA["conversations.history"]!;

  it("any one of the method's scopes for the token type lets the call in", () => {
    expect(checkMethodScopes(history, token("bot", ["groups:history"]))).toBeUndefined();
    expect(checkMethodScopes(history, token("bot", ["chat:write", "users:read"]))).toEqual({ ok: false, error: "missing_scope", needed: "groups:history,im:history,mpim:history,channels:history", provided: "chat:write,users:read" });
    expect(checkMethodScopes(SLACK_METHOD_METADATA["auth.test"]!, token("bot", []))).toBeUndefined();
  });

  it("the conversation's own family is then required", () => {
    const groupsOnly = token("bot", ["groups:history"]);
    expect(checkConversationScopes(history, groupsOnly, "private")).toBeUndefined();
    expect(checkConversationScopes(history, groupsOnly, "public")).toEqual({ ok: false, error: "missing_scope", needed: "channels:history", provided: "groups:history" });
    const invite = SLACK_METHOD_METADATA["conversations.invite"]!;
    expect(checkConversationScopes(invite, token("bot", ["channels:manage"]), "public")).toBeUndefined();
    expect(checkConversationScopes(invite, token("bot", ["channels:manage"]), "private")).toMatchObject({ error: "missing_scope", needed: "groups:write.invites,groups:write" });
  });
});
