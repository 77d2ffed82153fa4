import { describe, expect, test } from "vitest";
import { Context } from "./context.js";

describe("context (spec 5.1)", () => {
  test("a key-value store with string reads and defaults", () => {
    const context = new Context({ count: 3 });
    context.set("context.name", "lightsout");
    expect(context.get("context.name")).toBe("lightsout");
    expect(context.get("missing", "fallback")).toBe("fallback");
    expect(context.getString("count")).toBe("3");
    expect(context.getString("missing")).toBe("");
    expect(context.getString("missing", "x")).toBe("x");
  });

  test("snapshots and clones are deep copies: branches cannot leak into the parent", () => {
    const parent = new Context({ nested: { list: [1] } });
    const branch = parent.clone();
    (branch.get("nested") as { list: number[] }).list.push(2);
    branch.set("branch.only", true);
    expect(parent.get("nested")).toEqual({ list: [1] });
    expect(parent.has("branch.only")).toBe(false);
    const snapshot = parent.snapshot();
    (snapshot["nested"] as { list: number[] }).list.push(9);
    expect(parent.get("nested")).toEqual({ list: [1] });
  });

  test("applies updates and keeps an append-only log", () => {
    const context = new Context();
    context.applyUpdates({ a: 1, b: "two" });
    context.applyUpdates(undefined);
    context.appendLog("first");
    context.appendLog("second");
    expect(context.snapshot()).toEqual({ a: 1, b: "two" });
    expect(context.logs).toEqual(["first", "second"]);
    expect(context.clone().logs).toEqual(["first", "second"]);
  });
});
