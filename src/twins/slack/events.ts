/**
 * The Events API: events raised by calls are wrapped in `event_callback` envelopes and POSTed,
 * signed as Slack signs them, to the tenant's `eventsRequestUrl` (tenant config, set with
 * `PUT /_twin/tenants/{id}/config`). A new URL is first sent a `url_verification` challenge and
 * only used once it answers with the challenge, as Slack's app settings require.
 *
 * Delivery rules, as Slack applies them to a bot: message, reaction, pin and membership events
 * only for conversations the bot is a member of (its own messages included: apps filter on
 * `bot_id`); public channel lifecycle events (`channel_created`, `channel_rename`, ...) always;
 * and only when the bot token holds the event's scope (`channels:history` for
 * `message.channels`, `app_mentions:read` for `app_mention`...). `eventSubscriptions` (config,
 * optional) narrows the types, e.g. `["message.channels", "app_mention"]`.
 *
 * Deliveries happen before the call that raised them answers, one at a time in order, so a
 * scenario sees them in a deterministic order. Slack's retries of failed deliveries are not
 * reproduced (see docs/twins/slack.md).
 */
import { createHash } from "node:crypto";
import { type Tenant, type Twin, deliver, deliverAndRead, listRecords } from "../kit/index.js";
import type { RaisedEvent } from "./call.js";
import { type TokenRecord, TOKENS, appOf, teamOf } from "./records.js";
import { signedHeaders } from "./signing.js";

export interface EventsConfig {
  eventsRequestUrl?: string;
  signingSecret: string;
  eventSubscriptions?: string[];
  /** `wall`: sign with the real clock, for receivers that reject stale timestamps. */
  eventsClock: "virtual" | "wall";
}

export interface UrlVerification {
  url: string;
  verified: boolean;
  status?: number;
  error?: string;
}

export function eventsConfig(tenant: Tenant): EventsConfig {
  const config = tenant.config;
  const url = typeof config["eventsRequestUrl"] === "string" && config["eventsRequestUrl"] !== "" ? config["eventsRequestUrl"] : undefined;
  const secret = typeof config["signingSecret"] === "string" && config["signingSecret"] !== "" ? config["signingSecret"] : appOf(tenant.state).signing_secret;
  const subscriptions = Array.isArray(config["eventSubscriptions"]) ? config["eventSubscriptions"].filter((item): item is string => typeof item === "string") : undefined;
  return { eventsRequestUrl: url, signingSecret: secret, eventSubscriptions: subscriptions, eventsClock: config["eventsClock"] === "wall" ? "wall" : "virtual" };
}

const MESSAGE_SUBSCRIPTION: Record<string, string> = { channel: "message.channels", group: "message.groups", im: "message.im", mpim: "message.mpim" };

/** The bot scope an app needs to receive an event type, as Slack's event reference lists them. */
export const EVENT_SCOPES: Readonly<Record<string, string>> = {
  "message.channels": "channels:history",
  "message.groups": "groups:history",
  "message.im": "im:history",
  "message.mpim": "mpim:history",
  app_mention: "app_mentions:read",
  reaction_added: "reactions:read",
  reaction_removed: "reactions:read",
  pin_added: "pins:read",
  pin_removed: "pins:read",
  channel_created: "channels:read",
  channel_rename: "channels:read",
  channel_archive: "channels:read",
  channel_unarchive: "channels:read",
  group_rename: "groups:read",
  group_archive: "groups:read",
  group_unarchive: "groups:read",
  file_shared: "files:read",
  file_deleted: "files:read",
};

/** The subscription name of an event: `message.channels` for a message in a channel, else its type. */
const subscriptionOf = (event: RaisedEvent["event"]): string => (event.type === "message" ? (MESSAGE_SUBSCRIPTION[String(event["channel_type"])] ?? "message") : event.type);

function scopeAllows(scopes: ReadonlySet<string>, event: RaisedEvent["event"]): boolean {
  if (event.type === "member_joined_channel" || event.type === "member_left_channel") return scopes.has(event["channel_type"] === "C" ? "channels:read" : "groups:read");
  const needed = EVENT_SCOPES[subscriptionOf(event)];
  return needed === undefined || scopes.has(needed);
}

