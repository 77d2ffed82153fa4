/**
 * Loop detection (coding-agent-loop-spec 2.10): a tool call's signature is its name plus a hash
 * of its arguments (keys sorted, so `{a,b}` and `{b,a}` are the same call); the last N
 * signatures form a loop when they are one pattern of length 1, 2 or 3 repeated.
 */
import { createHash } from "node:crypto";

export interface SignedToolCall {
  readonly name: string;
  readonly arguments: Record<string, unknown>;
}

export function toolCallSignature(call: SignedToolCall): string {
  const hash = createHash("sha256").update(stableJson(call.arguments)).digest("hex").slice(0, 16);
  return `${call.name}:${hash}`;
}

/** True when the last `windowSize` signatures repeat one pattern of length 1, 2 or 3. */
export function detectLoop(signatures: readonly string[], windowSize: number): boolean {
  if (windowSize <= 0 || signatures.length < windowSize) return false;
  const recent = signatures.slice(signatures.length - windowSize);
  for (const patternLength of [1, 2, 3]) {
    if (windowSize % patternLength !== 0 || windowSize === patternLength) continue;
    const repeats = recent.every((signature, index) => signature === recent[index % patternLength]);
    if (repeats) return true;
  }
  return false;
}

export function loopWarning(windowSize: number): string {
  return `Loop detected: the last ${windowSize} tool calls follow a repeating pattern. Try a different approach.`;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
