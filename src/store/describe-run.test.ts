import { expect, test } from "vitest";
import { describeRun } from "./describe-run.js";
import type { RunSummary } from "./types.js";

const summary = (payload: Record<string, unknown>): RunSummary => ({
  runId: "r",
  root: { id: "rec_000000000001", runId: "r", parentId: undefined, type: "run", version: 1, key: undefined, payload, blobs: [], at: 0, sequence: 1 },
  records: 1,
  firstAt: 0,
  lastAt: 0,
});

test("the first of spec, pipeline, name, goal that is a non-empty string, and the status", () => {
  expect(describeRun(summary({ pipeline: "demo.dot", spec: "hello.md", status: "running" }))).toEqual({ subject: "spec hello.md", status: "running" });
  expect(describeRun(summary({ spec: "", pipeline: "demo.dot" }))).toEqual({ subject: "pipeline demo.dot", status: undefined });
  expect(describeRun(summary({ spec: { path: "x" }, status: 3 }))).toEqual({ subject: undefined, status: undefined });
});
