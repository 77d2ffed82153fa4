/**
 * Fault profiles: seeded, reproducible failures per tenant and per method. A rule matches
 * methods by exact name or `*` glob; the first matching rule applies. Rate limits count requests
 * in windows of virtual time, so a client that advances the clock never really waits.
 * Semantics and their reasons: docs/decisions/0044-fault-semantics.md.
 */
import { TwinFixtureError } from "./errors.js";

export interface RateLimit {
  /** Requests allowed per window. */
  limit: number;
  windowMs: number;
}

export interface FaultRule {
  /** Method names or globs (`chat.*`, `GET /rest/api/3/*`); absent = every method. */
  methods?: string[];
  /** `true` = the vendor's own limit for the method; or an explicit limit. */
  rateLimit?: true | RateLimit;
  /** Probability in [0, 1] of a vendor-shaped 5xx instead of the answer. */
  errorRate?: number;
  /** Probability in [0, 1] that the connection is dropped without an answer. */
  dropRate?: number;
  /** Added latency, in real milliseconds (virtual time always advances by it too). */
  latencyMs?: number;
}

export interface FaultProfile {
  rules: FaultRule[];
}

function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`);
}

export function ruleMatches(rule: FaultRule, method: string): boolean {
  if (!rule.methods || rule.methods.length === 0) return true;
  return rule.methods.some((pattern) => pattern === method || (pattern.includes("*") && globToRegExp(pattern).test(method)));
}

export function matchingRule(profile: FaultProfile, method: string): FaultRule | undefined {
  return profile.rules.find((rule) => ruleMatches(rule, method));
}

const RULE_FIELDS = ["methods", "rateLimit", "errorRate", "dropRate", "latencyMs"];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function checkRule(value: unknown, at: string): FaultRule {
  if (!isRecord(value)) throw new TwinFixtureError(at, "expected an object (a fault rule)");
  for (const key of Object.keys(value)) {
    if (!RULE_FIELDS.includes(key)) throw new TwinFixtureError(`${at}.${key}`, `unknown field (expected ${RULE_FIELDS.join(", ")})`);
  }
  const methods = value["methods"];
  if (methods !== undefined && !(Array.isArray(methods) && methods.every((item) => typeof item === "string" && item !== ""))) {
    throw new TwinFixtureError(`${at}.methods`, "expected an array of method names or globs");
  }
  for (const key of ["errorRate", "dropRate"]) {
    const rate = value[key];
    if (rate !== undefined && !(typeof rate === "number" && rate >= 0 && rate <= 1)) throw new TwinFixtureError(`${at}.${key}`, "expected a number between 0 and 1");
  }
  const latency = value["latencyMs"];
  if (latency !== undefined && !(typeof latency === "number" && Number.isFinite(latency) && latency >= 0)) throw new TwinFixtureError(`${at}.latencyMs`, "expected a non-negative number");
  const limit = value["rateLimit"];
  if (limit !== undefined && limit !== true) {
    const valid = isRecord(limit) && Number.isInteger(limit["limit"]) && (limit["limit"] as number) >= 0 && typeof limit["windowMs"] === "number" && Number.isFinite(limit["windowMs"]) && limit["windowMs"] > 0;
    if (!valid) throw new TwinFixtureError(`${at}.rateLimit`, 'expected true (the vendor\'s limit) or {"limit": integer >= 0, "windowMs": positive number}');
    const extra = Object.keys(limit).find((key) => key !== "limit" && key !== "windowMs");
    if (extra) throw new TwinFixtureError(`${at}.rateLimit.${extra}`, "unknown field (expected limit, windowMs)");
  }
  return value as FaultRule;
}

/** Checks a fault profile; throws a TwinFixtureError whose path names the first bad field (`rules[2].errorRate`). */
export function checkFaultProfile(value: unknown): FaultProfile {
  if (!isRecord(value)) throw new TwinFixtureError("", 'expected an object {"rules": [...]}');
  for (const key of Object.keys(value)) {
    if (key !== "rules") throw new TwinFixtureError(key, "unknown field (expected rules)");
  }
  const rules = value["rules"];
  if (!Array.isArray(rules)) throw new TwinFixtureError("rules", rules === undefined ? "required (an array of fault rules)" : "expected an array of fault rules");
  return { rules: rules.map((rule, index) => checkRule(rule, `rules[${index}]`)) };
}

/** The same check as data: `{profile}` or `{error: "rules[0].errorRate: expected ..."}`. */
export function validateFaultProfile(value: unknown): { profile?: FaultProfile; error?: string } {
  try {
    return { profile: checkFaultProfile(value) };
  } catch (error) {
    if (error instanceof TwinFixtureError) return { error: error.message };
    throw error;
  }
}
