// Twins: how close a twin gets to the ceiling of this machine, and how far it is ahead of a
// stateless mock of the same API. Side by side, in interleaved rounds (A, B, C, A, B, C, ...):
//   bare node:http          a constant JSON body, no parsing, no state: the ceiling
//   Slack chat.postMessage  the Slack twin over serveTwin: auth, arguments, ids, state, log
//   Slack conversations.history   a channel of 100 messages, 20 per page
//   prism, the same two     @stoplight/prism-cli mocking vendor/apis/slack/slack_web_openapi_v2.json
//   Okta GET /api/v1/users?limit=200      the first page of an org of 1,000 users (SSWS token)
//   Okta POST /oauth2/default/v1/token    client_credentials: a signed RS256 access token each
//   Google Sheets values.append           one row onto a 100-row sheet (restored every round)
//   Google Drive files.list with q        one folder's text files among 500 (50 match)
// and, in-process, snapshot + restore of a tenant holding 10,000 records against a
// structuredClone of the same records (what a copy-based snapshot would cost).
// Each server runs in its own process (bench/twins-server.js, prism's CLI), autocannon in this
// one, so client and server never share a core. Usage: node bench/twins.bench.js (after
// npm run build); bench/run.js runs it with the others. TWINS_BENCH_SECONDS=1 for a quick look.
import { fork, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { pathToFileURL } from "node:url";
import autocannon from "autocannon";
import { interleave, summarize, time } from "./measure.js";

const SECONDS = Number(process.env.TWINS_BENCH_SECONDS ?? 3);
const ROUNDS = 3;
const CONNECTIONS = 10;
const PRISM_START_TIMEOUT_MS = 40_000;
const RECORDS = 10_000;
const PRISM_CLI = new URL("../node_modules/@stoplight/prism-cli/dist/index.js", import.meta.url);
const SLACK_DESCRIPTION = new URL("../vendor/apis/slack/slack_web_openapi_v2.json", import.meta.url);

/** Forks bench/twins-server.js and waits for where it listens. */
function startServer(kind) {
  const child = fork(new URL("./twins-server.js", import.meta.url), [kind], { stdio: ["ignore", "ignore", "inherit", "ipc"] });
  return new Promise((resolve, reject) => {
    child.once("message", (message) => {
      if (message.error) {
        child.kill();
        reject(new Error(`${kind} server: ${message.error}`));
      } else {
        resolve({ child, ...message.ready });
      }
    });
    child.once("exit", (code) => reject(new Error(`${kind} server exited with ${code} before listening`)));
  });
}

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts prism's mock server; resolves `{skip}` with the reason when it cannot run here. */
async function startPrism() {
  if (!existsSync(PRISM_CLI)) return { skip: "@stoplight/prism-cli is not installed" };
  const port = await freePort();
  let output = "";
  const child = spawn(process.execPath, [PRISM_CLI.pathname, "mock", "-p", String(port), "-h", "127.0.0.1", "-v", "silent", SLACK_DESCRIPTION.pathname], { stdio: ["ignore", "pipe", "pipe"] });
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  let exited = false;
  child.once("exit", () => (exited = true));
  const deadline = Date.now() + PRISM_START_TIMEOUT_MS;
  while (Date.now() < deadline && !exited) {
    try {
      await fetch(`http://127.0.0.1:${port}/api.test`, { signal: AbortSignal.timeout(1_000) });
      return { child, port };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  child.kill();
  const reason = exited ? `it exited: ${output.trim().split("\n").slice(-3).join(" / ") || "no output"}` : `it did not answer within ${PRISM_START_TIMEOUT_MS / 1000} s`;
  return { skip: `prism could not run here (${reason})` };
}

/** Requests per second for `target` over `seconds`, with 10 connections. */
async function requestsPerSecond(target, seconds = SECONDS) {
  const result = await autocannon({ url: target.url, method: target.method, headers: target.headers, body: target.body, connections: CONNECTIONS, duration: seconds });
  target.non2xx = (target.non2xx ?? 0) + result.non2xx;
  target.errors = (target.errors ?? 0) + result.errors + result.timeouts;
  return result.requests.average;
}

/** One request before measuring: the target must answer 200 (and, for Slack, `ok: true`). */
async function check(target) {
  const response = await fetch(target.url, { method: target.method, headers: target.headers, body: target.body });
  const text = await response.text();
  if (response.status !== 200 || (target.expectOk && !text.includes('"ok":true')) || (target.expect && !target.expect(text))) throw new Error(`${target.name}: ${response.status} ${text.slice(0, 200)}`);
  await target.after?.();
}

const form = { "content-type": "application/x-www-form-urlencoded" };

function slackTargets(slack) {
  const base = `http://127.0.0.1:${slack.port}`;
  return [
    {
      name: "Slack twin, chat.postMessage",
      url: `${base}/t/post/api/chat.postMessage`,
      method: "POST",
      headers: { ...form, authorization: `Bearer ${slack.post.token}` },
      body: `channel=${slack.post.channel}&text=hello+from+the+benchmark`,
      expectOk: true,
      // Each round starts from the same state: restore is O(1), so it costs nothing to do.
      before: () => fetch(`${base}/_twin/tenants/post/restore`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ snapshot: slack.post.snapshot }) }).then((response) => response.text()),
    },
    {
      name: "Slack twin, conversations.history",
      url: `${base}/t/history/api/conversations.history`,
      method: "POST",
      headers: { ...form, authorization: `Bearer ${slack.history.token}` },
      body: `channel=${slack.history.channel}&limit=20`,
      expectOk: true,
    },
  ];
}

