import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Context } from "../context.js";
import { addEdge, addNode, createGraph, type Graph, type GraphNode } from "../graph.js";
import { CallbackInterviewer } from "../interviewers/callback.js";
import { createPendingInterviewer } from "../interviewers/pending.js";
import type { Answer, Interviewer, Question } from "../interviewers/question.js";
import { QueueInterviewer } from "../interviewers/queue.js";
import { readStatusFile } from "../status-file.js";
import type { HandlerRuntime } from "./handler.js";
import { createTestRuntime, outcomeOf, type TestRuntime } from "./test-runtime.js";
import { choicesFromEdges, createWaitHumanHandler, findChoice } from "./wait-human.js";

function gate(nodeAttributes: Record<string, string> = { label: "Review the plan" }): { graph: Graph; node: GraphNode } {
  const graph = createGraph();
  const node = addNode(graph, "review", { shape: "hexagon", ...nodeAttributes });
  addEdge(graph, "review", "ship", { label: "[A] Approve" });
  addEdge(graph, "review", "plan", { label: "R) Request changes" });
  addEdge(graph, "review", "archive");
  return { graph, node };
}

async function run(interviewer: Interviewer, nodeAttributes?: Record<string, string>, overrides: Partial<HandlerRuntime> = {}) {
  const { graph, node } = gate(nodeAttributes);
  const logsRoot = mkdtempSync(join(tmpdir(), "lightsout-"));
  const runtime: TestRuntime = createTestRuntime({ interviewer, ...overrides });
  const outcome = outcomeOf(await createWaitHumanHandler().execute(node, new Context(), graph, logsRoot, runtime));
  return { outcome, runtime, stageDir: join(logsRoot, "review") };
}

const answering = (answer: Answer): Interviewer => new QueueInterviewer([answer]);

describe("choicesFromEdges", () => {
  it("offers each outgoing edge with its accelerator key, using the target id when unlabeled", () => {
    const { graph } = gate();
    expect(choicesFromEdges(graph, "review")).toEqual([
      { key: "A", label: "[A] Approve", to: "ship" },
      { key: "R", label: "R) Request changes", to: "plan" },
      { key: "A", label: "archive", to: "archive" },
    ]);
  });

  it("matches by key, then label, then target id", () => {
    const { graph } = gate();
    const choices = choicesFromEdges(graph, "review");
    expect(findChoice("a", choices)?.to).toBe("ship");
    expect(findChoice("request changes", choices)?.to).toBe("plan");
    expect(findChoice("archive", choices)?.to).toBe("archive");
    expect(findChoice("plan", choices)?.to).toBe("plan");
    expect(findChoice("nothing", choices)).toBeUndefined();
  });
});

