import { describe, expect, test } from "vitest";
import { Context } from "./context.js";
import { selectEdge } from "./edge-selection.js";
import type { GraphEdge } from "./graph.js";

const edge = (to: string, attributes: Record<string, string> = {}): GraphEdge => ({ from: "n", to, attributes });
const context = new Context();

describe("edge selection (spec 3.3)", () => {
  test("step 1: a matching condition wins over weight", () => {
    const selected = selectEdge([edge("heavy", { weight: "9" }), edge("cond", { condition: "outcome=success" })], { status: "success" }, context);
    expect(selected).toMatchObject({ edge: { to: "cond" }, reason: "condition" });
  });

  test("step 1: among matching conditions, weight then lexical order", () => {
    const selected = selectEdge([edge("b", { condition: "outcome=success" }), edge("a", { condition: "outcome=success" }), edge("c", { condition: "outcome=success", weight: "1" })], { status: "success" }, context);
    expect(selected?.edge.to).toBe("c");
  });

  test("step 2: preferred label matches after normalization", () => {
    const selected = selectEdge([edge("yes", { label: "[Y] Yes, deploy" }), edge("no", { label: "No" })], { status: "success", preferredLabel: "  yes, DEPLOY " }, context);
    expect(selected).toMatchObject({ edge: { to: "yes" }, reason: "preferred-label" });
  });

  test("step 3: suggested next ids in order", () => {
    const selected = selectEdge([edge("a"), edge("b"), edge("c")], { status: "success", suggestedNextIds: ["z", "c", "b"] }, context);
    expect(selected).toMatchObject({ edge: { to: "c" }, reason: "suggested-id" });
  });

  test("steps 4 and 5: highest weight, then lexically first target", () => {
    expect(selectEdge([edge("a", { weight: "1" }), edge("b", { weight: "2" })], { status: "success" }, context)).toMatchObject({ edge: { to: "b" }, reason: "weight" });
    expect(selectEdge([edge("b"), edge("a")], { status: "success" }, context)).toMatchObject({ edge: { to: "a" }, reason: "lexical" });
  });

  test("conditional edges whose condition is false are never chosen", () => {
    expect(selectEdge([edge("a", { condition: "outcome=fail" })], { status: "success" }, context)).toBeUndefined();
  });

  test("a failed stage takes a matching fail edge before anything else", () => {
    expect(selectEdge([edge("next", { weight: "5" }), edge("fix", { condition: "outcome=fail" })], { status: "fail" }, context)?.edge.to).toBe("fix");
  });

  test("no edges: nothing selected", () => {
    expect(selectEdge([], { status: "success" }, context)).toBeUndefined();
  });
});
