import { createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { signedHeaders, slackSignature, verifySlackSignature } from "./signing.js";

describe("Slack request signing", () => {
  it("matches an independent HMAC-SHA256 of v0:timestamp:body", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.integer({ min: 0, max: 2 ** 31 }), fc.string(), (secret, timestamp, body) => {
        const expected = `v0=${createHmac("sha256", Buffer.from(secret, "utf8")).update(Buffer.from(`v0:${timestamp}:${body}`, "utf8")).digest("hex")}`;
        expect(slackSignature(secret, timestamp, body)).toBe(expected);
      }),
    );
  });

  it("verifies its own signatures and rejects tampering", () => {
    const headers = signedHeaders("s3cret", 1767225600, '{"type":"event_callback"}');
    expect(headers).toMatchObject({ "content-type": "application/json", "x-slack-request-timestamp": "1767225600", "x-slack-signature": expect.stringMatching(/^v0=[0-9a-f]{64}$/) });
    expect(verifySlackSignature("s3cret", "1767225600", '{"type":"event_callback"}', headers["x-slack-signature"]!)).toBe(true);
    expect(verifySlackSignature("s3cret", "1767225601", '{"type":"event_callback"}', headers["x-slack-signature"]!)).toBe(false);
    expect(verifySlackSignature("other", "1767225600", '{"type":"event_callback"}', headers["x-slack-signature"]!)).toBe(false);
  });
});