function botScopes(tenant: Tenant, botUserId: string): Set<string> {
  const tokens = listRecords<TokenRecord>(tenant.state, TOKENS).filter((token) => token.type === "bot" && token.user_id === botUserId && !token.revoked);
  return new Set(tokens.flatMap((token) => token.scopes));
}

function subscribed(config: EventsConfig, event: RaisedEvent["event"]): boolean {
  if (!config.eventSubscriptions) return true;
  const names = config.eventSubscriptions;
  return names.includes(event.type) || names.includes(subscriptionOf(event));
}

export interface EventDispatcher {
  /** Delivers what a call raised (verifying a new URL first); resolves when all are done. */
  dispatch(tenant: Tenant, raised: readonly RaisedEvent[]): Promise<void>;
  /** Sends the url_verification challenge to the configured URL now. */
  verify(tenant: Tenant): Promise<UrlVerification | undefined>;
  verification(tenant: Tenant): UrlVerification | undefined;
}

export function createEventDispatcher(getTwin: () => Twin, wallClock: () => number): EventDispatcher {
  const verifications = new WeakMap<Tenant, UrlVerification>();
  const timestampOf = (tenant: Tenant, config: EventsConfig) => Math.floor((config.eventsClock === "wall" ? wallClock() : tenant.now()) / 1000);

  async function verify(tenant: Tenant): Promise<UrlVerification | undefined> {
    const config = eventsConfig(tenant);
    if (!config.eventsRequestUrl) return undefined;
    const challenge = createHash("sha256").update(`${tenant.seed}:${tenant.id}:${tenant.nextCounter("challenge")}`).digest("base64url").slice(0, 48);
    const body = JSON.stringify({ token: appOf(tenant.state).verification_token, challenge, type: "url_verification" });
    const { delivery: delivered, responseText } = await deliverAndRead(getTwin(), tenant, { url: config.eventsRequestUrl, headers: signedHeaders(config.signingSecret, timestampOf(tenant, config), body), body });
    const verified = delivered.status === 200 && answersChallenge(responseText ?? "", challenge);
    const verification: UrlVerification = { url: config.eventsRequestUrl, verified, ...(delivered.status !== undefined ? { status: delivered.status } : {}), ...(delivered.error ? { error: delivered.error } : verified ? {} : { error: "the response did not echo the challenge" }) };
    verifications.set(tenant, verification);
    return verification;
  }

  async function dispatch(tenant: Tenant, raised: readonly RaisedEvent[]): Promise<void> {
    if (raised.length === 0) return;
    const config = eventsConfig(tenant);
    if (!config.eventsRequestUrl) return;
    let verification = verifications.get(tenant);
    if (!verification || verification.url !== config.eventsRequestUrl) verification = await verify(tenant);
    if (!verification?.verified) return;
    const state = tenant.state;
    const app = appOf(state);
    const team = teamOf(state);
    const scopes = botScopes(tenant, app.bot_user_id);
    for (const item of raised) {
      if (!item.visible || !subscribed(config, item.event) || !scopeAllows(scopes, item.event)) continue;
      const eventTime = Math.floor(tenant.now() / 1000);
      const envelope = {
        token: app.verification_token,
        team_id: team.id,
        context_team_id: team.id,
        context_enterprise_id: null,
        api_app_id: app.id,
        event: item.event,
        type: "event_callback",
        event_id: `Ev${tenant.nextCounter("event").toString(36).toUpperCase().padStart(9, "0")}`,
        event_time: eventTime,
        authorizations: [{ enterprise_id: null, team_id: team.id, user_id: app.bot_user_id, is_bot: true, is_enterprise_install: false }],
        is_ext_shared_channel: false,
        event_context: `4-${Buffer.from(JSON.stringify({ event_type: item.event.type, team_id: team.id, app_id: app.id })).toString("base64")}`,
      };
      const body = JSON.stringify(envelope);
      await deliver(getTwin(), tenant, { url: config.eventsRequestUrl, headers: signedHeaders(config.signingSecret, timestampOf(tenant, config), body), body });
    }
  }

  return { dispatch, verify, verification: (tenant) => verifications.get(tenant) };
}

function answersChallenge(text: string, challenge: string): boolean {
  if (text.trim() === challenge) return true;
  try {
    const parsed = JSON.parse(text) as { challenge?: unknown };
    if (parsed?.challenge === challenge) return true;
  } catch {
    // not JSON: maybe form-encoded
  }
  return new URLSearchParams(text).get("challenge") === challenge;
}

