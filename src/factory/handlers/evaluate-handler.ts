/**
 * `lightsout.evaluate`: the holdout gate. Runs the holdout scenarios K times each against the app
 * the agents built in the workspace (leak-checking the workspace and its git history first),
 * compares with the previous iteration seed for seed, commits the iteration with its satisfaction
 * in the message, records the evaluation, rewrites the run report, and succeeds iff the gate
 * passes. Everything later stages need goes into the context (ADR 0110).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { LightsoutError } from "../../errors.js";
import { type Handler, type Outcome } from "../../pipeline/index.js";
import { evaluateScenarios } from "../../scenarios/evaluate.js";
import type { RunReport } from "../../scenarios/report/index.js";
import { FACTORY_KEYS } from "../factory-events.js";
import { type IterationSummary, satisfactionPhrase, summarizeReport } from "../iteration.js";
import { commitIteration, describeFiles } from "../workspace.js";
import { type FactoryStage, iterationOf, iterationsOf } from "./factory-stage.js";

export function evaluationDir(runDir: string, iteration: number, suite: "holdout" | "visible"): string {
  return join(runDir, "evaluations", `iteration-${iteration}`, suite);
}

function previousReport(runDir: string, iteration: number): RunReport | undefined {
  const path = join(evaluationDir(runDir, iteration - 1, "holdout"), "run.json");
  if (iteration <= 1 || !existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, "utf8")) as RunReport;
}

export function createEvaluateHandler(stage: FactoryStage): Handler {
  return {
    async execute(_node, context, _graph, _logsRoot, runtime): Promise<Outcome> {
      const iteration = iterationOf(context);
      const history = iterationsOf(context).filter((summary) => summary.iteration < iteration);
      const previous = history.at(-1);
      const baseline = previousReport(stage.runDir, iteration);
      let done = 0;
      let total = 0;
      const result = await evaluateScenarios({
        paths: [stage.holdoutDir],
        holdout: true,
        app: { ...stage.app, cwd: stage.workspaceDir },
        trials: stage.trials,
        seed: stage.seed,
        ...(stage.concurrency !== undefined ? { concurrency: stage.concurrency } : {}),
        threshold: stage.threshold,
        ...(baseline ? { baseline } : {}),
        leakCheckPaths: [stage.workspaceDir],
        feedback: stage.feedbackLevel,
        outDir: evaluationDir(stage.runDir, iteration, "holdout"),
        signal: runtime.signal,
        onEvent: (event) => {
          if (event.type === "suite-start") total = event.totalTrials;
          if (event.type === "trial-end") {
            done += 1;
            stage.emit({ type: "trial-end", iteration, suite: "holdout", scenarioId: event.scenarioId, satisfied: event.verdict.satisfied, done, total });
          }
        },
      });
      // Trials stopped half-way are no verdict on the code: the stage is re-run on resume.
      if (runtime.signal.aborted) throw new LightsoutError("CANCELLED", "run cancelled during the evaluation");

      const partial = summarizeReport(iteration, result.report, previous);
      const { commit, files } = commitIteration(stage.workspaceDir, iteration, (changed) => `${describeFiles(changed)} — ${satisfactionPhrase(partial)}`);
      const spentUsd = stage.spentUsd();
      const spentBefore = previous?.spentUsd ?? 0;
      const visibleSatisfaction = context.get(FACTORY_KEYS.visibleSatisfaction);
      const summary: IterationSummary = {
        ...partial,
        visible: context.has(FACTORY_KEYS.visiblePassed)
          ? { satisfaction: typeof visibleSatisfaction === "number" ? visibleSatisfaction : null, passed: context.get(FACTORY_KEYS.visiblePassed) === true }
          : null,
        costUsd: Math.max(0, spentUsd - spentBefore),
        spentUsd,
        commit,
        filesChanged: files,
      };
      const iterations = [...history, summary];
      stage.recorder.evaluation(
        iteration,
        "holdout",
        { satisfaction: summary.satisfaction, lower: summary.lower, upper: summary.upper, gatePassed: summary.gatePassed, gateReasons: summary.gateReasons, regressions: summary.regressions, leaks: summary.leaks, commit },
        result.trajectories,
      );
      stage.writeReport(iterations);
      stage.emit({ type: "iteration-end", summary });

      const contextUpdates = {
        [FACTORY_KEYS.satisfaction]: summary.satisfaction,
        [FACTORY_KEYS.lower]: summary.lower,
        [FACTORY_KEYS.upper]: summary.upper,
        [FACTORY_KEYS.gatePassed]: summary.gatePassed,
        [FACTORY_KEYS.iterations]: iterations,
        [FACTORY_KEYS.spentUsd]: spentUsd,
      };
      const notes = `iteration ${iteration}: ${satisfactionPhrase(summary)}`;
      return summary.gatePassed ? { status: "success", notes, contextUpdates } : { status: "fail", failureReason: notes, contextUpdates };
    },
  };
}
