import { describe, expect, it } from "vitest";
import { SLACK_METHOD_METADATA } from "./method-metadata.js";
import { slackRateLimit } from "./rate-limits.js";

describe("Slack rate-limit tiers", () => {
  it("follow each method's tier from its method file", () => {
    expect(SLACK_METHOD_METADATA["users.list"]?.tier).toBe("t2");
    expect(slackRateLimit("users.list")).toEqual({ limit: 20, windowMs: 60_000 });
    expect(slackRateLimit("conversations.history")).toEqual({ limit: 50, windowMs: 60_000 });
    expect(slackRateLimit("users.info")).toEqual({ limit: 100, windowMs: 60_000 });
    expect(slackRateLimit("chat.postMessage")).toEqual({ limit: 60, windowMs: 60_000 });
    expect(slackRateLimit("no.such.method")).toBeUndefined();
  });
});
