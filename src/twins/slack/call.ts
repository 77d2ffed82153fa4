/**
 * One Web API call as the method handlers see it: the tenant, the arguments, who is calling,
 * and the events the call raises (delivered to the app's request URL once the call is done).
 */
import type { Tenant } from "../kit/index.js";
import type { Args } from "./args.js";
import type { Auth } from "./auth.js";
import type { SlackMethodMetadata } from "./method-metadata-types.js";
import { appOf, channelOf } from "./records.js";
import type { SlackBody } from "./responses.js";

/** An Events API event the twin raised, before subscriptions and the envelope are applied. */
export interface RaisedEvent {
  /** The inner event, as Slack puts it in `event`. */
  event: { type: string } & Record<string, unknown>;
  /** Whether the app's bot could see it when it happened (member of the conversation, or a public lifecycle event). */
  visible: boolean;
}

/** What any state change needs: the tenant, its base URL, and where raised events go. */
export interface Effects {
  tenant: Tenant;
  baseUrl: string;
  /** Raised events; `undefined` when nobody listens (no request URL), so none are built. */
  events: RaisedEvent[] | undefined;
}

export interface SlackCall extends Effects {
  method: string;
  metadata: SlackMethodMetadata;
  args: Args;
  auth: Auth;
  request: Request;
}

export type MethodHandler = (call: SlackCall) => SlackBody | Promise<SlackBody>;

/**
 * Raises an event. With `channelId`, the app's bot gets it only if it is a member of that
 * conversation right now (before a leave or kick takes effect, as Slack tells a bot it left).
 */
export function raise(effects: Effects, event: RaisedEvent["event"], channelId?: string): void {
  if (!effects.events) return;
  const botUser = appOf(effects.tenant.state).bot_user_id;
  const visible = channelId === undefined || (channelOf(effects.tenant.state, channelId)?.members.includes(botUser) ?? false);
  effects.events.push({ event, visible });
}
