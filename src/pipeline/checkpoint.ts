/**
 * Checkpoints (spec 5.3): after every node the run's state is written to
 * `{logsRoot}/checkpoint.json` atomically (a temp file renamed over the old one), so a process
 * killed at any moment leaves either the previous or the new checkpoint, never a torn one.
 * The file is plain, versioned data (`"v": 1`) with the spec's snake_case field names.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { LightsoutError, errorMessage } from "../errors.js";
import { writeFileAtomically } from "../write-file-atomically.js";
import type { Outcome } from "./outcome.js";
import { isStageStatus } from "./outcome.js";

export const CHECKPOINT_FILE = "checkpoint.json";

export interface Checkpoint {
  v: 1;
  runId: string;
  timestamp: number;
  /** The node that completed last. */
  currentNode: string;
  /** Where execution continues; undefined once the run has finished. */
  nextNode?: string;
  /** How many stages have completed in this run, used to match the stage journal. */
  step: number;
  completedNodes: string[];
  nodeRetries: Record<string, number>;
  nodeOutcomes: Record<string, Outcome>;
  context: Record<string, unknown>;
  logs: string[];
  /** The fidelity the last node ran with: a resumed run degrades `full` to `summary:high` once. */
  lastFidelity?: string;
  restarts: number;
  /** Set when the run ended: its final status. */
  finished?: { status: "success" | "fail"; outcome: Outcome };
}

interface CheckpointFile {
  v: 1;
  run_id: string;
  timestamp: string;
  current_node: string;
  next_node: string | null;
  step: number;
  completed_nodes: string[];
  node_retries: Record<string, number>;
  node_outcomes: Record<string, Outcome>;
  context: Record<string, unknown>;
  logs: string[];
  last_fidelity: string | null;
  restarts: number;
  finished: { status: "success" | "fail"; outcome: Outcome } | null;
}

export function serializeCheckpoint(checkpoint: Checkpoint): string {
  const file: CheckpointFile = {
    v: 1,
    run_id: checkpoint.runId,
    timestamp: new Date(checkpoint.timestamp).toISOString(),
    current_node: checkpoint.currentNode,
    next_node: checkpoint.nextNode ?? null,
    step: checkpoint.step,
    completed_nodes: checkpoint.completedNodes,
    node_retries: checkpoint.nodeRetries,
    node_outcomes: checkpoint.nodeOutcomes,
    context: checkpoint.context,
    logs: checkpoint.logs,
    last_fidelity: checkpoint.lastFidelity ?? null,
    restarts: checkpoint.restarts,
    finished: checkpoint.finished ?? null,
  };
  // Compact: the checkpoint is rewritten after every stage and grows with the run.
  return JSON.stringify(file);
}

/** Writes the checkpoint atomically and returns its path. */
export function saveCheckpoint(logsRoot: string, checkpoint: Checkpoint): string {
  const path = join(logsRoot, CHECKPOINT_FILE);
  writeFileAtomically(path, serializeCheckpoint(checkpoint));
  return path;
}

function fail(path: string, what: string): never {
  throw new LightsoutError("CHECKPOINT", `${path}: ${what}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}

/** Loads and checks a checkpoint; a missing or malformed file is a precise CHECKPOINT error. */
export function loadCheckpoint(logsRoot: string): Checkpoint {
  const path = join(logsRoot, CHECKPOINT_FILE);
  if (!existsSync(path)) fail(path, "no checkpoint to resume from (the run never completed a stage, or this is not a run directory)");
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    fail(path, `not valid JSON: ${errorMessage(error)}`);
  }
  if (!isRecord(data)) fail(path, "expected a JSON object");
  if (data["v"] !== 1) fail(path, `unsupported checkpoint version ${JSON.stringify(data["v"])} (expected 1)`);
  if (typeof data["current_node"] !== "string") fail(path, 'field "current_node" must be a string');
  if (data["next_node"] !== null && typeof data["next_node"] !== "string") fail(path, 'field "next_node" must be a string or null');
  if (!isStringArray(data["completed_nodes"])) fail(path, 'field "completed_nodes" must be an array of strings');
  if (!isRecord(data["context"])) fail(path, 'field "context" must be an object');
  if (!isRecord(data["node_retries"])) fail(path, 'field "node_retries" must be an object');
  if (!isRecord(data["node_outcomes"])) fail(path, 'field "node_outcomes" must be an object');
  for (const [nodeId, outcome] of Object.entries(data["node_outcomes"])) {
    if (!isRecord(outcome) || !isStageStatus(outcome["status"])) fail(path, `node_outcomes.${nodeId} has no valid status`);
  }
  const timestamp = Date.parse(String(data["timestamp"]));
  return {
    v: 1,
    runId: typeof data["run_id"] === "string" ? data["run_id"] : "",
    timestamp: Number.isNaN(timestamp) ? 0 : timestamp,
    currentNode: data["current_node"],
    ...(typeof data["next_node"] === "string" ? { nextNode: data["next_node"] } : {}),
    step: typeof data["step"] === "number" ? data["step"] : data["completed_nodes"].length,
    completedNodes: data["completed_nodes"],
    nodeRetries: data["node_retries"] as Record<string, number>,
    nodeOutcomes: data["node_outcomes"] as unknown as Record<string, Outcome>,
    context: data["context"],
    logs: isStringArray(data["logs"]) ? data["logs"] : [],
    ...(typeof data["last_fidelity"] === "string" ? { lastFidelity: data["last_fidelity"] } : {}),
    restarts: typeof data["restarts"] === "number" ? data["restarts"] : 0,
    ...(isRecord(data["finished"]) ? { finished: data["finished"] as unknown as Checkpoint["finished"] & object } : {}),
  };
}
