/**
 * `lightsout twins up [NAME...] [--port N] [--seed FILE] [--faults FILE] [--json]`: serves twins
 * on loopback until SIGINT/SIGTERM and prints, for each, how to point a client at it. Files are
 * keyed by twin name (`{slack: {...}, jira: {...}}`) and checked before anything listens, so a
 * bad file is one line on stderr (`seed.yaml:4:9: slack.users[0].name: ...`) and exit 2.
 */
import { resolve } from "node:path";
import type { Command } from "commander";
import { LightsoutError } from "../errors.js";
import { checkFaultProfile, type FaultProfile, type FixtureFile, locateFixturePath, readFixtureFile, seedTenant, serveTwin, type ServedTwin, type Twin, TwinFixtureError } from "../twins/kit/index.js";
import { ExitCode } from "./exit-codes.js";
import { type CliIo, writeLine } from "./io.js";
import { loadTwinCatalog, type TwinCatalog } from "./twin-catalog.js";

export interface TwinsUpOptions {
  port?: string;
  seed?: string;
  faults?: string;
  json?: boolean;
}

export interface TwinsUpDependencies {
  /** The twins by name; default: all of `lightsout/twins`. */
  catalog?: TwinCatalog;
  /** Stops the twins like SIGINT does, for programs and tests that embed the CLI. */
  signal?: AbortSignal;
}

/** What `--json` prints per twin, one object per line, as soon as the twin listens. */
export interface TwinListing {
  name: string;
  baseUrl: string;
  credentials: Record<string, string>;
  sdkOption: string;
  adminUrl: string;
}

/** How many ports after the previous twin's to try before giving up. */
const PORT_ATTEMPTS = 100;

function inputError(message: string): LightsoutError {
  return new LightsoutError("INPUT", message);
}

function parsePort(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port > 65_535) throw inputError(`--port: expected a port number from 1 to 65535, got "${text}"`);
  return port;
}

/** `file:line:col: field.path: detail`, locating the field in the file's text when it can. */
function located(file: FixtureFile, displayName: string, fieldPath: string, detail: string): string {
  const where = locateFixturePath(file.text, fieldPath);
  return `${displayName}${where ? `:${where.line}:${where.column}` : ""}: ${fieldPath === "" ? "" : `${fieldPath}: `}${detail}`;
}

/** Reads a file keyed by twin name; every key must name a twin in the catalog. */
function readKeyedFile(path: string, io: CliIo, catalog: TwinCatalog): { file: FixtureFile; displayName: string; sections: Map<string, unknown> } {
  let file: FixtureFile;
  try {
    file = readFixtureFile(resolve(io.cwd, path), path);
  } catch (error) {
    if (error instanceof TwinFixtureError) throw inputError(error.message);
    throw error;
  }
  const known = Object.keys(catalog.factories);
  const value = file.value;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw inputError(located(file, path, "", `expected an object keyed by twin name (${known.join(", ")})`));
  }
  const sections = new Map<string, unknown>();
  for (const [key, section] of Object.entries(value)) {
    if (!known.includes(key)) throw inputError(located(file, path, key, `unknown twin (expected ${known.join(", ")})`));
    sections.set(key, section);
  }
  return { file, displayName: path, sections };
}

function chooseTwins(names: readonly string[], catalog: TwinCatalog): string[] {
  const known = Object.keys(catalog.factories);
  for (const name of names) if (!known.includes(name)) throw inputError(`unknown twin "${name}" (known: ${known.join(", ")})`);
  return names.length === 0 ? known : [...new Set(names)];
}

/** Creates, seeds and applies faults to each twin; nothing listens yet, so a bad file costs nothing. */
function prepareTwins(names: readonly string[], options: TwinsUpOptions, io: CliIo, catalog: TwinCatalog): Twin[] {
  const seeds = options.seed !== undefined ? readKeyedFile(options.seed, io, catalog) : undefined;
  const faults = options.faults !== undefined ? readKeyedFile(options.faults, io, catalog) : undefined;
  const profiles = new Map<string, FaultProfile>();
  for (const [name, section] of faults?.sections ?? []) {
    try {
      profiles.set(name, checkFaultProfile(section));
    } catch (error) {
      if (!(error instanceof TwinFixtureError) || !faults) throw error;
      throw inputError(located(faults.file, faults.displayName, error.path === "" ? name : `${name}.${error.path}`, error.detail));
    }
  }
  return names.map((name) => {
    const twin = catalog.factories[name]!();
    const fixture = seeds?.sections.get(name);
    if (seeds && fixture !== undefined) {
      try {
        seedTenant(twin, twin.tenant(), fixture);
      } catch (error) {
        if (!(error instanceof TwinFixtureError)) throw error;
        throw inputError(located(seeds.file, seeds.displayName, error.path === "" ? name : `${name}.${error.path}`, error.detail));
      }
    }
    const profile = profiles.get(name);
    if (profile) twin.tenant().faults = profile;
    return twin;
  });
}

