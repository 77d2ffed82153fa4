/**
 * Which run store to use, from one URL, so every command and the server agree: `--store URL`,
 * else `LIGHTSOUT_STORE_URL`, else the project's own SQLite file `.lightsout/store.sqlite`.
 *   postgres://... or postgresql://...   Postgres (the tables in schema `lightsout`)
 *   sqlite:PATH, or a plain path         SQLite, relative paths against the working directory
 *   sqlite::memory:                      a SQLite store that lives as long as the process
 */
import { existsSync, mkdirSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { createPostgresRunStore, redactConnectionString } from "./postgres-run-store.js";
import { storeError } from "./record-checks.js";
import { createSqliteRunStore } from "./sqlite-run-store.js";
import type { RunStore } from "./types.js";

export const STORE_URL_VARIABLE = "LIGHTSOUT_STORE_URL";
export const DEFAULT_STORE_PATH = join(".lightsout", "store.sqlite");

export type StoreLocation = { kind: "sqlite"; path: string } | { kind: "postgres"; connectionString: string };

const POSTGRES_SCHEME = /^postgres(ql)?:\/\//i;
const SQLITE_SCHEME = /^sqlite:/i;
/** A URL scheme of two letters or more: one letter is a Windows drive (`C:\runs\store.sqlite`), a path. */
const ANY_SCHEME = /^[a-z][a-z0-9+.-]+:/i;

/** Where `url` points; `source` names where the URL came from, for the error message. */
export function parseStoreUrl(url: string, cwd: string, source = "the store URL"): StoreLocation {
  const trimmed = url.trim();
  if (trimmed === "") throw storeError(`${source} is empty: use postgres://..., sqlite:PATH or a file path`);
  if (POSTGRES_SCHEME.test(trimmed)) {
    try {
      const parsed = new URL(trimmed);
      if (parsed.hostname === "" && !parsed.searchParams.has("host")) throw new Error("no host");
    } catch {
      throw storeError(`${source} ${JSON.stringify(redactConnectionString(trimmed))} is not a valid Postgres URL: expected postgres://user:password@host:port/database`);
    }
    return { kind: "postgres", connectionString: trimmed };
  }
  if (SQLITE_SCHEME.test(trimmed)) {
    // sqlite:///abs/path.sqlite is the spelling other tools use for an absolute path.
    const path = trimmed.slice("sqlite:".length).replace(/^\/\/(?=\/)/, "");
    if (path === "") throw storeError(`${source} "sqlite:" names no file: use sqlite:PATH, e.g. sqlite:${DEFAULT_STORE_PATH}`);
    return { kind: "sqlite", path: path === ":memory:" ? path : resolve(cwd, path) };
  }
  if (ANY_SCHEME.test(trimmed)) {
    const scheme = trimmed.slice(0, trimmed.indexOf(":") + 1);
    // Only the scheme is shown: the rest may hold a password.
    throw storeError(`${source} has an unsupported scheme "${scheme}": use postgres://..., sqlite:PATH or a file path`);
  }
  return { kind: "sqlite", path: resolve(cwd, trimmed) };
}

export interface OpenRunStoreOptions {
  /** A store URL; when absent, `LIGHTSOUT_STORE_URL` from `env`, then `<cwd>/.lightsout/store.sqlite`. */
  url?: string;
  /** Relative SQLite paths, and the default store, are resolved against this directory. */
  cwd: string;
  env?: Record<string, string | undefined>;
  clock?: () => number;
  /**
   * False for commands that only read: a SQLite file that does not exist is then a STORE error
   * instead of a new empty store (a mistyped --store should not leave a file behind). Default true.
   */
  create?: boolean;
}

/** Where `openRunStore` would open the store, without opening it. */
export function resolveStoreLocation({ url, cwd, env = process.env }: Pick<OpenRunStoreOptions, "url" | "cwd" | "env">): StoreLocation & { isDefault: boolean } {
  if (url !== undefined) return { ...parseStoreUrl(url, cwd, "the store URL"), isDefault: false };
  const fromEnv = env[STORE_URL_VARIABLE];
  if (fromEnv !== undefined && fromEnv !== "") return { ...parseStoreUrl(fromEnv, cwd, STORE_URL_VARIABLE), isDefault: false };
  return { kind: "sqlite", path: resolve(cwd, DEFAULT_STORE_PATH), isDefault: true };
}

/** The store as a person would name it: a path relative to `cwd` when inside it, or the URL without its password. */
export function describeStoreLocation(location: StoreLocation, cwd: string): string {
  if (location.kind === "postgres") return redactConnectionString(location.connectionString);
  if (location.path === ":memory:") return "sqlite::memory:";
  const shown = relative(cwd, location.path);
  return shown === "" || shown.startsWith("..") || isAbsolute(shown) ? location.path : shown;
}

export async function openRunStore(options: OpenRunStoreOptions): Promise<RunStore> {
  const location = resolveStoreLocation(options);
  if (location.kind === "postgres") return createPostgresRunStore({ connectionString: location.connectionString, clock: options.clock });
  if (options.create === false && location.path !== ":memory:" && !existsSync(location.path)) {
    throw storeError(`no run store at ${describeStoreLocation(location, options.cwd)}: nothing has been recorded there yet (--store or ${STORE_URL_VARIABLE} name another store)`);
  }
  if (location.isDefault) {
    try {
      mkdirSync(dirname(location.path), { recursive: true });
    } catch (error) {
      throw storeError(`cannot create ${dirname(location.path)} for the run store: ${(error as Error).message}`, error);
    }
  }
  return createSqliteRunStore({ path: location.path, clock: options.clock });
}

/** Opens the store, runs `work` with it and closes it, whatever `work` does. */
export async function withRunStore<T>(options: OpenRunStoreOptions, work: (store: RunStore) => Promise<T>): Promise<T> {
  const store = await openRunStore(options);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
