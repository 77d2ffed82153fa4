/**
 * Slack's request signing (https://docs.slack.dev/authentication/verifying-requests-from-slack):
 * `X-Slack-Signature: v0=<hex HMAC-SHA256 of "v0:<timestamp>:<body>" keyed by the signing secret>`
 * with `X-Slack-Request-Timestamp: <unix seconds>`.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_VERSION = "v0";

export function slackSignature(signingSecret: string, timestamp: number | string, body: string): string {
  const digest = createHmac("sha256", signingSecret).update(`${SIGNATURE_VERSION}:${timestamp}:${body}`).digest("hex");
  return `${SIGNATURE_VERSION}=${digest}`;
}

/** What a receiver does with a request from Slack (exported for apps and tests that receive twin events). */
export function verifySlackSignature(signingSecret: string, timestamp: string, body: string, signature: string): boolean {
  const expected = Buffer.from(slackSignature(signingSecret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export function signedHeaders(signingSecret: string, timestamp: number, body: string): Record<string, string> {
  return {
    "content-type": "application/json",
    "user-agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": slackSignature(signingSecret, timestamp, body),
  };
}
