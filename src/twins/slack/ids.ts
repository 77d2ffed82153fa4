/**
 * Slack-shaped identifiers and message timestamps, all from the tenant's seeded generator and
 * virtual clock, so the same seed and the same calls give the same ids.
 *
 * - Object ids: a type letter (`C` channel, `D` im, `U` user, `B` bot, `A` app, `T` team, `F`
 *   file, `Q` scheduled message, `V` view) and 10 uppercase letters or digits, e.g. `C0A1B2C3D4E`.
 * - Message `ts`: `"<seconds>.<6 digits>"` of the virtual time, strictly increasing per
 *   conversation (a second message in the same microsecond gets the next microsecond).
 */
import type { Tenant } from "../kit/index.js";

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const HEX = "0123456789abcdef";

export function randomString(tenant: Tenant, length: number, alphabet = ALPHANUMERIC): string {
  let result = "";
  for (let index = 0; index < length; index += 1) result += alphabet[Math.floor(tenant.random() * alphabet.length)];
  return result;
}

/** A fresh id with the given prefix that `taken` does not know yet. */
export function newId(tenant: Tenant, prefix: string, taken: (id: string) => boolean = () => false): string {
  for (;;) {
    const id = `${prefix}${randomString(tenant, 10)}`;
    if (!taken(id)) return id;
  }
}

export const randomHex = (tenant: Tenant, length: number): string => randomString(tenant, length, HEX);

export const TS_PATTERN = /^\d{10}\.\d{6}$/;

/** A ts in microseconds since the epoch (fits a double exactly until the year 2255). */
export function tsToMicros(ts: string): number {
  const [seconds = "0", micros = "0"] = ts.split(".");
  return Number(seconds) * 1_000_000 + Number(micros.padEnd(6, "0").slice(0, 6));
}

export function microsToTs(micros: number): string {
  const seconds = Math.floor(micros / 1_000_000);
  const fraction = micros - seconds * 1_000_000;
  return `${String(seconds).padStart(10, "0")}.${String(fraction).padStart(6, "0")}`;
}

/** Lenient parse of a ts argument (`"1767225601.000100"`, `"1767225601"`, a number); NaN if not one. */
export function parseTsArgument(value: string): number {
  if (!/^\d{1,10}(\.\d{1,6})?$/.test(value.trim())) return Number.NaN;
  return tsToMicros(value.trim());
}

/** The next ts for a conversation whose last ts was `lastMicros`, at virtual time `nowMs`. */
export function nextTs(nowMs: number, lastMicros: number): { ts: string; micros: number } {
  const candidate = Math.floor(nowMs) * 1000 + 100;
  const micros = candidate > lastMicros ? candidate : lastMicros + 1;
  return { ts: microsToTs(micros), micros };
}

/** Permalink form of a ts: `p` and the ts without its dot. */
export const permalinkTs = (ts: string): string => `p${ts.replace(".", "")}`;

/** Unix seconds of the virtual clock. */
export const unixSeconds = (tenant: Tenant): number => Math.floor(tenant.now() / 1000);
