// A server for bench/twins.bench.js, in its own process so that autocannon (in the parent) and
// the server never share a CPU core. Started with one argument, what to serve:
//   bare    node:http answering every request with one constant JSON body: the ceiling
//   toy     the kit's toy twin (counter.increment): the kit's own cost, without a vendor's logic
//   slack   the Slack twin, with tenant `post` (one channel) and tenant `history` (100 messages)
//   okta    the Okta twin, tenant `org`: 1,000 users and a service app for client credentials
//   google  the Google twin, tenant `sheets` (a spreadsheet of 100 rows to append to) and tenant
//           `drive` (500 files in 5 folders, to list with a query)
// It tells the parent where it listens (and the tokens and ids to use) over IPC, then serves
// until killed. Admin requests (restore between rounds) go over HTTP like any client's.
import { existsSync } from "node:fs";
import { createServer } from "node:http";

const CONSTANT_BODY = JSON.stringify({
  ok: true,
  channel: "C0123456789",
  ts: "1767225601.000100",
  message: { type: "message", user: "U0123456789", text: "hello from the benchmark", ts: "1767225601.000100", team: "T0123456789" },
});

async function serveBare() {
  const server = createServer((request, response) => {
    // Drain the body like a real server must, then answer.
    request.resume();
    request.on("end", () => {
      response.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(CONSTANT_BODY) });
      response.end(CONSTANT_BODY);
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: server.address().port };
}

async function serveToy() {
  const { serveTwin } = await import("../dist/twins/kit/index.js");
  const { createToyTwin } = await import("../dist/twins/kit/toy-twin.js");
  const served = await serveTwin(createToyTwin());
  return { port: served.port, token: served.twin.definition.describe(served.twin.tenant(), served.baseUrl).credentials.token };
}

/** Calls the twin in-process, as setup; fails loudly if Slack says `ok: false`. */
async function slackCall(twin, tenant, method, token, fields) {
  const response = await twin.fetch(
    new Request(`http://bench.invalid/t/${tenant}/api/${method}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields).toString(),
    }),
  );
  const body = await response.json();
  if (!body.ok) throw new Error(`${method} failed in setup: ${JSON.stringify(body)}`);
  return body;
}

function botToken(twin, tenant) {
  const credentials = twin.definition.describe?.(twin.tenant(tenant), "http://bench.invalid")?.credentials ?? {};
  const values = Object.values(credentials);
  return values.find((value) => String(value).startsWith("xoxb-")) ?? values[0];
}

async function serveSlack() {
  if (!existsSync(new URL("../dist/twins/slack/index.js", import.meta.url))) return { skip: "the Slack twin is not built (dist/twins/slack/index.js is missing)" };
  const { serveTwin } = await import("../dist/twins/kit/index.js");
  const { createSlackTwin } = await import("../dist/twins/slack/index.js");
  const twin = createSlackTwin();
  const setup = {};
  for (const tenant of ["post", "history"]) {
    const token = botToken(twin, tenant);
    const created = await slackCall(twin, tenant, "conversations.create", token, { name: `bench-${tenant}` });
    setup[tenant] = { token, channel: created.channel.id };
  }
  for (let index = 0; index < 100; index++) await slackCall(twin, "history", "chat.postMessage", setup.history.token, { channel: setup.history.channel, text: `message ${index}` });
  // Every postMessage round starts from this state, so rounds measure the same work.
  setup.post.snapshot = twin.tenant("post").snapshot();
  const served = await serveTwin(twin);
  return { port: served.port, ...setup };
}

/** Okta: 1,000 users (every 10th suspended, so the list is not uniform), a service app. */
const OKTA_USERS = 1000;
const OKTA_CLIENT = { clientId: "bench-service", clientSecret: "bench-service-secret", scope: "bench.read" };

async function serveOkta() {
  if (!existsSync(new URL("../dist/twins/okta/index.js", import.meta.url))) return { skip: "the Okta twin is not built (dist/twins/okta/index.js is missing)" };
  const { serveTwin, seedTenant } = await import("../dist/twins/kit/index.js");
  const { createOktaTwin } = await import("../dist/twins/okta/index.js");
  const twin = createOktaTwin({ seed: 1 });
  const users = Array.from({ length: OKTA_USERS }, (_, index) => ({ login: `user${String(index).padStart(4, "0")}@example.com`, firstName: `First${index}`, lastName: `Last${index}`, status: index % 10 === 9 ? "SUSPENDED" : "ACTIVE" }));
  seedTenant(twin, twin.tenant("org"), {
    users,
    // Client credentials on a custom server are for its custom scopes: `default` gets one.
    authServers: [{ id: "default", audiences: ["api://default"], scopes: [OKTA_CLIENT.scope] }],
    apps: [{ label: "Bench service", clientId: OKTA_CLIENT.clientId, clientSecret: OKTA_CLIENT.clientSecret, applicationType: "service", grantTypes: ["client_credentials"] }],
  });
  const served = await serveTwin(twin);
  const { token } = twin.definition.describe(twin.tenant("org"), `${served.baseUrl}/t/org`).credentials;
  return { port: served.port, token, ...OKTA_CLIENT };
}

/** Google: the rows a spreadsheet starts with, and the files Drive lists from. */
const SHEET_ROWS = 100;
const DRIVE_FOLDERS = 5;
const DRIVE_FILES = 500;

async function serveGoogle() {
  if (!existsSync(new URL("../dist/twins/google/index.js", import.meta.url))) return { skip: "the Google twin is not built (dist/twins/google/index.js is missing)" };
  const { serveTwin, seedTenant } = await import("../dist/twins/kit/index.js");
  const { createGoogleTwin } = await import("../dist/twins/google/index.js");
  const twin = createGoogleTwin({ seed: 1 });
  const owner = "user@example.com";
  const rows = [["when", "who", "what"], ...Array.from({ length: SHEET_ROWS - 1 }, (_, index) => [`2026-01-01T00:${String(index % 60).padStart(2, "0")}:00Z`, `user${index % 7}@example.com`, `seeded row ${index}`])];
  seedTenant(twin, twin.tenant("sheets"), { spreadsheets: [{ id: "bench-log", title: "Bench log", owner, sheets: [{ title: "Log", values: rows }] }] });
  const folders = Array.from({ length: DRIVE_FOLDERS }, (_, index) => ({ id: `folder${index}`, name: `Folder ${index}`, owner }));
  // Half of each folder's files are text, half CSV: the query keeps one folder's text files (50).
  const files = Array.from({ length: DRIVE_FILES }, (_, index) => ({ id: `file${index}`, name: `Report ${index}`, mimeType: index % 2 === 0 ? "text/plain" : "text/csv", parents: [`folder${index % DRIVE_FOLDERS}`], owner, content: `report ${index}` }));
  seedTenant(twin, twin.tenant("drive"), { folders, files });
  // Every append round starts from this state, so rounds measure the same work.
  const sheetsSnapshot = twin.tenant("sheets").snapshot();
  const served = await serveTwin(twin);
  const tokenOf = (tenant) => twin.definition.describe(twin.tenant(tenant), `${served.baseUrl}/t/${tenant}`).credentials.accessToken;
  return { port: served.port, sheets: { token: tokenOf("sheets"), spreadsheetId: "bench-log", snapshot: sheetsSnapshot }, drive: { token: tokenOf("drive"), folder: "folder0" } };
}

const servers = { bare: serveBare, toy: serveToy, slack: serveSlack, okta: serveOkta, google: serveGoogle };
const kind = process.argv[2];
try {
  if (!servers[kind]) throw new Error(`usage: node bench/twins-server.js ${Object.keys(servers).join("|")}`);
  process.send({ ready: await servers[kind]() });
} catch (error) {
  process.send({ error: error instanceof Error ? error.message : String(error) });
}
