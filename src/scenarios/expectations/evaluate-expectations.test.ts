import { expect, it } from "vitest";
import { evaluateExpectations } from "./evaluate-expectations.js";
import type { TrialView } from "./query.js";

it("gives one result per expectation, in order, with the query's detail and any error", () => {
  const view: TrialView = {
    requests: () => [{ seq: 1, method: "chat.postMessage", body: { text: "OPS-1 down" }, status: 200 }],
    records: () => [],
    deliveries: () => [],
    app: () => undefined,
    step: () => undefined,
    twinNames: () => ["slack"],
  };
  const results = evaluateExpectations(
    [
      { id: "posted", description: "the incident is announced", query: { kind: "requests", twin: "slack", method: "chat.postMessage", where: { "body.text": { contains: "OPS-1" } } } },
      { id: "expect-2", query: { kind: "requests", twin: "slack", method: "chat.update" } },
      { id: "expect-3", query: { kind: "records", twin: "jira", collection: "issues" } },
    ],
    view,
  );
  expect(results).toEqual([
    { id: "posted", description: "the incident is announced", passed: true, detail: 'slack requests chat.postMessage where body.text contains "OPS-1": 1 match, expected at least 1 (#1)' },
    { id: "expect-2", passed: false, detail: "slack requests chat.update: 0 match, expected at least 1 (no chat.update requests; seen: chat.postMessage ×1)" },
    { id: "expect-3", passed: false, detail: 'jira records issues: unknown twin "jira" (this trial has slack)', error: 'unknown twin "jira" (this trial has slack)' },
  ]);
});
