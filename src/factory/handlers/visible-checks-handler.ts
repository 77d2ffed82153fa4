/**
 * `lightsout.visible_checks`: the quick check on the scenarios the agents may read (copied into
 * the workspace as `scenarios/`). Runs them against the app in the workspace, records the result
 * and writes full feedback on their failures for the feedback stage. It never stops the loop: a
 * failure here feeds back too, and the holdouts decide (partial_success, so no failure route).
 */
import { existsSync } from "node:fs";
import { LightsoutError } from "../../errors.js";
import type { Handler, Outcome } from "../../pipeline/index.js";
import { evaluateScenarios } from "../../scenarios/evaluate.js";
import { FACTORY_KEYS } from "../factory-events.js";
import { evaluationDir } from "./evaluate-handler.js";
import { type FactoryStage, iterationOf } from "./factory-stage.js";

export function createVisibleChecksHandler(stage: FactoryStage): Handler {
  return {
    async execute(_node, context, _graph, _logsRoot, runtime): Promise<Outcome> {
      const iteration = iterationOf(context);
      // The originals, not the workspace copies: an agent that edits a scenario does not change the check.
      if (stage.visibleDir === undefined || !existsSync(stage.visibleDir)) {
        return { status: "success", notes: "no visible scenarios" };
      }
      let done = 0;
      let total = 0;
      const result = await evaluateScenarios({
        paths: [stage.visibleDir],
        app: { ...stage.app, cwd: stage.workspaceDir },
        trials: stage.visibleTrials,
        seed: stage.seed,
        ...(stage.concurrency !== undefined ? { concurrency: stage.concurrency } : {}),
        threshold: stage.threshold,
        feedback: "full",
        outDir: evaluationDir(stage.runDir, iteration, "visible"),
        signal: runtime.signal,
        onEvent: (event) => {
          if (event.type === "suite-start") total = event.totalTrials;
          if (event.type === "trial-end") {
            done += 1;
            stage.emit({ type: "trial-end", iteration, suite: "visible", scenarioId: event.scenarioId, satisfied: event.verdict.satisfied, done, total });
          }
        },
      });
      if (runtime.signal.aborted) throw new LightsoutError("CANCELLED", "run cancelled during the visible checks");
      const satisfaction = result.report.satisfaction?.value ?? null;
      const passed = result.report.gate.passed;
      stage.recorder.evaluation(iteration, "visible", { satisfaction, lower: result.report.satisfaction?.lower ?? null, upper: result.report.satisfaction?.upper ?? null, gatePassed: passed }, result.trajectories);
      stage.emit({ type: "visible-end", iteration, satisfaction, gatePassed: passed });
      const contextUpdates = { [FACTORY_KEYS.visibleSatisfaction]: satisfaction, [FACTORY_KEYS.visiblePassed]: passed };
      const notes = `visible scenarios: satisfaction ${satisfaction === null ? "n/a" : satisfaction.toFixed(2)}, ${passed ? "passed" : "failed"}`;
      return { status: passed ? "success" : "partial_success", notes, contextUpdates };
    },
  };
}
