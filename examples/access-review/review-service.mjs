// The access review service: who is in an Okta group, written to a Google Sheet that is shared
// with whoever asked for the review.
//   POST /reviews  {"group": "Engineering", "requester": "lead@example.com", "spreadsheetTitle"?: "..."}
//                  201 {spreadsheetId, url, members: [login...], inactive: [{login, status}...]}
//                  400 bad request, 404 no such group, 502 Okta or Google failed for good
//   GET  /health   200 once listening
// The sheet "Members" lists the group's ACTIVE users; "Inactive" lists the others (suspended,
// deprovisioned, locked out...), so a reviewer sees them without counting them as access.
import { Buffer } from "node:buffer";
import { createServer } from "node:http";
import { createGoogleClient } from "./google.mjs";
import { createOktaClient } from "./okta.mjs";

export const HEADER = ["Login", "Name", "Status", "Last login"];
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

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

function answerJson(response, status, body) {
  response.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  response.end(JSON.stringify(body));
}

/** The review request, or `{ error }` saying precisely what is wrong with it. */
export function parseReviewRequest(text) {
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    return { error: "expected a JSON body" };
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) return { error: "expected a JSON object" };
  if (typeof body.group !== "string" || body.group.trim() === "") return { error: "group: expected the name of an Okta group" };
  if (typeof body.requester !== "string" || !EMAIL.test(body.requester)) return { error: "requester: expected the email address to share the review with" };
  if (body.spreadsheetTitle !== undefined && (typeof body.spreadsheetTitle !== "string" || body.spreadsheetTitle.trim() === "")) return { error: "spreadsheetTitle: expected a non-empty string" };
  const group = body.group.trim();
  return { group, requester: body.requester, title: body.spreadsheetTitle ?? `Access review: ${group}` };
}

/** One sheet row: login, name, status, last login (or "never"). */
export function memberRow(user) {
  const profile = user.profile ?? {};
  const name = [profile.firstName, profile.lastName].filter(Boolean).join(" ");
  return [profile.login ?? "", name, user.status ?? "", user.lastLogin ?? "never"];
}

const byLogin = (left, right) => (left.profile?.login < right.profile?.login ? -1 : left.profile?.login > right.profile?.login ? 1 : 0);

/**
 * Starts the service on `env.PORT` (127.0.0.1). `firstPageOnly` turns on the bug of
 * app-buggy.mjs. Returns `{ url, close() }`.
 */
export async function startService({ env = process.env, firstPageOnly = false, log = (line) => console.error(line) } = {}) {
  const okta = createOktaClient({ baseUrl: env.OKTA_BASE_URL ?? required(env, "OKTA_ORG_URL"), token: required(env, "OKTA_TOKEN"), log });
  const google = createGoogleClient({
    sheetsUrl: env.GOOGLE_SHEETS_URL ?? required(env, "GOOGLE_BASE_URL"),
    driveUrl: env.GOOGLE_DRIVE_URL ?? required(env, "GOOGLE_BASE_URL"),
    accessToken: required(env, "GOOGLE_ACCESS_TOKEN"),
    log,
  });

  /** `[status, body]` for one review request. */
  async function review({ group: groupName, requester, title }) {
    const found = await okta.findGroup(groupName);
    if (!found.ok) return [502, { error: `okta: looking up group ${groupName} failed: ${found.status} ${found.detail}` }];
    if (!found.group) return [404, { error: `no Okta group named "${groupName}"` }];
    const listed = await okta.groupMembers(found.group.id, { firstPageOnly });
    if (!listed.ok) return [502, { error: `okta: listing the members of ${groupName} failed: ${listed.status} ${listed.detail}` }];
    const users = [...listed.members].sort(byLogin);
    const active = users.filter((user) => user.status === "ACTIVE");
    const inactive = users.filter((user) => user.status !== "ACTIVE");
    log(`okta: ${groupName} has ${active.length} active and ${inactive.length} inactive members`);

    const sheets = [
      { title: "Members", rows: active },
      { title: "Inactive", rows: inactive },
    ];
    const created = await google.createSpreadsheet(title, sheets.map((sheet) => ({ title: sheet.title, rowCount: sheet.rows.length + 1, columnCount: HEADER.length })));
    if (!created.ok) return [502, { error: `google: creating the spreadsheet failed: ${created.status} ${created.detail}` }];
    const { spreadsheetId, spreadsheetUrl } = created.body;
    const written = await google.writeValues(spreadsheetId, sheets.map((sheet) => ({ range: `${sheet.title}!A1`, values: [HEADER, ...sheet.rows.map(memberRow)] })));
    if (!written.ok) return [502, { error: `google: writing the members failed: ${written.status} ${written.detail}`, spreadsheetId }];
    const shared = await google.shareWithUser(spreadsheetId, requester, "reader");
    if (!shared.ok) return [502, { error: `google: sharing with ${requester} failed: ${shared.status} ${shared.detail}`, spreadsheetId }];
    log(`google: review of ${groupName} is ${spreadsheetId}, shared with ${requester}`);
    return [201, { spreadsheetId, url: spreadsheetUrl ?? `https://docs.google.com/spreadsheets/d/${spreadsheetId}/edit`, members: active.map((user) => user.profile?.login), inactive: inactive.map((user) => ({ login: user.profile?.login, status: user.status })) }];
  }

  async function onReview(request, response) {
    const parsed = parseReviewRequest(await readBody(request));
    if (parsed.error) return answerJson(response, 400, { error: parsed.error });
    const [status, body] = await review(parsed);
    answerJson(response, status, body);
  }

  const server = createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0];
    const route = `${request.method} ${path}`;
    let handled;
    if (route === "GET /health") handled = answerJson(response, 200, { ok: true });
    else if (route === "POST /reviews") handled = onReview(request, response);
    else handled = answerJson(response, 404, { error: `no route ${route}` });
    Promise.resolve(handled).catch((error) => {
      log(`error: ${route}: ${error instanceof Error ? error.message : String(error)}`);
      if (!response.headersSent) answerJson(response, 500, { error: "internal error" });
    });
  });
  const port = Number(env.PORT ?? "3000");
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  const url = `http://127.0.0.1:${server.address().port}`;
  log(`access review listening on ${url}${firstPageOnly ? " (first page of members only)" : ""}`);
  return { url, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
