/**
 * The Slack twin: a stateful, in-memory clone of the Slack Web API and Events API that the
 * official `@slack/web-api` client works against unchanged.
 *
 *   const twin = createSlackTwin({ seed: 7 });
 *   const served = await serveTwin(twin);
 *   const { botToken } = slackCredentials(twin.tenant());
 *   const client = new WebClient(botToken, { slackApiUrl: `${served.baseUrl}/api/` });
 *
 * See docs/twins/slack.md.
 */
import { type Twin, type TwinOptions, createTwin } from "../kit/index.js";
import { createSlackDefinition } from "./definition.js";
import { type EventDispatcher, type UrlVerification, createEventDispatcher } from "./events.js";

export interface SlackTwinOptions extends TwinOptions {
  /** The real clock, for signing events when a tenant's config says `eventsClock: "wall"`. */
  wallClock?: () => number;
}

export interface SlackTwin extends Twin {
  /** Sends the url_verification challenge to a tenant's configured `eventsRequestUrl` now. */
  verifyEventsUrl(tenantId?: string): Promise<UrlVerification | undefined>;
}

export function createSlackTwin({ wallClock = Date.now, ...options }: SlackTwinOptions = {}): SlackTwin {
  const holder: { twin?: Twin } = {};
  const events: EventDispatcher = createEventDispatcher(() => holder.twin!, wallClock);
  const kit = createTwin(createSlackDefinition({ events }), options);
  holder.twin = kit;
  return Object.assign(kit, { verifyEventsUrl: (tenantId?: string) => events.verify(kit.tenant(tenantId)) });
}

export { type SlackCredentials, slackCredentials } from "./definition.js";
export { slackSignature, verifySlackSignature } from "./signing.js";
export { SLACK_COVERAGE, type SlackCoverageEntry } from "./coverage.js";
export { SLACK_METHOD_METADATA } from "./method-metadata.js";
export type { SlackMethodMetadata } from "./method-metadata-types.js";
export { SUPPORTED_METHODS, type SupportedMethod } from "./supported-methods.js";
export { TIER_LIMITS, slackRateLimit } from "./rate-limits.js";
export { type EventsConfig, type UrlVerification, eventsConfig } from "./events.js";
export { DEFAULT_SCOPES } from "./workspace.js";
