/**
 * A tenant: one isolated instance of a twin's state, with its virtual clock, deterministic ids
 * and seeded randomness (all kept inside the state, so a restore replays them), its snapshots,
 * its request log, its fault profile, its configuration and its outbound deliveries.
 */
import { type TenantState, emptyState } from "./state.js";
import type { FaultProfile } from "./faults.js";

export interface RequestLogEntry {
  seq: number;
  /** Virtual time of the request, ms since the epoch. */
  time: number;
  /** The vendor method, e.g. `chat.postMessage` or `POST /rest/api/3/issue`. */
  method: string;
  httpMethod: string;
  path: string;
  query: Record<string, string>;
  /** The parsed request body (JSON or form), without credentials. */
  body: unknown;
  status: number;
  /** The parsed JSON response body, when it is JSON. */
  response: unknown;
  /** The fault injected instead of (or before) handling, if any. */
  fault?: "rate_limited" | "server_error" | "dropped" | "latency";
}

export interface Delivery {
  seq: number;
  time: number;
  url: string;
  headers: Record<string, string>;
  body: string;
  /** HTTP status of the receiver, or undefined when it could not be reached. */
  status?: number;
  error?: string;
}

export interface TenantOptions {
  id: string;
  seed: number;
  startTime: number;
  /** How far the virtual clock moves on each request. */
  tickMs: number;
}

export class Tenant {
  readonly id: string;
  readonly seed: number;
  readonly tickMs: number;
  state: TenantState;
  /** The state right after creation and seeding: what `reset` returns to. */
  private initial: TenantState;
  private readonly snapshots = new Map<string, TenantState>();
  private snapshotCounter = 0;
  readonly log: RequestLogEntry[] = [];
  readonly deliveries: Delivery[] = [];
  faults: FaultProfile = { rules: [] };
  /** Twin-specific settings, e.g. Slack's event request URL and signing secret. */
  config: Record<string, unknown> = {};
  /** Fault bookkeeping (rate-limit windows): not part of snapshots. */
  readonly rateWindows = new Map<string, { windowStart: number; count: number }>();

  constructor(options: TenantOptions) {
    this.id = options.id;
    this.seed = options.seed;
    this.tickMs = options.tickMs;
    this.state = emptyState(options.startTime, options.seed);
    this.initial = this.state;
  }

  now(): number {
    return this.state.meta.now;
  }

  advance(ms: number): void {
    if (ms <= 0) return;
    this.state = { ...this.state, meta: { ...this.state.meta, now: this.state.meta.now + ms } };
  }

  /** The next value of a per-prefix counter, starting at 1. */
  nextCounter(prefix: string): number {
    const value = (this.state.meta.counters.get(prefix) ?? 0) + 1;
    this.state = { ...this.state, meta: { ...this.state.meta, counters: this.state.meta.counters.set(prefix, value) } };
    return value;
  }

  /** Uniform in [0, 1), from the seeded generator kept in the state (mulberry32). */
  random(): number {
    const next = (this.state.meta.randomState + 0x6d2b79f5) >>> 0;
    this.state = { ...this.state, meta: { ...this.state.meta, randomState: next } };
    let value = next;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  }

  update(change: (state: TenantState) => TenantState): void {
    this.state = change(this.state);
  }

  /** Marks the current state as the one `reset` returns to (after initialization and seeding). */
  markInitial(): void {
    this.initial = this.state;
  }

  snapshot(): string {
    const id = `snap-${++this.snapshotCounter}`;
    this.snapshots.set(id, this.state);
    return id;
  }

  restore(snapshotId: string): boolean {
    const saved = this.snapshots.get(snapshotId);
    if (!saved) return false;
    this.state = saved;
    return true;
  }

  reset(): void {
    this.state = this.initial;
    this.log.length = 0;
    this.deliveries.length = 0;
    this.rateWindows.clear();
  }
}
