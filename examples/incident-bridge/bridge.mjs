// The incident bridge: Jira issues of High or Highest priority are announced in a Slack
// channel, and threaded replies to an announcement come back to the issue as Jira comments.
//   POST /jira/webhook   jira:issue_created (signed with X-Hub-Signature when JIRA_WEBHOOK_SECRET is set)
//   POST /slack/events   Slack Events API: url_verification, message events (v0 signatures)
//   GET  /health         200 once listening
// Both receivers answer 200 before doing the work, as Slack and Jira expect of a receiver.
import { Buffer } from "node:buffer";
import { createServer } from "node:http";
import { createJiraClient } from "./jira.mjs";
import { jiraSignatureProblem, slackSignatureProblem } from "./signatures.mjs";
import { createSlackClient } from "./slack.mjs";

const ANNOUNCED_PRIORITIES = new Set(["High", "Highest"]);

function required(env, name) {
  const value = env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

function readBody(request) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    request.on("data", (chunk) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function answer(response, status, body = "", contentType = "text/plain; charset=utf-8") {
  response.writeHead(status, { "content-type": contentType });
  response.end(body);
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Starts the bridge on `env.PORT` (127.0.0.1). `rateLimitedIsFinal` turns on the bug of
 * app-buggy.mjs. Returns `{ url, close() }`.
 */
export async function startBridge({ env = process.env, rateLimitedIsFinal = false, log = (line) => console.error(line), now = () => Date.now() } = {}) {
  const slack = createSlackClient({ apiUrl: env.SLACK_API_URL ?? "https://slack.com/api/", token: required(env, "SLACK_BOT_TOKEN"), log, rateLimitedIsFinal });
  const jira = createJiraClient({ baseUrl: required(env, "JIRA_BASE_URL"), email: required(env, "JIRA_EMAIL"), apiToken: required(env, "JIRA_API_TOKEN"), log });
  const signingSecret = required(env, "SLACK_SIGNING_SECRET");
  const webhookSecret = env.JIRA_WEBHOOK_SECRET || undefined;
  const channelName = (env.INCIDENT_CHANNEL ?? "incidents").replace(/^#/, "");

  /** Announcement ts -> issue key: which thread belongs to which issue. */
  const announcements = new Map();
  /**
   * Announcements being posted. Slack may deliver a reply to a message before the API call that
   * posted it has answered (it sends events first), so a reply to a thread we do not know yet
   * waits for these before it is given up.
   */
  const postingAnnouncements = new Set();
  /** Event ids already handled: Slack redelivers when an ack is slow. */
  const seenEvents = new Set();
  let channelLookup;

  /** The incident channel's id, looked up once (concurrent callers share the lookup). */
  function incidentChannelId() {
    channelLookup ??= slack.findInPages("conversations.list", { types: "public_channel,private_channel", exclude_archived: "true", limit: "100" }, "channels", (channel) => channel.name === channelName).then((found) => {
      if (!found.ok || !found.item) {
        channelLookup = undefined;
        return { error: found.ok ? `no channel named #${channelName}` : found.error };
      }
      return { id: found.item.id };
    });
    return channelLookup;
  }

  async function announce(issue) {
    const key = issue.key;
    const summary = issue.fields?.summary ?? "";
    const priority = issue.fields?.priority?.name ?? "";
    if (!ANNOUNCED_PRIORITIES.has(priority)) {
      log(`jira: ${key} has priority ${priority || "none"}, not announced`);
      return;
    }
    const channel = await incidentChannelId();
    if (channel.error) {
      log(`slack: cannot announce ${key}: ${channel.error}`);
      return;
    }
    const text = `:rotating_light: ${key} ${summary} (${priority})`;
    const link = `:rotating_light: <${jira.browseUrl(key)}|${key}> ${summary} (${priority})`;
    // The ts is recorded inside the tracked promise, so a reply waiting on it finds the thread.
    const posting = slack.call("chat.postMessage", { channel: channel.id, text, blocks: [{ type: "section", text: { type: "mrkdwn", text: link } }], unfurl_links: "false" }).then((posted) => {
      if (posted.ok) announcements.set(posted.ts, key);
      return posted;
    });
    postingAnnouncements.add(posting);
    const posted = await posting;
    postingAnnouncements.delete(posting);
    log(posted.ok ? `slack: announced ${key} in #${channelName} as ${posted.ts}` : `slack: announcement of ${key} dropped: ${posted.error}`);
  }

  async function displayName(userId) {
    const info = await slack.call("users.info", { user: userId });
    if (!info.ok) return userId;
    return info.user.profile?.display_name || info.user.real_name || info.user.name || userId;
  }

  async function relayReply(event) {
    if (!announcements.has(event.thread_ts) && postingAnnouncements.size > 0) await Promise.allSettled([...postingAnnouncements]);
    const key = announcements.get(event.thread_ts);
    if (!key) return;
    const name = await displayName(event.user);
    const added = await jira.addComment(key, `${name} on Slack: ${event.text ?? ""}`);
    log(added.ok ? `jira: comment from ${name} added to ${key}` : `jira: comment on ${key} failed: ${added.status} ${added.detail}`);
  }

  function isHumanThreadReply(event) {
    return event?.type === "message" && event.subtype === undefined && event.bot_id === undefined && typeof event.thread_ts === "string" && event.thread_ts !== event.ts && typeof event.user === "string";
  }

  /** Runs work after the answer went out; its failures are logged, never thrown. */
  function later(work) {
    work().catch((error) => log(`error: ${error instanceof Error ? error.message : String(error)}`));
  }

  async function onJiraWebhook(request, response) {
    const body = await readBody(request);
    if (webhookSecret) {
      const problem = jiraSignatureProblem({ secret: webhookSecret, signature: request.headers["x-hub-signature"], body });
      if (problem) {
        log(`jira: webhook rejected: ${problem}`);
        return answer(response, 401, "invalid signature");
      }
    }
    const payload = parseJson(body);
    if (!payload || typeof payload !== "object") return answer(response, 400, "expected a JSON body");
    answer(response, 200);
    if (payload.webhookEvent === "jira:issue_created" && payload.issue?.key) later(() => announce(payload.issue));
  }

  async function onSlackEvent(request, response) {
    const body = await readBody(request);
    const problem = slackSignatureProblem({ signingSecret, timestamp: request.headers["x-slack-request-timestamp"], signature: request.headers["x-slack-signature"], body, nowMs: now() });
    if (problem) {
      log(`slack: event rejected: ${problem}`);
      return answer(response, 401, "invalid signature");
    }
    const payload = parseJson(body);
    if (!payload || typeof payload !== "object") return answer(response, 400, "expected a JSON body");
    if (payload.type === "url_verification") return answer(response, 200, JSON.stringify({ challenge: payload.challenge }), "application/json");
    answer(response, 200);
    if (payload.type !== "event_callback" || !isHumanThreadReply(payload.event)) return;
    if (payload.event_id) {
      if (seenEvents.has(payload.event_id)) return;
      seenEvents.add(payload.event_id);
    }
    later(() => relayReply(payload.event));
  }

  const server = createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0];
    const route = `${request.method} ${path}`;
    let handled;
    if (route === "GET /health") handled = answer(response, 200, "ok");
    else if (route === "POST /jira/webhook") handled = onJiraWebhook(request, response);
    else if (route === "POST /slack/events") handled = onSlackEvent(request, response);
    else handled = answer(response, 404, "not found");
    Promise.resolve(handled).catch((error) => {
      log(`error: ${route}: ${error instanceof Error ? error.message : String(error)}`);
      if (!response.headersSent) answer(response, 500, "internal error");
    });
  });
  const port = Number(env.PORT ?? "3000");
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  const url = `http://127.0.0.1:${server.address().port}`;
  log(`incident bridge listening on ${url} (channel #${channelName}${rateLimitedIsFinal ? ", rate limits final" : ""})`);
  return { url, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
