/**
 * The Slack twin's `TwinDefinition`: the Web API at `{base}/api/{method}` (GET or POST, JSON or
 * form-encoded), the file upload and download URLs, Slack's error and rate-limit shapes, the
 * starting workspace, fixtures and the description `twins up` prints.
 */
import { type Tenant, type TwinContext, type TwinDefinition, jsonResponse, listRecords } from "../kit/index.js";
import { Args } from "./args.js";
import { authenticate, checkMethodScopes, tokenOf } from "./auth.js";
import type { Effects, SlackCall } from "./call.js";
import { type EventDispatcher, eventsConfig } from "./events.js";
import { DOWNLOAD_PATH, UPLOAD_PATH, handleDownload, handleUpload } from "./file-transfer.js";
import { applyFixture } from "./fixture-apply.js";
import { SLACK_METHOD_METADATA } from "./method-metadata.js";
import { postDueMessages } from "./methods/chat-scheduled.js";
import { METHOD_HANDLERS } from "./methods/index.js";
import { type TokenRecord, TOKENS, appOf, teamOf } from "./records.js";
import { type SlackBody, fail, isFailure, rateLimitedResponse, slackResponse } from "./responses.js";
import { slackRateLimit } from "./rate-limits.js";
import type { SupportedMethod } from "./supported-methods.js";
import { initializeWorkspace } from "./workspace.js";

const API_PATH = /^\/api\/([A-Za-z0-9._-]+)\/?$/;

export interface DefinitionDependencies {
  events: EventDispatcher;
}

/** The charset warnings Slack adds to successful answers (`missing_charset` for JSON without one). */
function charsetWarning(request: Request): string | undefined {
  if (request.method !== "POST") return undefined;
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  if (type.includes("application/json") && !type.includes("charset")) return "missing_charset";
  if (type.includes("application/x-www-form-urlencoded") && type.includes("charset")) return "superfluous_charset";
  return undefined;
}

function withWarning(body: SlackBody, warning: string | undefined): SlackBody {
  if (!warning || !body.ok) return body;
  const metadata = (body["response_metadata"] as Record<string, unknown> | undefined) ?? {};
  const warnings = Array.isArray(metadata["warnings"]) ? (metadata["warnings"] as string[]) : [];
  return { ...body, warning: [body["warning"], warning].filter(Boolean).join(","), response_metadata: { ...metadata, warnings: [...warnings, warning] } };
}

function isJsonBody(context: TwinContext): boolean {
  return (context.request.headers.get("content-type") ?? "").toLowerCase().includes("json");
}

async function answer(context: TwinContext, effects: Effects, method: string): Promise<{ body: SlackBody; headers: Record<string, string> }> {
  const handler = METHOD_HANDLERS[method as SupportedMethod];
  const metadata = SLACK_METHOD_METADATA[method];
  if (!handler || !metadata) return { body: fail("unknown_method", { req_method: method }), headers: {} };
  const hasBody = context.rawBody.trim() !== "";
  if (hasBody && (context.body === undefined || (isJsonBody(context) && (typeof context.body !== "object" || context.body === null || Array.isArray(context.body))))) {
    return { body: fail("invalid_json"), headers: {} };
  }
  // Slack reads JSON bodies only for methods that take JSON; the others see their query alone.
  const body = isJsonBody(context) && !metadata.jsonInput ? undefined : context.body;
  const auth = authenticate(context.tenant, tokenOf(context.request, context.url.searchParams, body));
  if (isFailure(auth)) return { body: auth, headers: {} };
  const accepted = metadata.scopes?.[auth.token.type] ?? [];
  const headers = { "x-oauth-scopes": auth.token.scopes.join(","), "x-accepted-oauth-scopes": accepted.join(",") };
  const denied = checkMethodScopes(metadata, auth.token);
  if (denied) return { body: denied, headers };
  const call: SlackCall = { ...effects, method, metadata, args: Args.from(context.url.searchParams, body), auth, request: context.request };
  return { body: withWarning(await handler(call), charsetWarning(context.request)), headers };
}

export function createSlackDefinition({ events }: DefinitionDependencies): TwinDefinition {
  return {
    name: "slack",
    // A newly configured events request URL gets its url_verification challenge right away, as
    // when an app's Event Subscriptions are saved on Slack; the admin answer says whether it passed.
    async configured(tenant) {
      const verification = await events.verify(tenant);
      return verification ? { url_verification: verification } : undefined;
    },
    methodOf(request, path) {
      const api = API_PATH.exec(path);
      if (api) return api[1]!;
      if (UPLOAD_PATH.test(path)) return "files.upload.external";
      if (DOWNLOAD_PATH.test(path)) return "files.download";
      return `${request.method} ${path}`;
    },
    async handle(context) {
      const upload = UPLOAD_PATH.exec(context.path);
      if (upload) return handleUpload(context, upload[1]!);
      const download = DOWNLOAD_PATH.exec(context.path);
      if (download && (context.request.method === "GET" || context.request.method === "HEAD")) return handleDownload(context, download[1]!);
      if (!API_PATH.test(context.path)) return jsonResponse({ ok: false, error: "not_found" }, 404);
      const listening = eventsConfig(context.tenant).eventsRequestUrl !== undefined;
      const effects: Effects = { tenant: context.tenant, baseUrl: context.baseUrl, events: listening ? [] : undefined };
      postDueMessages(effects);
      const { body, headers } = await answer(context, effects, context.method);
      if (effects.events) await events.dispatch(context.tenant, effects.events);
      return slackResponse(body, headers);
    },
    rateLimited: (_context, info) => rateLimitedResponse(info.retryAfterSeconds),
    serverError: () => jsonResponse({ ok: false, error: "service_unavailable" }, 503),
    internalError: () => slackResponse(fail("fatal_error")),
    vendorRateLimit: slackRateLimit,
    initialize: initializeWorkspace,
    seed: applyFixture,
    describe(tenant, baseUrl) {
      const credentials = slackCredentials(tenant);
      return { credentials, sdkOption: `new WebClient(token, { slackApiUrl: "${baseUrl}/api/" })`, baseUrl: `${baseUrl}/api/` };
    },
  };
}

/** What an app under test needs to reach a tenant (a type, so it is also a `Record<string, string>`). */
export type SlackCredentials = {
  botToken: string;
  /** A user token ("" if none), for acting as a person: posting as a user raises events to the app. */
  userToken: string;
  userId: string;
  signingSecret: string;
  teamId: string;
  appId: string;
  botUserId: string;
};

/** The tenant's app credentials: bot token, a user token, signing secret, ids. */
export function slackCredentials(tenant: Tenant): SlackCredentials {
  const app = appOf(tenant.state);
  const tokens = listRecords<TokenRecord>(tenant.state, TOKENS).filter((token) => !token.revoked);
  const bot = tokens.find((token) => token.type === "bot" && token.user_id === app.bot_user_id);
  const user = tokens.find((token) => token.type === "user");
  const secret = typeof tenant.config["signingSecret"] === "string" && tenant.config["signingSecret"] !== "" ? tenant.config["signingSecret"] : app.signing_secret;
  return {
    botToken: bot?.token ?? "",
    userToken: user?.token ?? "",
    signingSecret: secret,
    teamId: teamOf(tenant.state).id,
    appId: app.id,
    botUserId: app.bot_user_id,
    userId: user?.user_id ?? "",
  };
}
