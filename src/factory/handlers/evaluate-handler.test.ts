import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Context, createGraph, type HandlerRuntime } from "../../pipeline/index.js";
import { createMemoryRunStore } from "../../store/index.js";
import { FACTORY_KEYS, type FactoryEvent } from "../factory-events.js";
import type { IterationSummary } from "../iteration.js";
import { createRunRecorder } from "../run-recorder.js";
import { prepareWorkspace } from "../workspace.js";
import { createEvaluateHandler, evaluationDir } from "./evaluate-handler.js";
import type { FactoryStage } from "./factory-stage.js";

const HOLDOUT = join(import.meta.dirname, "..", "..", "..", "examples", "incident-bridge", "holdout");

describe("the holdout evaluation stage", () => {
  it("evaluates the workspace's app on the holdouts, commits the iteration with its satisfaction, and fails when the gate does", async () => {
    const root = mkdtempSync(join(tmpdir(), "lightsout-evaluate-"));
    writeFileSync(join(root, "SPEC.md"), "# Spec\n");
    const workspaceDir = join(root, "ws");
    prepareWorkspace({ workspaceDir, specPath: join(root, "SPEC.md"), holdoutDir: HOLDOUT });
    // An app that answers nothing right: every trial is a product failure, quickly.
    writeFileSync(join(workspaceDir, "app.mjs"), "import { createServer } from 'node:http';\ncreateServer((request, response) => { response.statusCode = request.url === '/health' ? 200 : 500; response.end(); }).listen(Number(process.env.PORT), '127.0.0.1');\n");
    const store = createMemoryRunStore();
    const events: FactoryEvent[] = [];
    const reports: IterationSummary[][] = [];
    const stage: FactoryStage = {
      workspaceDir, holdoutDir: HOLDOUT, runDir: join(root, "run"), app: { command: "node app.mjs", readyPath: "/health" }, threshold: 0.7, trials: 1, visibleTrials: 1, seed: 0, concurrency: 4,
      feedbackLevel: "category", maxIterations: 3, spentUsd: () => 0.25, budgetExceeded: () => false, recorder: createRunRecorder(store, "run"),
      emit: (event) => events.push(event), writeReport: (iterations) => reports.push([...iterations]),
    };
    const context = new Context({ [FACTORY_KEYS.iteration]: 1 });
    const runtime = { signal: new AbortController().signal } as HandlerRuntime;
    const outcome = await createEvaluateHandler(stage).execute({ id: "evaluate", attributes: {}, subgraphClasses: [] }, context, createGraph(), stage.runDir, runtime);

    expect(outcome).toMatchObject({ status: "fail", contextUpdates: { [FACTORY_KEYS.gatePassed]: false } });
    const iterations = (outcome as { contextUpdates: Record<string, unknown> }).contextUpdates[FACTORY_KEYS.iterations] as IterationSummary[];
    expect(iterations).toHaveLength(1);
    expect(iterations[0]).toMatchObject({ iteration: 1, gatePassed: false, costUsd: 0.25, filesChanged: ["app.mjs"] });
    expect(iterations[0]!.scenarios.map((scenario) => scenario.id).sort()).toEqual(["back-to-back-ops-incidents", "bot-thread-chatter-not-copied", "bulk-import-mixed-priorities", "unrelated-threads-ignored"]);
    const subject = execFileSync("git", ["log", "-1", "--format=%s"], { cwd: workspaceDir, encoding: "utf8" }).trim();
    expect(subject).toMatch(/^iteration 1: app\.mjs — satisfaction .*, gate failed$/);
    expect(existsSync(join(evaluationDir(stage.runDir, 1, "holdout"), "feedback.txt"))).toBe(true);
    expect(reports.at(-1)).toEqual(iterations);
    expect(events.some((event) => event.type === "iteration-end")).toBe(true);
    await stage.recorder.flush();
    expect(await store.query({ runId: "run", type: "verdict" })).toHaveLength(4);
  }, 60_000);
});
