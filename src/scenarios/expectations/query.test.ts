import { describe, expect, it } from "vitest";
import type { Count, Query } from "../model.js";
import { evaluateQuery, type TrialView } from "./query.js";

interface FakeTrial {
  requests?: Record<string, unknown[]>;
  records?: Record<string, { collection: string; id: string; record: unknown }[]>;
  deliveries?: Record<string, unknown[]>;
  app?: ReturnType<TrialView["app"]>;
  steps?: Record<string, unknown>;
  stepIds?: string[];
}

function view(trial: FakeTrial): TrialView {
  const twins = new Set([...Object.keys(trial.requests ?? {}), ...Object.keys(trial.records ?? {}), ...Object.keys(trial.deliveries ?? {})]);
  return {
    requests: (twin) => trial.requests?.[twin] ?? [],
    records: (twin) => trial.records?.[twin] ?? [],
    deliveries: (twin) => trial.deliveries?.[twin] ?? [],
    app: () => trial.app,
    step: (id) => trial.steps?.[id],
    twinNames: () => [...twins],
    ...(trial.stepIds ? { stepIds: () => trial.stepIds! } : {}),
  };
}

const post = (seq: number, text: string, channel = "C1", status = 200) => ({ seq, time: 0, method: "chat.postMessage", httpMethod: "POST", path: "/api/chat.postMessage", query: {}, body: { channel, text }, status, response: { ok: true, ts: `1767225600.00000${seq}` } });
const slack: FakeTrial = {
  requests: {
    slack: [{ seq: 1, method: "auth.test", body: {}, status: 200 }, post(2, "OPS-7 Login slow", "C9"), post(3, "OPS-2 Checkout 502"), { seq: 4, method: "conversations.list", body: {}, status: 200 }],
    jira: [],
  },
};

