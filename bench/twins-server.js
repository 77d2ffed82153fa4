// A server for bench/twins.bench.js, in its own process so that autocannon (in the parent) and
// the server never share a CPU core. Started with one argument, what to serve:
//   bare    node:http answering every request with one constant JSON body: the ceiling
//   toy     the kit's toy twin (counter.increment): the kit's own cost, without a vendor's logic
//   slack   the Slack twin, with tenant `post` (one channel) and tenant `history` (100 messages)
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

const servers = { bare: serveBare, toy: serveToy, slack: serveSlack };
const kind = process.argv[2];
try {
  if (!servers[kind]) throw new Error(`usage: node bench/twins-server.js ${Object.keys(servers).join("|")}`);
  process.send({ ready: await servers[kind]() });
} catch (error) {
  process.send({ error: error instanceof Error ? error.message : String(error) });
}
