// Verifying who sent a request: Slack signs its Events API requests (v0 HMAC-SHA256 of
// "v0:<timestamp>:<body>"), Jira signs admin webhooks that have a secret (X-Hub-Signature:
// sha256=<HMAC of the body>). Comparisons are constant-time, as both vendors advise.
import { createHmac, timingSafeEqual } from "node:crypto";
import { Buffer } from "node:buffer";

/** Slack rejects requests older than five minutes to stop replays; so do we. */
export const SLACK_MAX_AGE_SECONDS = 5 * 60;

function sameText(expected, given) {
  const left = Buffer.from(expected);
  const right = Buffer.from(given ?? "");
  return left.length === right.length && timingSafeEqual(left, right);
}

/** `undefined` when the request is Slack's, else why not (for the log). */
export function slackSignatureProblem({ signingSecret, timestamp, signature, body, nowMs }) {
  if (!timestamp || !signature) return "missing X-Slack-Request-Timestamp or X-Slack-Signature";
  const seconds = Number(timestamp);
  if (!Number.isInteger(seconds)) return `bad timestamp "${timestamp}"`;
  if (Math.abs(nowMs / 1000 - seconds) > SLACK_MAX_AGE_SECONDS) return `stale timestamp ${timestamp}`;
  const expected = `v0=${createHmac("sha256", signingSecret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
  return sameText(expected, signature) ? undefined : "signature mismatch";
}

/** `undefined` when the webhook carries the signature of `secret`, else why not. */
export function jiraSignatureProblem({ secret, signature, body }) {
  if (!signature) return "missing X-Hub-Signature";
  const expected = `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
  return sameText(expected, signature) ? undefined : "signature mismatch";
}
