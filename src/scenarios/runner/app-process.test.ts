import { existsSync, readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { launchApp } from "./app-process.js";
import { freePort } from "./ports.js";
import { OutputTail, liveProcessGroups } from "./process-group.js";

const env = { PATH: process.env["PATH"] ?? "/usr/bin:/bin" };
const node = JSON.stringify(process.execPath);
const script = (code: string) => `${node} -e ${JSON.stringify(code)}`;
const SERVE = "require('node:http').createServer((q, s) => s.end('ok')).listen(Number(process.env.PORT), '127.0.0.1')";

/** Alive and not a zombie waiting for a parent that never reaps it (containers' PID 1). */
function isAlive(pid: number): boolean {
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return false;
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(stat, "utf8"));
  } catch {
    return false;
  }
}

async function eventually(check: () => boolean): Promise<boolean> {
  for (let attempt = 0; attempt < 100 && !check(); attempt += 1) await new Promise((resolve) => setTimeout(resolve, 20));
  return check();
}

describe("the app process", () => {
  test("is ready once PORT accepts connections, gets the environment, and is gone after stop", async () => {
    const port = await freePort();
    const app = await launchApp({ command: `echo started-$GREETING; ${script(SERVE)}`, env: { ...env, PORT: String(port), GREETING: "hi" }, port });
    const readiness = await app.waitReady(new AbortController().signal);
    expect(readiness.ready).toBe(true);
    expect(await (await fetch(`${app.url}/`)).text()).toBe("ok");
    expect(app.status()).toMatchObject({ running: true, stdout: "started-hi\n" });
    await app.stop();
    expect(app.status().running).toBe(false);
    expect(app.trace()).toMatchObject({ exitCode: null, signal: "SIGTERM", stdout: "started-hi\n" });
    expect(isAlive(app.pid)).toBe(false);
    expect(liveProcessGroups()).not.toContain(app.pid);
  });

  test("exiting before ready: 'the app could not start: exited with code N: <stderr>'", async () => {
    const port = await freePort();
    const app = await launchApp({ command: script("console.error('boom: no config'); process.exit(3)"), env, port });
    const readiness = await app.waitReady(new AbortController().signal);
    expect(readiness).toEqual({ ready: false, reason: "the app could not start: exited with code 3: boom: no config" });
    await app.stop();
  });

  test("never listening: the startup timeout, then the reason says so", async () => {
    const port = await freePort();
    const app = await launchApp({ command: script("setInterval(() => {}, 1000)"), env, port, startupTimeoutMs: 200 });
    const readiness = await app.waitReady(new AbortController().signal);
    expect(readiness).toEqual({ ready: false, reason: `the app could not start: nothing accepted connections on port ${port} within 200 ms` });
    await app.stop();
    expect(isAlive(app.pid)).toBe(false);
  });

  test("with a readyPath, ready once GET answers below 500", async () => {
    const port = await freePort();
    const code = "let calls = 0; require('node:http').createServer((q, s) => { calls += 1; s.statusCode = q.url === '/health' && calls > 2 ? 200 : 503; s.end(); }).listen(Number(process.env.PORT), '127.0.0.1')";
    const app = await launchApp({ command: script(code), env: { ...env, PORT: String(port) }, port, readyPath: "/health" });
    expect((await app.waitReady(new AbortController().signal)).ready).toBe(true);
    await app.stop();
  });

  test("stop: the group gets SIGTERM and time to close down, even when the app is the shell's child", async () => {
    const port = await freePort();
    const code = `process.on('SIGTERM', () => setTimeout(() => { console.log('closed cleanly'); process.exit(0); }, 50)); ${SERVE}`;
    // `true;` first, so the shell stays and the app is its child, not the shell itself.
    const app = await launchApp({ command: `true; ${script(code)}`, env: { ...env, PORT: String(port) }, port });
    expect((await app.waitReady(new AbortController().signal)).ready).toBe(true);
    await app.stop();
    expect(await eventually(() => app.status().stdout.includes("closed cleanly"))).toBe(true);
  });

  test("stop: SIGKILL after the grace for an app that ignores SIGTERM, and its children go with it", async () => {
    const port = await freePort();
    const code = `process.on('SIGTERM', () => console.log('ignoring SIGTERM')); const child = require('node:child_process').spawn('sleep', ['30'], { stdio: 'ignore' }); console.log(process.pid, child.pid); ${SERVE}`;
    const app = await launchApp({ command: `true; ${script(code)}`, env: { ...env, PORT: String(port) }, port, stopGraceMs: 200 });
    expect((await app.waitReady(new AbortController().signal)).ready).toBe(true);
    const [appPid, grandchild] = app.status().stdout.trim().split(" ").map(Number) as [number, number];
    expect(isAlive(appPid) && isAlive(grandchild)).toBe(true);
    await app.stop();
    expect(await eventually(() => app.status().stdout.includes("ignoring SIGTERM"))).toBe(true);
    expect(await eventually(() => !isAlive(appPid) && !isAlive(grandchild))).toBe(true);
    expect(isAlive(app.pid)).toBe(false);
  });

  test("waiting for readiness stops at once when the trial is aborted", async () => {
    const port = await freePort();
    const app = await launchApp({ command: script("setInterval(() => {}, 1000)"), env, port });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("deadline")), 50);
    await expect(app.waitReady(controller.signal)).rejects.toThrow("deadline");
    await app.stop();
  });
});

describe("OutputTail", () => {
  test("keeps the last characters and says how many were dropped", () => {
    const tail = new OutputTail(10);
    for (let index = 0; index < 5; index += 1) tail.append("abcdefgh");
    expect(tail.toString()).toBe("[30 earlier characters dropped]\ncdefghabcd".replace("cdefghabcd", "cdefghabcdefgh".slice(-10)));
  });
});
