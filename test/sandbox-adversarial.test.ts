/**
 * The adversarial suite: the test plays an agent that wants to read a planted holdout and tries
 * every route it can think of through the sandbox environment. Each route must fail, and no output
 * may contain the canary. Planted on the host: a holdout file outside the workspace (next to it,
 * so `..` has something to find), one in a fake home directory and one in /dev/shm, the canary in
 * this process's environment, a host process with the canary in its argv and environ, and an HTTP
 * server on a host loopback port that is not in the allow-list. A twin port that is allowed proves
 * the forwarding works, so "no route" means the policy, not a broken network.
 * No test is skipped: the suite requires bubblewrap and fails with the probe's reason without it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExecResult } from "../src/agent/execution/environment.js";
import { createSandboxEnvironment, probeSandbox, type SandboxExecutionEnvironment } from "../src/agent/execution/sandbox/index.js";

const canary = `lightsout-canary-${randomBytes(8).toString("hex")}`;
let base: string;
let workspace: string;
let holdout: string;
let homeHoldout: string;
let shmHoldout: string;
let hostProcess: ChildProcess;
let canaryServer: Server;
let twinServer: Server;
let canaryPort: number;
let twinPort: number;
let sandbox: SandboxExecutionEnvironment;

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as { port: number }).port)));
}

beforeAll(async () => {
  const probe = await probeSandbox();
  if (!probe.available) throw new Error(`The sandbox suite needs bubblewrap: ${probe.reason}`);
  base = await mkdtemp(join(tmpdir(), "lightsout-adversarial-"));
  workspace = join(base, "workspace");
  holdout = join(base, "holdout", "secret.yaml");
  homeHoldout = join(base, "home", "user", "holdouts", "secret.yaml");
  shmHoldout = `/dev/shm/lightsout-adversarial-${randomBytes(4).toString("hex")}.yaml`;
  for (const file of [holdout, homeHoldout]) {
    await mkdir(join(file, ".."), { recursive: true });
    await writeFile(file, `id: holdout\ncanary: ${canary}\n`);
  }
  await writeFile(shmHoldout, `canary: ${canary}\n`).catch(() => undefined);
  await mkdir(workspace, { recursive: true });
  await writeFile(join(workspace, "README.md"), "the agent's own files\n");
  // Symlinks planted on the host before the agent starts (e.g. by a careless fixture).
  await symlink(holdout, join(workspace, "host-link.yaml"));
  await symlink(join(base, "holdout"), join(workspace, "host-dir-link"));
  process.env.LIGHTSOUT_ADVERSARIAL_CANARY = canary;
  process.env.HOLDOUT_SECRET = canary;
  hostProcess = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)", canary], {
    env: { ...process.env, HOLDOUT_CANARY: canary },
    stdio: "ignore",
  });
  canaryServer = createServer((_request, response) => response.end(canary));
  twinServer = createServer((_request, response) => response.end("twin-ok"));
  canaryPort = await listen(canaryServer);
  twinPort = await listen(twinServer);
  sandbox = createSandboxEnvironment({
    workspace,
    allowLoopbackPorts: [twinPort],
    // A careless caller hands over its whole environment: secret-named variables are filtered out.
    env: { HOLDOUT_TOKEN: canary, SCENARIO_API_KEY: canary, LANG: "C.UTF-8" },
    timeoutMs: 20_000,
    protectedPaths: [join(base, "holdout"), join(base, "home")],
  });
  await sandbox.initialize();
});

afterAll(async () => {
  await sandbox?.cleanup();
  hostProcess?.kill("SIGKILL");
  canaryServer?.close();
  twinServer?.close();
  delete process.env.LIGHTSOUT_ADVERSARIAL_CANARY;
  delete process.env.HOLDOUT_SECRET;
  if (base) await rm(base, { recursive: true, force: true });
  if (shmHoldout) await rm(shmHoldout, { force: true });
});

/** Runs the agent's attempt and checks that nothing it printed carries the canary. */
async function attempt(command: string): Promise<ExecResult> {
  const result = await sandbox.execCommand(command);
  expect(result.stdout + result.stderr).not.toContain(canary);
  return result;
}

