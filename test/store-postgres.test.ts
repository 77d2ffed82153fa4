/**
 * The RunStore contract on a real Postgres: this file starts its own throwaway cluster (initdb
 * into a temporary directory, `postgres` on a free loopback port with its socket in that
 * directory), runs the suite, stops the server and deletes the directory. As root (CI
 * containers), initdb and postgres refuse to run, so they run as the `postgres` user the Debian
 * package creates. Without Postgres binaries the suite is skipped locally, and fails under CI.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, expect, test } from "vitest";
import { openRunStore } from "../src/store/open-run-store.js";
import { createPostgresRunStore } from "../src/store/postgres-run-store.js";
import { runStoreContract } from "../src/testing/run-store-contract.js";

const STARTUP_TIMEOUT_MS = 30_000;

/** The directory holding initdb and postgres: PATH first, then Debian's versioned directories, newest first. */
function findPostgresBinaries(): string | undefined {
  const onPath = (process.env["PATH"] ?? "").split(delimiter).filter((directory) => directory !== "");
  const debian = existsSync("/usr/lib/postgresql")
    ? readdirSync("/usr/lib/postgresql")
        .filter((version) => /^\d+$/.test(version))
        .sort((a, b) => Number(b) - Number(a))
        .map((version) => `/usr/lib/postgresql/${version}/bin`)
    : [];
  return [...onPath, ...debian].find((directory) => existsSync(join(directory, "initdb")) && existsSync(join(directory, "postgres")));
}

