/**
 * The progress lines of `lightsout run` and `lightsout demo` on stderr: one line per stage as it
 * ends, with the iteration, the satisfaction so far and the dollars spent; one line per iteration
 * with its satisfaction interval and gate; and, for the demo's scripted model, the line that says
 * it is a stand-in. Whole lines only, so they interleave cleanly with anything else.
 */
import type { Writable } from "node:stream";
import type { FactoryEvent } from "../factory/factory-events.js";
import { satisfactionPhrase } from "../factory/iteration.js";
import { SCRIPTED_MODEL_NOTE } from "../factory/run-report.js";
import { writeLine } from "./io.js";

const STAGE_NAMES: Record<string, string> = {
  start: "start",
  plan: "plan",
  implement: "implement",
  visible_checks: "visible checks",
  evaluate: "holdout evaluation",
  feedback: "feedback",
  factory_stop: "stop",
  exit: "exit",
};

export function createRunProgressPrinter({ output, displayPath = (path: string) => path }: { output: Writable; displayPath?: (path: string) => string }): (event: FactoryEvent) => void {
  let satisfactionSoFar = "not evaluated yet";
  let trials = { holdout: { done: 0, satisfied: 0 }, visible: { done: 0, satisfied: 0 } };
  const money = (usd: number): string => `$${usd.toFixed(4)}`;
  return (event) => {
    switch (event.type) {
      case "factory-start":
        writeLine(output, `lightsout: ${event.resumed ? "resuming" : "starting"} run ${event.runId}`);
        writeLine(output, `  run directory: ${displayPath(event.runDir)}   workspace: ${displayPath(event.workspaceDir)}`);
        writeLine(output, event.scripted ? `  ${SCRIPTED_MODEL_NOTE}` : `  model: ${event.model}`);
        if (!event.sandboxed) writeLine(output, "  WARNING: agents run WITHOUT the sandbox (--allow-unsandboxed): the holdouts are not protected");
        return;
      case "iteration-start":
        trials = { holdout: { done: 0, satisfied: 0 }, visible: { done: 0, satisfied: 0 } };
        writeLine(output, `iteration ${event.iteration}`);
        return;
      case "trial-end": {
        const tally = trials[event.suite];
        tally.done += 1;
        if (event.satisfied) tally.satisfied += 1;
        return;
      }
      case "stage-end": {
        if (event.nodeId === "start" || event.nodeId === "exit") return;
        const name = STAGE_NAMES[event.nodeId] ?? event.nodeId;
        const suite = event.nodeId === "visible_checks" ? trials.visible : event.nodeId === "evaluate" ? trials.holdout : undefined;
        const tally = suite && suite.done > 0 ? `, ${suite.satisfied}/${suite.done} trials satisfied` : "";
        const why = event.error && event.status !== "success" && event.nodeId !== "evaluate" ? ` (${event.error})` : "";
        writeLine(output, `  [iteration ${event.iteration}] ${name}: ${event.status}${tally}${why} · satisfaction so far ${satisfactionSoFar} · ${money(event.spentUsd)} spent`);
        if (suite) suite.done = suite.satisfied = 0;
        return;
      }
      case "iteration-end":
        satisfactionSoFar = satisfactionPhrase(event.summary).replace(/^satisfaction /, "");
        writeLine(
          output,
          `  iteration ${event.summary.iteration}: ${satisfactionPhrase(event.summary)}${event.summary.regressions.length > 0 ? `; regressions: ${event.summary.regressions.join(", ")}` : ""} · commit ${event.summary.commit.slice(0, 10)} · ${money(event.summary.costUsd)}`,
        );
        return;
      case "factory-end": {
        const verdict =
          event.status === "shipped" ? "SHIPPED: the holdout gate passed" : event.status === "cancelled" ? "cancelled (resumable)" : `NOT SHIPPED: ${event.stopReason === "budget" ? "the budget is spent" : event.stopReason === "max-iterations" ? "the iteration limit was reached" : "the pipeline failed"}`;
        writeLine(output, `${verdict} · ${money(event.spentUsd)} spent · report: ${displayPath(event.reportPath)}`);
        return;
      }
      default:
        return;
    }
  };
}