/** Runs several attempts in one sandboxed command; each must fail (non-zero exit) and none may print the canary. */
async function attemptEach(commands: readonly string[]): Promise<ExecResult> {
  const script = commands.map((command) => `{ ${command}\n}; echo "exit:$?"`).join("\n");
  const result = await attempt(script);
  const codes = [...result.stdout.matchAll(/^exit:(\d+)$/gm)].map((match) => Number(match[1]));
  expect(codes).toHaveLength(commands.length);
  codes.forEach((code, index) => expect(code, `route ${commands[index]} should fail`).not.toBe(0));
  return result;
}

/** A file operation must fail (or find nothing) and never return the canary. */
async function fileOperation(operation: () => Promise<unknown>): Promise<unknown> {
  try {
    const value = await operation();
    expect(JSON.stringify(value)).not.toContain(canary);
    return value;
  } catch (error) {
    expect(String(error)).not.toContain(canary);
    return error;
  }
}

describe("an agent in the sandbox cannot reach the holdouts", () => {
  it("sanity: the agent does run in its workspace and can read its own files", async () => {
    const result = await attempt("pwd; cat README.md");
    expect(result).toMatchObject({ exitCode: 0, stdout: `${workspace}\nthe agent's own files\n` });
  });

  it("cat by absolute path", async () => {
    const result = await attemptEach([`cat ${holdout}`]);
    expect(result.stderr).toMatch(/No such file or directory/);
  });

  it("cat of the holdout in the home directory", async () => {
    await attemptEach([`cat ${homeHoldout}`, `ls -la ${join(base, "home")}`, "cat ~/holdouts/secret.yaml"]);
  });

  it("../ traversal from the workspace", async () => {
    await attemptEach(["cat ../holdout/secret.yaml", "cat ../../../../..$(pwd)/../holdout/secret.yaml", "ls ../holdout"]);
    expect((await attempt("ls -a ..")).stdout).toBe(".\n..\nworkspace\n"); // the parent holds nothing but the workspace
  });

  it("symlink created inside the sandbox", async () => {
    await attemptEach([`ln -s ${holdout} inner-link.yaml && cat inner-link.yaml`, `ln -s ../holdout up && cat up/secret.yaml`]);
    await expect(fileOperation(() => sandbox.readFile("inner-link.yaml"))).resolves.toMatchObject({ kind: "OUTSIDE_WORKSPACE" });
  });

  it("symlink created on the host before the agent started", async () => {
    await attemptEach(["cat host-link.yaml", "cat host-dir-link/secret.yaml", "ls host-dir-link/", "cd -P host-dir-link"]);
  });

  it("file operations: absolute path, traversal, symlinks", async () => {
    for (const path of [holdout, "../holdout/secret.yaml", "host-link.yaml", "host-dir-link/secret.yaml", homeHoldout, shmHoldout]) {
      await expect(fileOperation(() => sandbox.readFile(path))).resolves.toMatchObject({ kind: "OUTSIDE_WORKSPACE" });
      expect(await sandbox.fileExists(path)).toBe(false);
    }
  });

  it("file operations: listing, grep and glob outside the workspace or through symlinks", async () => {
    await expect(fileOperation(() => sandbox.listDirectory(".."))).resolves.toMatchObject({ kind: "OUTSIDE_WORKSPACE" });
    await expect(fileOperation(() => sandbox.listDirectory("host-dir-link"))).resolves.toMatchObject({ kind: "OUTSIDE_WORKSPACE" });
    await expect(fileOperation(() => sandbox.grep("canary", "/"))).resolves.toMatchObject({ kind: "OUTSIDE_WORKSPACE" });
    await expect(fileOperation(() => sandbox.glob("**/*.yaml", base))).resolves.toMatchObject({ kind: "OUTSIDE_WORKSPACE" });
    // Inside the workspace, the walks do not follow the planted symlinks.
    expect(await fileOperation(() => sandbox.grep("canary", "."))).toBe("");
    expect(await fileOperation(() => sandbox.glob("**/*.yaml"))).toEqual([]);
    expect(await fileOperation(() => sandbox.listDirectory(".", 3))).not.toContainEqual(expect.objectContaining({ name: "host-dir-link/secret.yaml" }));
  });

  it("file operations: writing through a symlink does not touch the holdouts", async () => {
    await expect(fileOperation(() => sandbox.writeFile("host-dir-link/secret.yaml", "overwritten"))).resolves.toMatchObject({ kind: "OUTSIDE_WORKSPACE" });
    await expect(fileOperation(() => sandbox.writeFile("host-link.yaml", "overwritten"))).resolves.toMatchObject({ kind: "OUTSIDE_WORKSPACE" });
    await attempt(`ln -s ${join(base, "holdout", "new.yaml")} dangling.yaml`);
    await expect(fileOperation(() => sandbox.writeFile("dangling.yaml", "x"))).resolves.toMatchObject({ kind: "OUTSIDE_WORKSPACE" });
    expect(await readFile(holdout, "utf8")).toContain(canary);
  });

  it("/proc/1/root and /proc/self/root", async () => {
    await attemptEach([`cat /proc/1/root${holdout}`, `cat /proc/self/root${holdout}`, "cat /proc/1/cwd/../holdout/secret.yaml", `cat /proc/${hostProcess.pid}/root${holdout}`]);
  });

  it("/proc/*/environ and /proc/*/cmdline of host processes", async () => {
    const result = await attempt(
      `cat /proc/${hostProcess.pid}/environ; cat /proc/${process.pid}/environ; for p in /proc/[0-9]*; do tr '\\0' ' ' < $p/cmdline; tr '\\0' '\\n' < $p/environ; done`,
    );
    expect(result.stderr).toMatch(new RegExp(`/proc/${hostProcess.pid}/environ: No such file`));
  });

  it("env and printenv", async () => {
    const result = await attempt("env; printenv; set; cat /proc/self/environ");
    expect(result.exitCode).toBe(0);
    expect(result.stdout).not.toMatch(/HOLDOUT_TOKEN|SCENARIO_API_KEY|LIGHTSOUT_ADVERSARIAL_CANARY/);
  });

  it("find / -name '*.yaml' and grep -r over the whole visible filesystem", async () => {
    const result = await attempt(
      "find / -name '*.yaml' -not -path '/proc/*' 2>/dev/null | grep -v '^/usr/'; grep -rl lightsout-canary / --exclude-dir=proc --exclude-dir=sys --exclude-dir=usr 2>/dev/null",
    );
    expect(result.stdout).not.toMatch(/secret\.yaml/);
  });

  it("reading /home, /root, /tmp and /dev/shm", async () => {
    const result = await attemptEach(["ls -la /home", "ls -la /root", `cat ${shmHoldout}`, "cat /tmp/*/holdout/secret.yaml"]);
    expect(result.stderr).toMatch(/cannot access '\/home'/);
    expect(result.stderr).toMatch(/cannot access '\/root'/);
    // /tmp and /dev/shm are private: only the workspace's own path shows, and nothing of the host's.
    const listing = await attempt("ls -la /tmp /dev/shm ..");
    expect(listing.stdout).not.toMatch(/holdout|secret|lightsout-sandbox-|home|\.yaml/);
  });

  it("curl and node fetch to a host loopback port that is not allowed", async () => {
    const result = await attempt(
      `curl -s --max-time 3 http://127.0.0.1:${canaryPort}/; curl -s --max-time 3 http://localhost:${canaryPort}/; ` +
        `node -e "fetch('http://127.0.0.1:${canaryPort}/').then((r) => r.text()).then(console.log, (e) => { console.error(e.cause?.code); process.exit(7); })"`,
    );
    expect(result.exitCode).toBe(7);
    expect(result.stderr).toMatch(/ECONNREFUSED/);
  });

  it("the allowed twin port is reachable (so the refusal above is the policy, not a broken network)", async () => {
    // node, not curl: node is the toolchain the sandbox always has; curl may not be installed.
    const result = await attempt(`node -e "fetch('http://127.0.0.1:${twinPort}/').then((r) => r.text()).then((t) => process.stdout.write(t))"`);
    expect(result).toMatchObject({ exitCode: 0, stdout: "twin-ok" });
  });

  it("the host's other addresses and the outside network", async () => {
    const addresses = Object.values(networkInterfaces()).flat().filter((a) => a && a.family === "IPv4" && !a.internal).map((a) => a!.address);
    const targets = [...addresses, "1.1.1.1"].map((address) => `curl -s --max-time 2 http://${address}:${canaryPort}/`);
    await attemptEach(targets);
    const interfaces = await attempt("cat /proc/net/dev");
    expect(interfaces.stdout).toMatch(/\blo:/);
    expect(interfaces.stdout.match(/^\s*\w+:/gm)).toHaveLength(1); // only the sandbox's own loopback
  });

  it("mount, unshare and nsenter", async () => {
    const result = await attemptEach([
      "mkdir -p /tmp/m && mount --bind / /tmp/m",
      "mkdir -p /tmp/p && mount -t proc proc /tmp/p",
      `unshare -Urm cat ${holdout}`,
      "unshare -Ur true",
      `nsenter -t 1 -m cat ${holdout}`,
      `nsenter -t ${hostProcess.pid} -m -p cat ${holdout}`,
    ]);
    expect(result.stderr).toMatch(/permission denied|Operation not permitted|must be superuser/i);
  });

  it("ptrace and signals to host processes", async () => {
    await attemptEach([
      `kill -0 ${hostProcess.pid}`,
      `kill -0 ${process.pid}`,
      `gdb -batch -p ${hostProcess.pid} -ex 'info proc' 2>&1 | grep -q "${hostProcess.pid}" && false`,
      `strace -p ${hostProcess.pid}`,
      `cat /proc/${hostProcess.pid}/mem`,
    ]);
    expect(hostProcess.exitCode).toBeNull(); // the host process is untouched
  });

  it("hard links and raw devices", async () => {
    await attemptEach([`ln ${holdout} hard.yaml`, `ln /proc/1/root${holdout} hard2.yaml`, "cat /dev/sda", "cat /dev/vda", "cat /dev/nvme0n1", "cat /dev/mem"]);
    const devices = await attempt("ls /dev");
    expect(devices.stdout.split("\n")).not.toContain("sda");
    expect(devices.stdout).not.toMatch(/^(sd|vd|nvme|xvd)|^mem$|^kmem$/m);
  });
});