/** How to run a server binary: as ourselves, or as root through setpriv as the `postgres` user. */
function commandRunner(): { prefix: string[]; owner: { uid: number; gid: number } | undefined } {
  if (process.getuid?.() !== 0) return { prefix: [], owner: undefined };
  let uid: number;
  let gid: number;
  try {
    uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
  } catch {
    throw new Error("running as root, and Postgres refuses to run as root: there is no `postgres` user to run it as (install the postgresql package, which creates it)");
  }
  return { prefix: ["setpriv", `--reuid=${uid}`, `--regid=${gid}`, "--clear-groups", "--"], owner: { uid, gid } };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

interface Cluster {
  url: string;
  stop: () => Promise<void>;
}

async function startCluster(binaries: string): Promise<Cluster> {
  const { prefix, owner } = commandRunner();
  const root = mkdtempSync(join(tmpdir(), "lightsout-pg-"));
  if (owner) chownSync(root, owner.uid, owner.gid);
  const dataDirectory = join(root, "data");
  const run = (binary: string, args: string[]) => [...prefix, join(binaries, binary), ...args];
  const [initdb, ...initdbArgs] = run("initdb", ["-D", dataDirectory, "-U", "lightsout", "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync"]);
  try {
    execFileSync(initdb as string, initdbArgs, { stdio: "pipe", cwd: root });
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    const output = error as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`initdb failed:\n${output.stdout?.toString() ?? ""}${output.stderr?.toString() ?? ""}`);
  }
  const port = await freePort();
  const [postgres, ...postgresArgs] = run("postgres", ["-D", dataDirectory, "-p", String(port), "-k", root, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "full_page_writes=off"]);
  const server: ChildProcess = spawn(postgres as string, postgresArgs, { stdio: ["ignore", "pipe", "pipe"], cwd: root });
  let log = "";
  server.stdout?.on("data", (chunk) => (log += chunk));
  server.stderr?.on("data", (chunk) => (log += chunk));
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  let running = true;
  void exited.then(() => (running = false));
  const url = `postgresql://lightsout@127.0.0.1:${port}/postgres`;
  const stop = async (): Promise<void> => {
    if (running) {
      server.kill("SIGINT"); // Postgres's "fast shutdown"
      const timeout = setTimeout(() => server.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timeout);
    }
    rmSync(root, { recursive: true, force: true });
  };
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  for (;;) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query("select 1");
      await client.end();
      return { url, stop };
    } catch (error) {
      await client.end().catch(() => undefined);
      if (!running || Date.now() > deadline) {
        await stop();
        throw new Error(`Postgres did not accept connections on port ${port} within ${STARTUP_TIMEOUT_MS / 1000} s (${running ? "still starting" : "the server exited"}: ${(error as Error).message}). Its log:\n${log}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

const binaries = findPostgresBinaries();

if (binaries === undefined) {
  if (process.env["CI"]) {
    test("Postgres binaries are installed (needed for the Postgres run store contract)", () => {
      throw new Error("no initdb/postgres on PATH or in /usr/lib/postgresql/*/bin: install the postgresql package (apt-get install postgresql) to run the Postgres store contract");
    });
  } else {
    test.skip("Postgres store contract: no initdb/postgres on PATH or in /usr/lib/postgresql/*/bin; install postgresql to run it", () => undefined);
  }
} else {
  let cluster: Cluster | undefined;
  beforeAll(async () => {
    cluster = await startCluster(binaries);
  }, STARTUP_TIMEOUT_MS + 30_000);
  afterAll(async () => {
    await cluster?.stop();
  }, 20_000);
  const url = (): string => {
    if (!cluster) throw new Error("the Postgres cluster did not start");
    return cluster.url;
  };

  let schemas = 0;
  runStoreContract(
    "postgres",
    async () => {
      schemas += 1;
      const schema = `contract_${schemas}`;
      const store = await createPostgresRunStore({ connectionString: url(), schema });
      return { store, schema, cleanup: () => store.close() };
    },
    { reopen: ({ schema }) => createPostgresRunStore({ connectionString: url(), schema }) },
  );

  test("the tables live in their own schema, `lightsout` by default, at the latest version", async () => {
    const store = await createPostgresRunStore({ connectionString: url(), clock: () => 7 });
    await store.append({ runId: "r", type: "run", payload: {} });
    await store.close();
    const client = new pg.Client({ connectionString: url() });
    await client.connect();
    try {
      const tables = await client.query("select table_name from information_schema.tables where table_schema = 'lightsout' order by table_name");
      expect(tables.rows.map((row: { table_name: string }) => row.table_name)).toEqual(["blobs", "records", "runs", "schema_migrations"]);
      expect((await client.query("select version, applied_at::int as applied_at from lightsout.schema_migrations")).rows).toEqual([{ version: 1, applied_at: 7 }]);
    } finally {
      await client.end();
    }
  });

  test("openRunStore takes a postgres:// URL from LIGHTSOUT_STORE_URL; numbers come back as numbers", async () => {
    const postgresUrl = url().replace(/^postgresql:/, "postgres:");
    const store = await openRunStore({ cwd: "/nonexistent", env: { LIGHTSOUT_STORE_URL: postgresUrl }, create: false });
    try {
      const root = await store.append({ runId: "via-url", type: "run", payload: { spec: "a.md" }, at: 2 ** 41 });
      const [summary] = await store.listRuns({ limit: 1 });
      expect(summary).toEqual({ runId: "via-url", root, records: 1, firstAt: 2 ** 41, lastAt: 2 ** 41 });
      expect(typeof root.sequence).toBe("number");
    } finally {
      await store.close();
    }
  });

  test("a store from a newer lightsout is refused; an unusable schema name too", async () => {
    const client = new pg.Client({ connectionString: url() });
    await client.connect();
    await client.query("create schema future; create table future.schema_migrations (version integer primary key, applied_at bigint not null); insert into future.schema_migrations values (99, 0)");
    await client.end();
    await expect(createPostgresRunStore({ connectionString: url(), schema: "future" })).rejects.toMatchObject({ code: "STORE", message: expect.stringMatching(/has schema version 99, newer than this lightsout knows \(1\)/) });
    await expect(createPostgresRunStore({ connectionString: url(), schema: 'x"; drop table y' })).rejects.toMatchObject({ code: "STORE", message: expect.stringMatching(/is not a plain identifier/) });
  });

  test("a server that does not answer is one STORE error, with the password masked", async () => {
    const port = await freePort();
    const attempt = createPostgresRunStore({ connectionString: `postgresql://someone:hunter2@127.0.0.1:${port}/db` });
    await expect(attempt).rejects.toMatchObject({ code: "STORE", message: expect.stringMatching(new RegExp(`^cannot open the Postgres store at postgresql://someone:\\*\\*\\*@127\\.0\\.0\\.1:${port}/db \\(schema lightsout\\): .*ECONNREFUSED`)) });
    await expect(attempt).rejects.not.toMatchObject({ message: expect.stringContaining("hunter2") });
  });

  test("appends from two stores (two processes, in effect) on one schema keep keys unique and sequences in commit order", async () => {
    const first = await createPostgresRunStore({ connectionString: url(), schema: "shared" });
    const second = await createPostgresRunStore({ connectionString: url(), schema: "shared" });
    try {
      const root = await first.append({ runId: "r", type: "run", payload: {} });
      const results = await Promise.all(Array.from({ length: 20 }, (_, index) => (index % 2 ? first : second).append({ runId: "r", parentId: root.id, type: "note", key: `k${index % 5}`, payload: { index } })));
      expect(new Set(results.map((record) => record.id)).size).toBe(5);
      const stored = await second.query({ runId: "r" });
      expect(stored.map((record) => record.sequence)).toEqual([1, 2, 3, 4, 5, 6]);
    } finally {
      await first.close();
      await second.close();
    }
  });
}
