/**
 * The factory run's report: `report.json` (versioned data) and `report.md` (for people) in the run
 * directory, rewritten after every iteration and at the end. Satisfaction per iteration with its
 * interval, regressions against the iteration before, cost per iteration and in total, the final
 * gate, why the run stopped — and, when the model was a scripted stand-in, a line that says so.
 */
import { join } from "node:path";
import { writeFileAtomically } from "../write-file-atomically.js";
import { formatInterval, type IterationSummary, type StopReason } from "./iteration.js";

export const REPORT_JSON = "report.json";
export const REPORT_MD = "report.md";
export const SCRIPTED_MODEL_NOTE = "model: scripted stand-in (no LLM); set OPENAI_API_KEY / --model to run a real model";

export type RunStatus = "running" | "shipped" | "not-shipped" | "cancelled";

export interface FactoryReport {
  v: 1;
  kind: "lightsout.factory-run";
  runId: string;
  spec: string;
  model: string;
  /** True when no LLM ran: the demo's scripted policy played the agent's part. */
  scripted: boolean;
  sandboxed: boolean;
  status: RunStatus;
  stopReason: StopReason | null;
  threshold: number;
  trialsPerScenario: number;
  maxIterations: number;
  budgetUsd: number | null;
  feedbackLevel: string;
  workspace: string;
  iterations: IterationSummary[];
  cost: { totalUsd: number };
  finalGate: { passed: boolean; satisfaction: number | null; lower: number | null; upper: number | null; reasons: string[] } | null;
  /** The run store's first error, when records could not be written. */
  storeError?: string;
}

const STOP_WORDS: Record<StopReason, string> = {
  "gate-passed": "the gate passed",
  "max-iterations": "the iteration limit was reached",
  budget: "the budget was spent",
  "pipeline-failed": "the pipeline failed",
  cancelled: "the run was cancelled (resumable)",
};

export function finalGateOf(iterations: readonly IterationSummary[]): FactoryReport["finalGate"] {
  const last = iterations.at(-1);
  return last ? { passed: last.gatePassed, satisfaction: last.satisfaction, lower: last.lower, upper: last.upper, reasons: last.gateReasons } : null;
}

export function toMarkdown(report: FactoryReport): string {
  const lines = [`# Factory run ${report.runId}`, ""];
  if (report.scripted) lines.push(`> **${SCRIPTED_MODEL_NOTE}.** The agent loop, the tools, the sandbox, the twins and the evaluation are real; the model's answers are a script.`, "");
  lines.push(
    `- spec: ${report.spec}`,
    `- model: ${report.scripted ? "scripted stand-in (no LLM)" : report.model}`,
    `- status: **${report.status}**${report.stopReason ? ` (${STOP_WORDS[report.stopReason]})` : ""}`,
    `- gate: lower bound of satisfaction ≥ ${report.threshold}, ${report.trialsPerScenario} trial(s) per holdout scenario`,
    `- workspace: ${report.workspace}${report.sandboxed ? " (agents sandboxed)" : " (agents NOT sandboxed)"}`,
    `- cost: $${report.cost.totalUsd.toFixed(4)}${report.budgetUsd !== null ? ` of a $${report.budgetUsd} budget` : ""}`,
    "",
    "| iteration | satisfaction [interval] | gate | visible | regressions | cost | commit |",
    "|---|---|---|---|---|---|---|",
  );
  for (const iteration of report.iterations) {
    const visible = iteration.visible ? `${iteration.visible.satisfaction === null ? "n/a" : iteration.visible.satisfaction.toFixed(2)}${iteration.visible.passed ? "" : " (failed)"}` : "—";
    lines.push(
      `| ${iteration.iteration} | ${formatInterval(iteration.satisfaction, iteration.lower, iteration.upper)} | ${iteration.gatePassed ? "passed" : "failed"} | ${visible} | ${iteration.regressions.length > 0 ? iteration.regressions.join(", ") : "none"} | $${iteration.costUsd.toFixed(4)} | ${iteration.commit.slice(0, 10)} |`,
    );
  }
  if (report.iterations.length === 0) lines.push("| — | not evaluated | — | — | — | — | — |");
  lines.push("");
  if (report.finalGate) {
    lines.push(`Final gate: **${report.finalGate.passed ? "passed" : "failed"}**, satisfaction ${formatInterval(report.finalGate.satisfaction, report.finalGate.lower, report.finalGate.upper)}.`);
    for (const reason of report.finalGate.reasons) lines.push(`- ${reason}`);
  }
  if (report.storeError) lines.push("", `Run store: records could not all be written: ${report.storeError}`);
  return `${lines.join("\n")}\n`;
}

export function writeFactoryReport(runDir: string, report: FactoryReport): { json: string; markdown: string } {
  const json = join(runDir, REPORT_JSON);
  const markdown = join(runDir, REPORT_MD);
  writeFileAtomically(json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileAtomically(markdown, toMarkdown(report));
  return { json, markdown };
}