describe("createWaitHumanHandler", () => {
  it("asks a multiple-choice question built from the outgoing edges", async () => {
    const asked: Question[] = [];
    const interviewer = new CallbackInterviewer((question) => {
      asked.push(question);
      return { value: "R" };
    });
    await run(interviewer);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({
      text: "Review the plan",
      type: "multiple_choice",
      stage: "review",
      options: [
        { key: "A", label: "[A] Approve" },
        { key: "R", label: "R) Request changes" },
        { key: "A", label: "archive" },
      ],
    });
    expect(asked[0]!.id).toMatch(/^review-\d+-1$/);
    expect(asked[0]!.timeoutSeconds).toBeUndefined();
  });

  it("routes to the selected edge: preferred label, suggested id and context updates", async () => {
    const { outcome, stageDir } = await run(answering({ value: "r" }));
    expect(outcome).toEqual({
      status: "success",
      preferredLabel: "R) Request changes",
      suggestedNextIds: ["plan"],
      contextUpdates: { "human.gate.selected": "R", "human.gate.label": "R) Request changes" },
      notes: "selected R) Request changes",
    });
    expect(readStatusFile(stageDir)).toEqual(outcome);
  });

  it("matches the selected option, a label or a target id", async () => {
    expect((await run(answering({ value: "x", selectedOption: { key: "R", label: "R) Request changes" } }))).outcome.suggestedNextIds).toEqual(["plan"]);
    expect((await run(answering({ value: "Approve" }))).outcome.suggestedNextIds).toEqual(["ship"]);
    expect((await run(answering({ value: "archive" }))).outcome.suggestedNextIds).toEqual(["archive"]);
  });

  it("falls back to the first choice for an answer that matches none", async () => {
    const { outcome } = await run(answering({ value: "banana" }));
    expect(outcome.suggestedNextIds).toEqual(["ship"]);
    expect(outcome.notes).toContain("matched no choice");
  });

  it("works with the auto-approving interviewer", async () => {
    const { graph, node } = gate();
    const outcome = outcomeOf(await createWaitHumanHandler().execute(node, new Context(), graph, mkdtempSync(join(tmpdir(), "lightsout-")), createTestRuntime()));
    expect(outcome.suggestedNextIds).toEqual(["ship"]);
  });

  it("uses a default question text when the node has no label", async () => {
    const asked: string[] = [];
    await run(
      new CallbackInterviewer((question) => {
        asked.push(question.text);
        return { value: "A" };
      }),
      {},
    );
    expect(asked).toEqual(["Select an option:"]);
  });

  it("emits interview-start and interview-end", async () => {
    const { runtime } = await run(answering({ value: "A" }));
    expect(runtime.events.map((event) => event.type)).toEqual(["interview-start", "interview-end"]);
    expect(runtime.events[1]).toMatchObject({ type: "interview-end", nodeId: "review", answer: { value: "A" } });
  });

  it("fails when the human skips", async () => {
    expect((await run(answering({ value: "skipped" }))).outcome).toEqual({ status: "fail", failureReason: "human skipped interaction" });
  });

  it("fails when there are no outgoing edges", async () => {
    const graph = createGraph();
    const node = addNode(graph, "lonely", { shape: "hexagon" });
    const outcome = outcomeOf(await createWaitHumanHandler().execute(node, new Context(), graph, mkdtempSync(join(tmpdir(), "lightsout-")), createTestRuntime()));
    expect(outcome).toEqual({ status: "fail", failureReason: "No outgoing edges for human gate" });
  });

  it("fails with the message when the interviewer throws", async () => {
    const interviewer = new CallbackInterviewer(() => {
      throw new Error("slack down");
    });
    expect((await run(interviewer)).outcome).toEqual({ status: "fail", failureReason: "interviewer failed: slack down" });
  });

  it("asks for a retry on timeout without a default, and stops the interviewer waiting", async () => {
    const interviewer = createPendingInterviewer();
    const { outcome, runtime } = await run(interviewer, { "human.timeout": "50ms" });
    expect(outcome).toEqual({ status: "retry", failureReason: "human gate timeout, no default" });
    expect(interviewer.pending()).toEqual([]);
    expect(runtime.events.map((event) => event.type)).toEqual(["interview-start", "interview-timeout"]);
    expect(runtime.events[0]).toMatchObject({ question: { timeoutSeconds: 0.05 } });
  });

  it.each([
    ["plan", "plan"],
    ["R", "plan"],
    ["approve", "ship"],
  ])("takes human.default_choice %j on timeout", async (defaultChoice, target) => {
    const { outcome } = await run(createPendingInterviewer(), { "human.timeout": "20ms", "human.default_choice": defaultChoice });
    expect(outcome.status).toBe("success");
    expect(outcome.suggestedNextIds).toEqual([target]);
    expect(outcome.notes).toContain("timed out");
  });

  it("asks for a retry when the default choice matches no edge", async () => {
    const { outcome } = await run(createPendingInterviewer(), { "human.timeout": "20ms", "human.default_choice": "nowhere" });
    expect(outcome).toEqual({ status: "retry", failureReason: 'human gate timeout; human.default_choice "nowhere" matches no outgoing edge' });
  });

  it("treats a TIMEOUT answer from the interviewer like its own timeout", async () => {
    const { outcome, runtime } = await run(answering({ value: "timeout" }), { "human.default_choice": "ship" });
    expect(outcome.suggestedNextIds).toEqual(["ship"]);
    expect(runtime.events.map((event) => event.type)).toEqual(["interview-start", "interview-timeout"]);
  });

  it("fails and stops the interviewer waiting when the run is cancelled", async () => {
    const interviewer = createPendingInterviewer();
    const controller = new AbortController();
    interviewer.onQuestion(() => setTimeout(() => controller.abort(), 10));
    const { outcome } = await run(interviewer, {}, { signal: controller.signal });
    expect(outcome).toEqual({ status: "fail", failureReason: "human gate cancelled" });
    expect(interviewer.pending()).toEqual([]);
  });

  it("gives each question of a handler a new id", async () => {
    const ids: string[] = [];
    const interviewer = new CallbackInterviewer((question) => {
      ids.push(question.id);
      return { value: "A" };
    });
    const { graph, node } = gate();
    const handler = createWaitHumanHandler();
    const runtime = createTestRuntime({ interviewer, now: () => 1000 });
    const logsRoot = mkdtempSync(join(tmpdir(), "lightsout-"));
    outcomeOf(await handler.execute(node, new Context(), graph, logsRoot, runtime));
    outcomeOf(await handler.execute(node, new Context(), graph, logsRoot, runtime));
    expect(ids).toEqual(["review-1000-1", "review-1000-2"]);
  });
});