const json = { "content-type": "application/json" };

/** Restores a twin tenant to a snapshot over the admin API (O(1)), so rounds do the same work. */
function restore(base, tenant, snapshot) {
  return () => fetch(`${base}/_twin/tenants/${tenant}/restore`, { method: "POST", headers: json, body: JSON.stringify({ snapshot }) }).then((response) => response.text());
}

function oktaTargets(okta) {
  const base = `http://127.0.0.1:${okta.port}/t/org`;
  const basic = Buffer.from(`${okta.clientId}:${okta.clientSecret}`).toString("base64");
  return [
    { name: "Okta twin, GET /api/v1/users?limit=200", url: `${base}/api/v1/users?limit=200`, method: "GET", headers: { authorization: `SSWS ${okta.token}`, accept: "application/json" }, expect: (text) => text.startsWith("[{") },
    {
      name: "Okta twin, POST /oauth2/default/v1/token",
      url: `${base}/oauth2/default/v1/token`,
      method: "POST",
      headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: `grant_type=client_credentials&scope=${okta.scope}`,
      expect: (text) => text.includes('"access_token"'),
    },
  ];
}

function googleTargets(google) {
  const base = `http://127.0.0.1:${google.port}`;
  const query = new URLSearchParams({ q: `'${google.drive.folder}' in parents and mimeType = 'text/plain' and trashed = false`, pageSize: "100", fields: "files(id,name),nextPageToken" });
  return [
    {
      name: "Google twin, Sheets values.append",
      url: `${base}/t/sheets/v4/spreadsheets/${google.sheets.spreadsheetId}/values/Log!A:C:append?valueInputOption=RAW`,
      method: "POST",
      headers: { ...json, authorization: `Bearer ${google.sheets.token}` },
      body: JSON.stringify({ values: [["2026-01-01T12:00:00Z", "bench@example.com", "appended by the benchmark"]] }),
      expect: (text) => text.includes('"updatedRows":1'),
      before: restore(base, "sheets", google.sheets.snapshot),
      after: restore(base, "sheets", google.sheets.snapshot),
    },
    { name: "Google twin, Drive files.list with q", url: `${base}/t/drive/drive/v3/files?${query}`, method: "GET", headers: { authorization: `Bearer ${google.drive.token}` }, expect: (text) => (text.match(/"id"/g) ?? []).length === 50 },
  ];
}

function prismTargets(prism) {
  const base = `http://127.0.0.1:${prism.port}`;
  // Prism serves Swagger 2 paths without the basePath, and checks the OAuth2 bearer and the
  // `token` header the description declares.
  const headers = { authorization: "Bearer xoxb-bench", token: "xoxb-bench" };
  return [
    { name: "prism, chat.postMessage", url: `${base}/chat.postMessage`, method: "POST", headers: { ...form, ...headers }, body: "channel=C0123456789&text=hello+from+the+benchmark" },
    { name: "prism, conversations.history", url: `${base}/conversations.history?channel=C0123456789&limit=20`, method: "GET", headers },
  ];
}