/** Host processes right now (every numeric /proc entry). */
async function hostProcessCount(): Promise<number> {
  const { readdir } = await import("node:fs/promises");
  return (await readdir("/proc")).filter((entry) => /^\d+$/.test(entry)).length;
}

describe("the sandbox's limits hold against a hostile command", () => {
  const maxProcesses = 64;
  let limited: SandboxExecutionEnvironment;

  let bombed: SandboxExecutionEnvironment;
  const limitedEnvironment = (name: string) => createSandboxEnvironment({ workspace: join(base, name), maxProcesses, memoryMb: 64, timeoutMs: 4000, killGraceMs: 500 });

  beforeAll(async () => {
    // The fork bomb gets an environment (and process bound) of its own: whatever it leaves
    // behind while the kernel reaps it must not count against the other tests' processes.
    limited = limitedEnvironment("limited");
    bombed = limitedEnvironment("bombed");
    await limited.initialize();
    await bombed.initialize();
  });

  afterAll(async () => {
    await limited?.cleanup();
    await bombed?.cleanup();
  });

  /**
   * Whether this host bounds the sandbox's processes (a pids cgroup, or RLIMIT_NPROC for a
   * non-root user). When it cannot, the bound must say so with the reason, and the process tests
   * check only that: the probe's warning is the behaviour a user relies on there.
   */
  function processesBounded(environment: SandboxExecutionEnvironment = limited): boolean {
    const bound = environment.processBound();
    expect(bound).toBeDefined();
    if (bound!.enforced) return true;
    expect(bound).toMatchObject({ kind: "none", enforced: false, detail: expect.stringMatching(/\S/) });
    console.warn(`sandbox process limit not enforced on this host: ${bound!.kind === "none" ? bound!.detail : ""}`);
    return false;
  }

  it("a fork bomb stays under maxProcesses, ends at its time limit, and the host stays healthy", async () => {
    // Never fork-bomb a host that cannot bound it (host root without a writable pids cgroup):
    // there the sandbox must say so, which is what this host can prove.
    if (!processesBounded(bombed)) return;
    const before = await hostProcessCount();
    const running = bombed.execCommand("bomb() { bomb | bomb & }; bomb; sleep 30");
    let peak = before;
    for (let sample = 0; sample < 12; sample += 1) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      peak = Math.max(peak, await hostProcessCount());
    }
    const result = await running;
    expect(result.timedOut).toBe(true);
    expect(result.durationMs).toBeLessThan(4000 + 500 + 3000);
    // bwrap's own processes and other tests' processes come and go: allow a margin, far below a bomb's thousands.
    expect(peak - before).toBeLessThan(maxProcesses + 40);
    const after = await bombed.execCommand("echo alive");
    expect(after).toMatchObject({ exitCode: 0, stdout: "alive\n" });
  }, 20_000);

  it("counts every process of the sandbox: starting more than maxProcesses fails inside", async () => {
    if (!processesBounded()) return;
    // Node, not bash, starts the children: bash retries a refused fork for many seconds, and the
    // count must not need a fork of its own (it reads /proc in-process).
    const script = [
      "const { spawn } = require('node:child_process');",
      "const children = []; let refused = 0;",
      `for (let i = 0; i < ${maxProcesses + 40}; i++) { try { const child = spawn('sleep', ['10'], { stdio: 'ignore' }); child.on('error', () => { refused++; }); children.push(child); } catch { refused++; } }`,
      "setTimeout(() => { const inside = require('node:fs').readdirSync('/proc').filter((name) => /^[0-9]+$/.test(name)).length; console.log(refused > 0 ? 'refused' : 'all-started'); console.log(inside); for (const child of children) { try { child.kill('SIGKILL'); } catch {} } process.exit(0); }, 1000);",
    ].join(" ");
    const result = await limited.execCommand(`node -e "${script}"`, { timeoutMs: 15_000 });
    const [verdict, count] = result.stdout.trim().split("\n");
    const inside = Number(count);
    expect(verdict, `stdout ${JSON.stringify(result.stdout)}, stderr ${JSON.stringify(result.stderr.slice(0, 500))}, exit ${result.exitCode}`).toBe("refused");
    expect(inside).toBeGreaterThan(maxProcesses / 4);
    expect(inside).toBeLessThanOrEqual(maxProcesses);
  }, 20_000);

  it("an allocation beyond memoryMb fails, one within it succeeds", async () => {
    const within = await limited.execCommand(`x=$(head -c 20000000 /dev/zero | tr '\\0' a); echo "\${#x}"`, { timeoutMs: 20_000 });
    expect(within).toMatchObject({ exitCode: 0, stdout: "20000000\n" });
    const beyond = await limited.execCommand(`x=$(head -c 200000000 /dev/zero | tr '\\0' a); echo "\${#x}"`, { timeoutMs: 20_000 });
    expect(beyond.exitCode).not.toBe(0);
    expect(beyond.stdout).not.toContain("200000000");
    expect(beyond).toMatchObject({ timedOut: false, stderr: expect.stringMatching(/cannot allocate/) });
    const node = await limited.execCommand(`node -e "const keep = []; for (let i = 0; i < 8; i++) keep.push(Buffer.alloc(16 << 20, 1)); console.log('allocated')"`, { timeoutMs: 20_000 });
    expect(node.exitCode).not.toBe(0);
    expect(node.stderr).toMatch(/allocation failed|out of memory/i);
  }, 70_000);
});
