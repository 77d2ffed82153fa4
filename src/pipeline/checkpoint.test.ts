import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { LightsoutError } from "../errors.js";
import { type Checkpoint, loadCheckpoint, saveCheckpoint } from "./checkpoint.js";

const directory = () => mkdtempSync(join(tmpdir(), "lightsout-checkpoint-"));
const sample: Checkpoint = {
  v: 1,
  runId: "r1",
  timestamp: Date.parse("2026-01-01T00:00:00Z"),
  currentNode: "plan",
  nextNode: "implement",
  step: 2,
  completedNodes: ["start", "plan"],
  nodeRetries: { plan: 1 },
  nodeOutcomes: { start: { status: "success" }, plan: { status: "success", notes: "ok" } },
  context: { "graph.goal": "g", nested: { list: [1, 2] } },
  logs: ["plan: success"],
  restarts: 0,
};

describe("checkpoints (spec 5.3)", () => {
  test("round-trip with the spec's field names", () => {
    const root = directory();
    saveCheckpoint(root, sample);
    const file = JSON.parse(readFileSync(join(root, "checkpoint.json"), "utf8"));
    expect(file).toMatchObject({ v: 1, current_node: "plan", completed_nodes: ["start", "plan"], node_retries: { plan: 1 }, context: sample.context, logs: ["plan: success"] });
    expect(loadCheckpoint(root)).toEqual(sample);
  });

  test("writes atomically: no temporary file is left behind", () => {
    const root = directory();
    saveCheckpoint(root, sample);
    saveCheckpoint(root, { ...sample, step: 3 });
    expect(readFileSync(join(root, "checkpoint.json"), "utf8")).toContain('"step":3');
    expect(() => readFileSync(join(root, `checkpoint.json.${process.pid}.tmp`))).toThrow();
  });

  test.each([
    ["missing", undefined, /no checkpoint to resume from/],
    ["not JSON", "{ nope", /not valid JSON/],
    ["wrong version", JSON.stringify({ v: 2 }), /unsupported checkpoint version 2/],
    ["bad field", JSON.stringify({ v: 1, current_node: 5 }), /"current_node" must be a string/],
    ["bad outcome", JSON.stringify({ v: 1, current_node: "a", next_node: null, completed_nodes: [], context: {}, node_retries: {}, node_outcomes: { a: { status: "great" } } }), /node_outcomes.a has no valid status/],
  ])("a %s checkpoint is a precise CHECKPOINT error", (_name, content, message) => {
    const root = directory();
    if (content !== undefined) writeFileSync(join(root, "checkpoint.json"), content);
    let caught: unknown;
    try {
      loadCheckpoint(root);
    } catch (error) {
      caught = error;
    }
    expect(LightsoutError.isInstance(caught) && caught.code).toBe("CHECKPOINT");
    expect((caught as Error).message).toMatch(message);
    expect((caught as Error).message).toContain(join(root, "checkpoint.json"));
  });
});
