/**
 * Slack's published rate-limit tiers, per method and per workspace, used when a fault rule asks
 * for the vendor's own limits (`rateLimit: true`). Tier 1 allows 1+ calls a minute, tier 2 20+,
 * tier 3 50+, tier 4 100+. `t5` / special methods have their own rules (chat.postMessage: about
 * one message a second per channel, with bursts): the twin approximates them as 60 a minute per
 * method, not per channel.
 */
import type { RateLimit } from "../kit/index.js";
import { SLACK_METHOD_METADATA } from "./method-metadata.js";

const MINUTE = 60_000;
export const TIER_LIMITS: Readonly<Record<string, RateLimit>> = {
  t1: { limit: 1, windowMs: MINUTE },
  t2: { limit: 20, windowMs: MINUTE },
  t3: { limit: 50, windowMs: MINUTE },
  t4: { limit: 100, windowMs: MINUTE },
  t5: { limit: 60, windowMs: MINUTE },
  special: { limit: 60, windowMs: MINUTE },
};

export function slackRateLimit(method: string): RateLimit | undefined {
  const metadata = SLACK_METHOD_METADATA[method];
  return metadata ? TIER_LIMITS[metadata.tier] : undefined;
}