async function throughputReport() {
  const notes = [];
  const children = [];
  const prismStarting = startPrism(); // prism takes seconds to boot: overlapped with the rest of the setup
  try {
    const bare = await startServer("bare");
    children.push(bare.child);
    const targets = [{ name: "bare node:http, constant JSON", url: `http://127.0.0.1:${bare.port}/api/chat.postMessage`, method: "POST", headers: form, body: "channel=C0123456789&text=hello" }];
    const slack = await startServer("slack");
    children.push(slack.child);
    if (slack.skip) {
      notes.push(`Slack twin skipped: ${slack.skip}; measuring the kit alone with the toy twin instead`);
      const toy = await startServer("toy");
      children.push(toy.child);
      targets.push({ name: "toy twin (kit alone), counter.increment", url: `http://127.0.0.1:${toy.port}/api/counter.increment`, method: "POST", headers: { authorization: `Bearer ${toy.token}` }, body: "" });
    } else {
      targets.push(...slackTargets(slack));
    }
    for (const [kind, targetsOf] of [
      ["okta", oktaTargets],
      ["google", googleTargets],
    ]) {
      const server = await startServer(kind);
      children.push(server.child);
      if (server.skip) notes.push(`${kind} twin skipped: ${server.skip}`);
      else targets.push(...targetsOf(server));
    }
    const prism = await prismStarting;
    if (prism.skip) notes.push(`prism skipped: ${prism.skip}`);
    else {
      children.push(prism.child);
      targets.push(...prismTargets(prism));
    }
    for (const target of targets) await check(target);

    const samples = new Map(targets.map((target) => [target, []]));
    for (const target of targets) await requestsPerSecond(target, 1); // warm-up: JIT, connections
    for (const target of targets) target.non2xx = target.errors = 0;
    for (let round = 0; round < ROUNDS; round++) {
      for (const target of targets) {
        await target.before?.();
        samples.get(target).push(await requestsPerSecond(target));
      }
    }
    const rows = targets.map((target) => ({ name: target.name, value: summarize(samples.get(target)), unit: "req/s" }));
    const medianOf = (name) => rows.find((row) => row.name === name)?.value.median;
    const bareRps = medianOf(targets[0].name);
    for (const [twinName, prismName] of [
      ["Slack twin, chat.postMessage", "prism, chat.postMessage"],
      ["Slack twin, conversations.history", "prism, conversations.history"],
      ["toy twin (kit alone), counter.increment", undefined],
      ["Okta twin, GET /api/v1/users?limit=200", undefined],
      ["Okta twin, POST /oauth2/default/v1/token", undefined],
      ["Google twin, Sheets values.append", undefined],
      ["Google twin, Drive files.list with q", undefined],
    ]) {
      const twinRps = medianOf(twinName);
      if (twinRps === undefined) continue;
      rows.push({ name: `ratio ${twinName.replace(/^.*, /, "")} twin / bare`, value: { median: twinRps / bareRps }, unit: "x" });
      const prismRps = prismName && medianOf(prismName);
      if (prismRps) rows.push({ name: `ratio ${twinName.replace(/^.*, /, "")} twin / prism`, value: { median: twinRps / prismRps }, unit: "x" });
    }
    const appendRps = medianOf("Google twin, Sheets values.append");
    if (appendRps) notes.push(`Sheets values.append: each round starts from ${100} rows and appends about ${Math.round(appendRps * SECONDS).toLocaleString("en")} (an append costs the rows it writes plus one lookup per table row)`);
    for (const target of targets) if (target.non2xx || target.errors) notes.push(`${target.name}: ${target.non2xx} non-2xx answers, ${target.errors} errors`);
    return { title: `twins: requests/second on loopback (autocannon, ${CONNECTIONS} connections, ${SECONDS} s each), median of ${ROUNDS} interleaved rounds`, rows, notes };
  } finally {
    for (const child of children) child.kill();
    const prism = await prismStarting;
    prism.child?.kill();
  }
}

/** A Slack-message-sized record. */
function record(index) {
  return { type: "message", ts: `${1767225600 + index}.000100`, user: `U${String(index % 50).padStart(10, "0")}`, text: `message number ${index} in the benchmark channel`, reactions: [], thread_ts: null, edited: null };
}

async function snapshotReport() {
  const { Tenant, putRecord, stateToJson } = await import("../dist/twins/kit/index.js");
  const tenant = new Tenant({ id: "bench", seed: 1, startTime: 0, tickMs: 1000 });
  tenant.update((state) => {
    let next = state;
    for (let index = 0; index < RECORDS; index++) next = putRecord(next, "messages", `M${index}`, record(index));
    return next;
  });
  const plain = stateToJson(tenant.state);
  const base = tenant.state;
  const perOperation = async (count, work) => ((await time(() => { for (let index = 0; index < count; index++) work(index); })) * 1000) / count;
  let sink;
  const samples = await interleave(
    {
      snapshotRestore: () => perOperation(10_000, () => tenant.restore(tenant.snapshot())),
      put: () => perOperation(10_000, (index) => (sink = putRecord(base, "messages", `M${index}`, record(index)))),
      clone: () => perOperation(10, () => (sink = structuredClone(plain))),
    },
    { rounds: 5 },
  );
  if (sink === undefined) throw new Error("nothing measured");
  const snapshotRestore = summarize(samples.snapshotRestore);
  const clone = summarize(samples.clone);
  return {
    title: `twins: a tenant holding ${RECORDS.toLocaleString("en")} records, per operation, median of 5`,
    rows: [
      { name: "snapshot + restore (structural sharing)", value: snapshotRestore, unit: "µs" },
      { name: "one write afterwards (putRecord)", value: summarize(samples.put), unit: "µs" },
      { name: "baseline: structuredClone of the records", value: clone, unit: "µs" },
      { name: "ratio clone / (snapshot + restore)", value: { median: clone.median / snapshotRestore.median }, unit: "x" },
    ],
  };
}

export async function runTwinsBenchmark() {
  if (!existsSync(new URL("../dist/twins/kit/index.js", import.meta.url))) throw new Error("dist/twins/kit is missing: run npm run build first");
  return [await throughputReport(), await snapshotReport()];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { printReport } = await import("./report.js");
  printReport(await runTwinsBenchmark());
}