describe("requests queries", () => {
  it("count matching requests by method glob and where clauses", () => {
    const result = evaluateQuery({ kind: "requests", twin: "slack", method: "chat.*", where: { "body.text": { contains: "OPS-2" } } }, view(slack));
    expect(result).toMatchObject({ passed: true, detail: 'slack requests chat.* where body.text contains "OPS-2": 1 match, expected at least 1 (#3)' });
    expect(result.matches).toEqual([post(3, "OPS-2 Checkout 502")]);
  });

  it("a failure names the closest candidate and the clause it failed", () => {
    const result = evaluateQuery({ kind: "requests", twin: "slack", method: "chat.postMessage", where: { "body.text": { contains: "OPS-1" }, "body.channel": "C1" } }, view(slack));
    expect(result.passed).toBe(false);
    expect(result.error).toBeUndefined();
    // #3 fails one clause (the text), #2 fails two (text and channel): #3 is the closest.
    expect(result.detail).toBe('slack requests chat.postMessage where body.text contains "OPS-1" and body.channel = "C1": 0 match, expected at least 1 (closest: #3 body.text = "OPS-2 Checkout 502")');
  });

  it("says how many clauses the closest candidate failed, and when a field is missing", () => {
    const result = evaluateQuery({ kind: "requests", twin: "slack", method: "chat.postMessage", where: { "body.thread_ts": { exists: true }, "body.text": "x" } }, view(slack));
    expect(result.detail).toMatch(/\(closest: #3 body\.thread_ts is missing, and 1 more clause failed\)$/);
  });

  it("with no request of the method, lists what the twin did receive", () => {
    const result = evaluateQuery({ kind: "requests", twin: "slack", method: "chat.update" }, view(slack));
    expect(result.detail).toBe("slack requests chat.update: 0 match, expected at least 1 (no chat.update requests; seen: chat.postMessage ×2, auth.test ×1, conversations.list ×1)");
    expect(evaluateQuery({ kind: "requests", twin: "jira" }, view(slack)).detail).toBe("jira requests: 0 match, expected at least 1 (no requests reached the twin)");
  });

  it("counts: a number is exact, bounds are inclusive, too many lists the matches", () => {
    const query = (count: Count): Query => ({ kind: "requests", twin: "slack", method: "chat.postMessage", count });
    expect(evaluateQuery(query(2), view(slack)).passed).toBe(true);
    expect(evaluateQuery(query({ max: 1 }), view(slack)).detail).toBe("slack requests chat.postMessage: 2 match, expected at most 1 (matched #2, #3)");
    expect(evaluateQuery(query(0), view(slack)).detail).toMatch(/2 match, expected none/);
    expect(evaluateQuery(query({ min: 1, max: 3 }), view(slack)).detail).toMatch(/2 match, expected between 1 and 3/);
    expect(evaluateQuery(query({ min: 3 }), view(slack)).detail).toMatch(/2 match, expected at least 3 \(only 2 requests in all\)$/);
    expect(evaluateQuery({ kind: "requests", twin: "slack", method: "chat.update", count: 0 }, view(slack)).passed).toBe(true);
  });
});

describe("records and deliveries", () => {
  const state: FakeTrial = {
    records: {
      slack: [
        { collection: "users", id: "U1", record: { id: "U1", name: "ana" } },
        { collection: "messages/C1", id: "1767225601.000100", record: { ts: "1767225601.000100", text: "deploy done", user: "U1" } },
        { collection: "messages/C2", id: "1767225602.000100", record: { ts: "1767225602.000100", text: "rollback", user: "U1" } },
      ],
    },
    deliveries: { slack: [{ seq: 1, time: 0, url: "http://app/events", headers: {}, body: JSON.stringify({ type: "event_callback", event: { type: "message", text: "hi" } }), status: 200 }] },
  };

  it("matches records with $collection and $id, collections by glob", () => {
    const result = evaluateQuery({ kind: "records", twin: "slack", collection: "messages/*", where: { text: { contains: "rollback" } } }, view(state));
    expect(result.passed).toBe(true);
    expect(result.matches).toEqual([{ ts: "1767225602.000100", text: "rollback", user: "U1", $collection: "messages/C2", $id: "1767225602.000100" }]);
    expect(evaluateQuery({ kind: "records", twin: "slack", collection: "messages/*", where: { $collection: "messages/C1" }, count: 1 }, view(state)).passed).toBe(true);
    expect(evaluateQuery({ kind: "records", twin: "slack", collection: "messages/*", where: { ts: { gt: "2026-01-01T00:00:01.500Z" } }, count: 1 }, view(state)).passed).toBe(true);
  });

  it("an empty collection says which collections there are", () => {
    expect(evaluateQuery({ kind: "records", twin: "slack", collection: "files" }, view(state)).detail).toBe("slack records files: 0 match, expected at least 1 (no records in files; collections: users ×1, messages/C1 ×1, messages/C2 ×1)");
  });

  it("matches deliveries on their parsed JSON body", () => {
    const result = evaluateQuery({ kind: "deliveries", twin: "slack", where: { "body.event.type": "message", status: { lt: 300 } } }, view(state));
    expect(result.passed).toBe(true);
    expect((result.matches[0] as { body: unknown }).body).toEqual({ type: "event_callback", event: { type: "message", text: "hi" } });
  });
});

describe("app and step queries", () => {
  const trial: FakeTrial = {
    app: { exitCode: 1, signal: null, stdout: "listening on 3000\n", stderr: "Error: ECONNREFUSED", running: false },
    steps: { create: { status: 201, body: { key: "OPS-3" } } },
    stepIds: ["create", "close"],
  };

  it("app: holds when every clause holds, else says which did not", () => {
    expect(evaluateQuery({ kind: "app", where: { stdout: { contains: "listening" } } }, view(trial))).toMatchObject({ passed: true, detail: 'app where stdout contains "listening": holds' });
    expect(evaluateQuery({ kind: "app", where: { exitCode: 0, stderr: { not: { contains: "Error" } } } }, view(trial)).detail).toBe(
      'app where exitCode = 0 and stderr not (contains "Error"): does not hold (exitCode = 1; stderr = "Error: ECONNREFUSED")',
    );
  });

  it("step: reads a recorded outcome; a known step that did not run fails without an error", () => {
    expect(evaluateQuery({ kind: "step", step: "create", where: { status: 201, "body.key": { matches: "^OPS-" } } }, view(trial)).passed).toBe(true);
    const notRun = evaluateQuery({ kind: "step", step: "close", where: { status: 200 } }, view(trial));
    expect(notRun).toMatchObject({ passed: false, detail: "step close where status = 200: the step did not run" });
    expect(notRun.error).toBeUndefined();
  });
});

describe("unanswerable queries are errors, never throws", () => {
  it("unknown twin, unknown step, no app, invalid regex or path, bad count", () => {
    const cases: [Query, RegExp][] = [
      [{ kind: "requests", twin: "okta" }, /^unknown twin "okta" \(this trial has slack, jira\)$/],
      [{ kind: "step", step: "nope", where: {} }, /^unknown step "nope"$/],
      [{ kind: "app", where: { exitCode: 0 } }, /^the trial has no app to look at$/],
      [{ kind: "requests", twin: "slack", where: { "body.text": { matches: "(" } } }, /^body\.text: invalid regular expression/],
      [{ kind: "requests", twin: "slack", where: { "body..text": "x" } }, /^invalid path "body\.\.text"/],
      [{ kind: "requests", twin: "slack", count: { min: 2, max: 1 } }, /^invalid count/],
    ];
    for (const [query, error] of cases) {
      const result = evaluateQuery(query, view(slack));
      expect(result.passed).toBe(false);
      expect(result.error).toMatch(error);
      expect(result.detail).toContain(result.error);
    }
  });

  it("a view that throws becomes an error", () => {
    const broken: TrialView = { ...view(slack), requests: () => { throw new Error("tenant gone"); } };
    expect(evaluateQuery({ kind: "requests", twin: "slack" }, broken)).toMatchObject({ passed: false, error: "the query failed: tenant gone" });
  });
});
