/**
 * Typed readers over the string attributes of graphs, nodes and edges (spec 2.4-2.7), and the
 * table of known attributes with their types, which the `attribute_types` lint rule checks.
 */
import type { Attributes } from "./graph.js";

export type AttributeType = "string" | "integer" | "float" | "boolean" | "duration" | "fidelity" | "effort" | "join_policy" | "retry_policy";

const DURATION = /^(-?\d+)(ms|s|m|h|d)$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Milliseconds for a duration such as `900s`, `250ms` or `1d`; undefined when the text is not one. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  return Number(match[1]) * UNIT_MS[match[2]!]!;
}

export function parseInteger(text: string): number | undefined {
  return /^-?\d+$/.test(text.trim()) ? Number(text.trim()) : undefined;
}

export function parseFloatValue(text: string): number | undefined {
  return /^-?(\d+\.?\d*|\d*\.\d+)$/.test(text.trim()) ? Number(text.trim()) : undefined;
}

export function parseBoolean(text: string): boolean | undefined {
  const value = text.trim().toLowerCase();
  if (value === "true") return true;
  if (value === "false") return false;
  return undefined;
}

export const FIDELITY_MODES = ["full", "truncate", "compact", "summary:low", "summary:medium", "summary:high"] as const;
export type FidelityMode = (typeof FIDELITY_MODES)[number];
export const REASONING_EFFORTS = ["low", "medium", "high"] as const;
export const JOIN_POLICIES = ["wait_all", "first_success"] as const;
export const RETRY_POLICY_NAMES = ["none", "standard", "aggressive", "linear", "patient"] as const;

export function isValid(type: AttributeType, text: string): boolean {
  switch (type) {
    case "string":
      return true;
    case "integer":
      return parseInteger(text) !== undefined;
    case "float":
      return parseFloatValue(text) !== undefined;
    case "boolean":
      return parseBoolean(text) !== undefined;
    case "duration":
      return parseDuration(text) !== undefined;
    case "fidelity":
      return (FIDELITY_MODES as readonly string[]).includes(text);
    case "effort":
      return (REASONING_EFFORTS as readonly string[]).includes(text);
    case "join_policy":
      return (JOIN_POLICIES as readonly string[]).includes(text);
    case "retry_policy":
      return (RETRY_POLICY_NAMES as readonly string[]).includes(text);
  }
}

/** Known attributes and their types. Unknown attributes are allowed (custom handlers read them). */
export const GRAPH_ATTRIBUTE_TYPES: Record<string, AttributeType> = {
  goal: "string",
  label: "string",
  model_stylesheet: "string",
  default_max_retries: "integer",
  default_max_retry: "integer",
  retry_target: "string",
  fallback_retry_target: "string",
  default_fidelity: "fidelity",
  "stack.child_dotfile": "string",
  "stack.child_workdir": "string",
  "tool_hooks.pre": "string",
  "tool_hooks.post": "string",
  thread_id: "string",
  retry_policy: "retry_policy",
  max_restarts: "integer",
};

export const NODE_ATTRIBUTE_TYPES: Record<string, AttributeType> = {
  label: "string",
  shape: "string",
  type: "string",
  prompt: "string",
  max_retries: "integer",
  goal_gate: "boolean",
  retry_target: "string",
  fallback_retry_target: "string",
  fidelity: "fidelity",
  thread_id: "string",
  class: "string",
  timeout: "duration",
  llm_model: "string",
  llm_provider: "string",
  reasoning_effort: "effort",
  auto_status: "boolean",
  allow_partial: "boolean",
  join_policy: "join_policy",
  max_parallel: "integer",
  tool_command: "string",
  "manager.poll_interval": "duration",
  "manager.max_cycles": "integer",
  "stack.child_autostart": "boolean",
  "tool_hooks.pre": "string",
  "tool_hooks.post": "string",
  "human.default_choice": "string",
  "human.timeout": "duration",
  retry_policy: "retry_policy",
  retry_initial_delay: "duration",
  retry_backoff_factor: "float",
  retry_max_delay: "duration",
  retry_jitter: "boolean",
  "manager.stop_condition": "string",
  "manager.actions": "string",
  "manager.steer_cooldown": "duration",
};

export const EDGE_ATTRIBUTE_TYPES: Record<string, AttributeType> = {
  label: "string",
  condition: "string",
  weight: "integer",
  fidelity: "fidelity",
  thread_id: "string",
  loop_restart: "boolean",
};

/** Readers with defaults. Invalid values fall back to the default; lint reports them first. */
export function readString(attributes: Attributes, key: string, fallback = ""): string {
  return attributes[key] ?? fallback;
}

export function readInteger(attributes: Attributes, key: string, fallback: number): number {
  const text = attributes[key];
  return text === undefined ? fallback : parseInteger(text) ?? fallback;
}

export function readBoolean(attributes: Attributes, key: string, fallback = false): boolean {
  const text = attributes[key];
  return text === undefined ? fallback : parseBoolean(text) ?? fallback;
}

export function readDuration(attributes: Attributes, key: string): number | undefined {
  const text = attributes[key];
  return text === undefined ? undefined : parseDuration(text);
}

/** Shape to handler type (spec 2.8, Appendix B). */
export const SHAPE_TO_TYPE: Record<string, string> = {
  Mdiamond: "start",
  Msquare: "exit",
  box: "codergen",
  hexagon: "wait.human",
  diamond: "conditional",
  component: "parallel",
  tripleoctagon: "parallel.fan_in",
  parallelogram: "tool",
  house: "stack.manager_loop",
};

/** The handler type a node resolves to: explicit `type`, then shape, then codergen. */
export function handlerTypeOf(attributes: Attributes): string {
  const explicit = attributes["type"];
  if (explicit) return explicit;
  return SHAPE_TO_TYPE[attributes["shape"] ?? "box"] ?? "codergen";
}
