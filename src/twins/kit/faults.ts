/**
 * Fault profiles: seeded, reproducible failures per tenant and per method. A rule matches
 * methods by exact name or `*` glob; the first matching rule applies. Rate limits count requests
 * in windows of virtual time, so a client that advances the clock never really waits.
 */
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
