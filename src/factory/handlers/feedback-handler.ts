/**
 * `lightsout.feedback`: between a failed gate and the next implementation. First the stop rules
 * (the iteration limit, the budget): when one holds, the stage sets `factory.stop` and the run
 * leaves through the `factory_stop` node instead of going round again. Otherwise it writes
 * FEEDBACK.md into the workspace at the chosen level — from the evaluation's sanitized feedback
 * and the visible checks — scrubbed once more of every holdout canary and wording, and moves the
 * iteration on. Holdout text never reaches the workspace, whatever the level.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Context, Handler, Outcome } from "../../pipeline/index.js";
import { loadLintedScenarios } from "../../scenarios/evaluate.js";
import { withholdHoldoutText } from "../../scenarios/holdouts/index.js";
import { FACTORY_KEYS } from "../factory-events.js";
import { formatInterval, type IterationSummary, type StopReason } from "../iteration.js";
import { commitIteration, describeFiles } from "../workspace.js";
import { evaluationDir } from "./evaluate-handler.js";
import { type FactoryStage, iterationOf, iterationsOf } from "./factory-stage.js";

export const FEEDBACK_FILE = "FEEDBACK.md";

function readIfPresent(path: string): string {
  return existsSync(path) ? readFileSync(path, "utf8").trim() : "";
}

/** The stop rule that holds after `iteration` failed its gate, if any. */
export function stopReasonAfter(stage: Pick<FactoryStage, "maxIterations" | "budgetExceeded">, iteration: number): StopReason | undefined {
  if (stage.budgetExceeded()) return "budget";
  if (iteration >= stage.maxIterations) return "max-iterations";
  return undefined;
}

export function composeFeedback(stage: FactoryStage, iteration: number, summaryLine: string): string {
  const holdout = stage.feedbackLevel === "none" ? "" : readIfPresent(join(evaluationDir(stage.runDir, iteration, "holdout"), "feedback.txt"));
  const visible = readIfPresent(join(evaluationDir(stage.runDir, iteration, "visible"), "feedback.txt"));
  const sections = [
    `# Feedback on iteration ${iteration}`,
    "",
    `Your code did not pass the acceptance gate. Hidden scenarios: ${summaryLine}.`,
    "The hidden scenarios are not available to you; fix the behaviour the spec asks for, not the tests.",
  ];
  if (holdout !== "") sections.push("", "## Hidden scenarios, by category", "", holdout);
  if (visible !== "" && stage.feedbackLevel !== "none") {
    // Visible failures are the agents' own material (scenarios/); counts only below `full`.
    const shown = stage.feedbackLevel === "full" ? visible : visible.split("\n").slice(0, 2).join("\n");
    sections.push("", "## Visible scenarios (scenarios/ in this workspace)", "", shown);
  }
  const text = `${sections.join("\n")}\n`;
  return withholdHoldoutText(text, loadLintedScenarios([stage.holdoutDir], { holdout: true }));
}

/** An iteration the holdouts never saw (its visible checks failed): committed and summarized without a satisfaction. */
function closeUnevaluatedIteration(stage: FactoryStage, context: Context, iteration: number): IterationSummary[] {
  const history = iterationsOf(context).filter((summary) => summary.iteration < iteration);
  const visibleSatisfaction = context.get(FACTORY_KEYS.visibleSatisfaction);
  const visible = { satisfaction: typeof visibleSatisfaction === "number" ? visibleSatisfaction : null, passed: context.get(FACTORY_KEYS.visiblePassed) === true };
  const shown = visible.satisfaction === null ? "n/a" : visible.satisfaction.toFixed(2);
  const { commit, files } = commitIteration(stage.workspaceDir, iteration, (changed) => `${describeFiles(changed)} — visible checks failed (satisfaction ${shown}), holdouts not run`);
  const spentUsd = stage.spentUsd();
  const summary: IterationSummary = {
    iteration,
    satisfaction: null,
    lower: null,
    upper: null,
    gatePassed: false,
    gateReasons: ["visible checks failed: the holdouts were not run"],
    regressions: [],
    scenarios: [],
    visible,
    costUsd: Math.max(0, spentUsd - (history.at(-1)?.spentUsd ?? 0)),
    spentUsd,
    commit,
    filesChanged: files,
    leaks: 0,
  };
  const iterations = [...history, summary];
  stage.writeReport(iterations);
  stage.emit({ type: "iteration-end", summary });
  return iterations;
}

export function createFeedbackHandler(stage: FactoryStage): Handler {
  return {
    async execute(_node, context): Promise<Outcome> {
      const iteration = iterationOf(context);
      const recorded = iterationsOf(context).some((summary) => summary.iteration === iteration);
      // The visible checks failed, so the holdouts did not run: the iteration is committed here.
      const iterations = recorded ? iterationsOf(context) : closeUnevaluatedIteration(stage, context, iteration);
      const history = { [FACTORY_KEYS.iterations]: iterations, [FACTORY_KEYS.spentUsd]: stage.spentUsd() };
      const stop = stopReasonAfter(stage, iteration);
      if (stop !== undefined) {
        const reason = stop === "budget" ? "the budget is spent" : `the iteration limit (${stage.maxIterations}) is reached`;
        return { status: "success", notes: `stopping: ${reason}`, contextUpdates: { ...history, [FACTORY_KEYS.stop]: "true", [FACTORY_KEYS.stopReason]: stop } };
      }
      const last = iterations.find((summary) => summary.iteration === iteration);
      const summaryLine =
        last && last.satisfaction !== null
          ? `satisfaction ${formatInterval(last.satisfaction, last.lower, last.upper)} against the threshold ${stage.threshold}`
          : "not run, because the visible checks failed (see below)";
      const text = composeFeedback(stage, iteration, summaryLine);
      writeFileSync(join(stage.workspaceDir, FEEDBACK_FILE), text);
      stage.recorder.feedback(iteration, { level: stage.feedbackLevel, file: FEEDBACK_FILE, characters: text.length });
      return { status: "success", notes: `wrote ${FEEDBACK_FILE} (${stage.feedbackLevel})`, contextUpdates: { ...history, [FACTORY_KEYS.iteration]: iteration + 1 } };
    },
  };
}

/** `lightsout.stop`: the end of a run that did not ship; its failure ends the pipeline (no edges out). */
export function createStopHandler(): Handler {
  return {
    async execute(_node, context): Promise<Outcome> {
      const reason = context.getString(FACTORY_KEYS.stopReason, "stopped");
      return { status: "fail", failureReason: `not shipped: ${reason}` };
    },
  };
}