/** Listens on `port` exactly (`exact`), or on the first free port from `port` on, or on any (0). */
async function listen(twin: Twin, port: number, exact: boolean): Promise<ServedTwin> {
  const attempts = port === 0 || exact ? 1 : PORT_ATTEMPTS;
  for (let attempt = 0; ; attempt++) {
    try {
      return await serveTwin(twin, { port: port + attempt });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EADDRINUSE" && attempt + 1 < attempts && port + attempt < 65_535) continue;
      const reason = code === "EADDRINUSE" ? "address in use" : code === "EACCES" ? "permission denied" : error instanceof Error ? error.message : String(error);
      throw inputError(`cannot serve the ${twin.name} twin on 127.0.0.1:${port + attempt}${attempts > 1 ? ` (nor on the ${attempts - 1} ports before it)` : ""}: ${reason}`);
    }
  }
}

function listingOf(name: string, served: ServedTwin): TwinListing {
  const { twin, baseUrl: origin } = served;
  const description = twin.definition.describe?.(twin.tenant(), origin) ?? { credentials: {}, sdkOption: "" };
  return { name, baseUrl: description.baseUrl ?? origin, credentials: description.credentials, sdkOption: description.sdkOption, adminUrl: `${origin}/_twin/tenants/default` };
}

function humanLine(listing: TwinListing, nameWidth: number): string {
  const credentials = Object.entries(listing.credentials).map(([key, value]) => `${key} ${value}`);
  return [listing.name.padEnd(nameWidth), listing.baseUrl, ...credentials, listing.sdkOption].filter((part) => part !== "").join("  ");
}

/** Resolves on the first SIGINT/SIGTERM (or abort), with the signal's name. */
function untilStopped(io: CliIo, signal: AbortSignal | undefined): { stopped: Promise<string>; dispose: () => void } {
  let unsubscribe: (() => void) | undefined;
  let onAbort: (() => void) | undefined;
  const stopped = new Promise<string>((resolveStop) => {
    unsubscribe = io.subscribeToInterrupts?.((signalName) => resolveStop(signalName));
    if (signal?.aborted) resolveStop("abort");
    onAbort = () => resolveStop("abort");
    signal?.addEventListener("abort", onAbort, { once: true });
  });
  return {
    stopped,
    dispose: () => {
      unsubscribe?.();
      if (onAbort) signal?.removeEventListener("abort", onAbort);
    },
  };
}

export async function twinsUpCommand(names: readonly string[], options: TwinsUpOptions, io: CliIo, dependencies: TwinsUpDependencies = {}): Promise<ExitCode> {
  const catalog = dependencies.catalog ?? (await loadTwinCatalog());
  const chosen = chooseTwins(names, catalog);
  const firstPort = parsePort(options.port);
  const twins = prepareTwins(chosen, options, io, catalog);
  // Subscribed before listening, so a Ctrl-C during start-up still stops cleanly.
  const { stopped, dispose } = untilStopped(io, dependencies.signal);
  const served: ServedTwin[] = [];
  const nameWidth = Math.max(...chosen.map((name) => name.length));
  try {
    for (const [index, twin] of twins.entries()) {
      const previous = served.at(-1);
      const port = previous ? (firstPort === undefined ? 0 : previous.port + 1) : (firstPort ?? 0);
      const current = await listen(twin, port, previous === undefined && firstPort !== undefined);
      served.push(current);
      const listing = listingOf(chosen[index]!, current);
      writeLine(io.stdout, options.json ? JSON.stringify(listing) : humanLine(listing, nameWidth));
    }
    if (!options.json) writeLine(io.stderr, `lightsout: ${served.length === 1 ? "1 twin" : `${served.length} twins`} up; admin API under <base>/_twin/; Ctrl-C stops`);
    const signalName = await stopped;
    if (!options.json) writeLine(io.stderr, `lightsout: ${signalName === "abort" ? "stopping" : `${signalName} received`}; twins stopped`);
    return ExitCode.success;
  } finally {
    dispose();
    await Promise.all(served.map((server) => server.close()));
  }
}

export function addTwinsUpCommand(twins: Command, io: CliIo, finish: (code: ExitCode) => void): void {
  twins
    .command("up")
    .description("serve twins on 127.0.0.1 until interrupted, printing each one's base URL, credentials and SDK option")
    .argument("[names...]", "the twins to serve (default: all; see `lightsout twins list`)")
    .option("--port <n>", "the first twin's port (the next ones take the following free ports); default: free ports")
    .option("--seed <file>", "fixtures keyed by twin name, YAML or JSON: {slack: {...}, jira: {...}}")
    .option("--faults <file>", "fault profiles keyed by twin name, YAML or JSON: {slack: {rules: [...]}}")
    .option("--json", "print one JSON object per twin per line: name, baseUrl, credentials, sdkOption, adminUrl")
    .addHelpText(
      "after",
      [
        "",
        "Fixtures and faults apply to the default tenant (paths without /t/{tenant}). Other tenants",
        "are created and seeded through the admin API: docs/twins/kit.md.",
        "",
        "Exit status: 0 stopped by SIGINT/SIGTERM, 2 unknown twin, bad option, or bad --seed/--faults file.",
        "",
        "Example: lightsout twins up slack --port 4100 --seed seed.yaml --faults faults.yaml",
      ].join("\n"),
    )
    .action(async (names: string[], options: TwinsUpOptions) => finish(await twinsUpCommand(names, options, io)));
}
