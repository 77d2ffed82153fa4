import { describe, expect, it } from "vitest";
import { Context, createGraph, type HandlerRuntime } from "../../pipeline/index.js";
import type { FactoryStage } from "./factory-stage.js";
import { createVisibleChecksHandler } from "./visible-checks-handler.js";

describe("the visible checks stage", () => {
  it("succeeds without visible scenarios, so the compiled outcome=success edge goes on to the holdouts", async () => {
    const stage = { visibleDir: undefined } as unknown as FactoryStage;
    const outcome = await createVisibleChecksHandler(stage).execute({ id: "visible_checks", attributes: {}, subgraphClasses: [] }, new Context(), createGraph(), "/tmp", {} as HandlerRuntime);
    expect(outcome).toEqual({ status: "success", notes: "no visible scenarios" });
  });
});
