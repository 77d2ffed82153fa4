import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { createToyTwin } from "../twins/kit/toy-twin.js";
import { ExitCode } from "./exit-codes.js";
import { runCli } from "./main.js";
import { createMemoryIo, type MemoryIo } from "./memory-io.js";
import { reportError } from "./report-error.js";
import type { TwinCatalog } from "./twin-catalog.js";
import { type TwinListing, type TwinsUpOptions, twinsUpCommand } from "./twins-up.js";

const CATALOG: TwinCatalog = {
  factories: { notes: createToyTwin, counter: createToyTwin },
  summaries: { notes: "toy notes", counter: "toy counter" },
};

function workspace(files: Record<string, string> = {}): string {
  const directory = mkdtempSync(join(tmpdir(), "lightsout-twins-up-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(directory, name), text);
  return directory;
}

/** Runs `twins up` in-process as runCli would (errors become one line and an exit code). */
function start(names: string[], options: TwinsUpOptions, io: MemoryIo, signal?: AbortSignal): Promise<number> {
  return twinsUpCommand(names, options, io, { catalog: CATALOG, ...(signal ? { signal } : {}) }).catch((error: unknown) => reportError(error, io));
}

async function lines(io: MemoryIo, count: number, finished?: Promise<number>): Promise<string[]> {
  let done = false;
  void finished?.then(() => (done = true));
  for (;;) {
    const text = io.stdoutText();
    const complete = text.split("\n").slice(0, -1);
    if (complete.length >= count) return complete;
    if (done) throw new Error(`twins up ended early: ${io.stderrText()}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("lightsout twins up", () => {
  test("--json prints one listing per twin as it listens; the URLs answer; SIGINT stops it with 0", async () => {
    const io = createMemoryIo({ cwd: workspace() });
    const finished = start([], { json: true }, io);
    const listings = (await lines(io, 2, finished)).map((line) => JSON.parse(line) as TwinListing);
    expect(listings.map((listing) => listing.name)).toEqual(["notes", "counter"]);
    for (const listing of listings) {
      expect(listing.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/$/);
      expect(listing.credentials["token"]).toMatch(/^toy-[0-9a-f]{16}$/);
      expect(listing.sdkOption).toBe(`new ToyClient({ baseUrl: "${listing.baseUrl}" })`);
      expect(listing.adminUrl).toBe(listing.baseUrl.replace(/\/api\/$/, "/_twin/tenants/default"));
      const response = await fetch(`${listing.baseUrl}counter.increment`, { method: "POST", headers: { authorization: `Bearer ${listing.credentials["token"]}` } });
      expect(await response.json()).toEqual({ ok: true, value: 1 });
      expect(((await (await fetch(`${listing.adminUrl}/log`)).json()) as { entries: unknown[] }).entries).toHaveLength(1);
    }
    expect(new Set(listings.map((listing) => listing.baseUrl)).size).toBe(2);
    io.interrupt("SIGINT");
    expect(await finished).toBe(ExitCode.success);
    expect(io.stderrText()).toBe("");
    await expect(fetch(listings[0]!.baseUrl)).rejects.toThrow(); // closed
  });

  test("human output: name, base URL, credentials and SDK option on one line; an abort stops it", async () => {
    const io = createMemoryIo({ cwd: workspace() });
    const controller = new AbortController();
    const finished = start(["counter"], {}, io, controller.signal);
    const [line] = await lines(io, 1, finished);
    expect(line).toMatch(/^counter {2}http:\/\/127\.0\.0\.1:(\d+)\/api\/ {2}token toy-[0-9a-f]{16} {2}new ToyClient\(\{ baseUrl: "http:\/\/127\.0\.0\.1:\1\/api\/" \}\)$/);
    await io.waitForStderr(/1 twin up/);
    controller.abort();
    expect(await finished).toBe(ExitCode.success);
    expect(io.stderrText()).toBe("lightsout: 1 twin up; admin API under <base>/_twin/; Ctrl-C stops\nlightsout: stopping; twins stopped\n");
  });

  test("--port: the first twin on it, the next on the following free port", async () => {
    const port = await freePort();
    const io = createMemoryIo({ cwd: workspace() });
    const finished = start(["notes", "counter"], { json: true, port: String(port) }, io);
    const listings = (await lines(io, 2, finished)).map((line) => JSON.parse(line) as TwinListing);
    const ports = listings.map((listing) => Number(new URL(listing.baseUrl).port));
    expect(ports[0]).toBe(port);
    expect(ports[1]).toBeGreaterThan(port);
    io.interrupt("SIGTERM");
    expect(await finished).toBe(0);
  });

  test("--seed and --faults, YAML and JSON, keyed by twin name, apply to the default tenant", async () => {
    const cwd = workspace({
      "seed.yaml": "notes:\n  notes:\n    - text: seeded\n  counter: 41\n",
      "faults.json": JSON.stringify({ counter: { rules: [{ methods: ["notes.list"], errorRate: 1 }] } }),
    });
    const io = createMemoryIo({ cwd });
    const finished = start([], { json: true, seed: "seed.yaml", faults: "faults.json" }, io);
    const [notes, counter] = (await lines(io, 2, finished)).map((line) => JSON.parse(line) as TwinListing);
    const call = (listing: TwinListing, method: string) => fetch(`${listing.baseUrl}${method}`, { method: "POST", headers: { authorization: `Bearer ${listing.credentials["token"]}` } });
    expect(await (await call(notes!, "counter.increment")).json()).toEqual({ ok: true, value: 42 });
    expect(((await (await call(notes!, "notes.list")).json()) as { total: number }).total).toBe(2);
    expect((await call(counter!, "notes.list")).status).toBe(503);
    expect((await call(notes!, "notes.list")).status).toBe(200);
    io.interrupt();
    expect(await finished).toBe(0);
  });

  describe("bad input is one line and exit 2, before anything listens", () => {
    const cases: [string, string[], TwinsUpOptions, Record<string, string>, string][] = [
      ["unknown twin", ["notes", "slak"], {}, {}, 'lightsout: unknown twin "slak" (known: notes, counter)'],
      ["bad port", [], { port: "http" }, {}, 'lightsout: --port: expected a port number from 1 to 65535, got "http"'],
      ["port out of range", [], { port: "70000" }, {}, 'lightsout: --port: expected a port number from 1 to 65535, got "70000"'],
      ["missing seed file", [], { seed: "nope.yaml" }, {}, "lightsout: nope.yaml: cannot read fixture file: no such file"],
      ["YAML syntax", [], { seed: "seed.yaml" }, { "seed.yaml": "notes:\n  notes: [\n  counter: 1\n" }, "lightsout: seed.yaml:3:3: invalid YAML: "],
      ["JSON syntax", [], { faults: "faults.json" }, { "faults.json": '{"notes": {"rules": [}}' }, 'lightsout: faults.json:1:22: invalid JSON: expected a value, found "}"'],
      ["not keyed", [], { seed: "seed.yaml" }, { "seed.yaml": "- 1\n" }, "lightsout: seed.yaml:1:1: expected an object keyed by twin name (notes, counter)"],
      ["unknown key", [], { seed: "seed.yaml" }, { "seed.yaml": "notes: {}\nnotse: {}\n" }, "lightsout: seed.yaml:2:8: notse: unknown twin (expected notes, counter)"],
      ["bad fixture field", [], { seed: "seed.yaml" }, { "seed.yaml": "notes:\n  notes:\n    - text: 3\n" }, "lightsout: seed.yaml:3:13: notes.notes[0].text: expected a string, got a number (3)"],
      ["bad fixture type", [], { seed: "seed.json" }, { "seed.json": '{"counter": []}' }, "lightsout: seed.json:1:13: counter: expected an object, got an array"],
      ["bad fault rule", [], { faults: "faults.yaml" }, { "faults.yaml": "notes:\n  rules:\n    - errorRate: 2\n" }, "lightsout: faults.yaml:3:18: notes.rules[0].errorRate: expected a number between 0 and 1"],
      ["fault profile missing rules", [], { faults: "faults.yaml" }, { "faults.yaml": "counter: {}\n" }, "lightsout: faults.yaml:1:10: counter.rules: required (an array of fault rules)"],
    ];
    test.each(cases)("%s", async (_name, names, options, files, message) => {
      const io = createMemoryIo({ cwd: workspace(files) });
      expect(await start(names, { json: true, ...options }, io)).toBe(ExitCode.usage);
      expect(io.stdoutText()).toBe("");
      const stderr = io.stderrText();
      expect(stderr.split("\n")).toHaveLength(2); // one line and the final newline
      expect(stderr.startsWith(message)).toBe(true);
    });
  });

  test("a --port that is taken is exit 2", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const io = createMemoryIo({ cwd: workspace() });
      expect(await start(["notes"], { port: String(port) }, io)).toBe(ExitCode.usage);
      expect(io.stderrText()).toBe(`lightsout: cannot serve the toy twin on 127.0.0.1:${port}: address in use\n`);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  test("through runCli: the real twins come up and answer their SDK's first call", async () => {
    const io = createMemoryIo({ cwd: workspace() });
    const finished = runCli(["twins", "up", "--json"], io);
    const listings = (await lines(io, 7, finished)).map((line) => JSON.parse(line) as TwinListing);
    expect(listings.map((listing) => listing.name)).toEqual(["slack", "jira", "okta", "google", "openai", "anthropic", "gemini"]);
    for (const listing of listings) {
      expect(listing.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
      expect(Object.keys(listing.credentials).length).toBeGreaterThan(0);
      expect(listing.sdkOption).not.toBe("");
    }
    const slack = listings[0]!;
    const token = Object.values(slack.credentials).find((value) => value.startsWith("xox"));
    const auth = await fetch(`${slack.baseUrl.endsWith("/") ? slack.baseUrl : `${slack.baseUrl}/`}auth.test`, { method: "POST", headers: { authorization: `Bearer ${token}` } });
    expect(await auth.json()).toMatchObject({ ok: true });
    io.interrupt();
    expect(await finished).toBe(0);
  });
});
