/**
 * The deterministic judge: a verdict from what the trial recorded, with the failure charged to
 * whoever caused it. Only product failures count against satisfaction; the rest are reported so
 * that a broken twin, a wrong scenario or a flaky machine never passes for a bad product (or a
 * good one). When several things went wrong, the first that applies decides, in this order
 * (ADR 0082):
 *
 *   1. infrastructure: the runner aborted the trial (the app could not start, the deadline passed,
 *      setup failed), or a step failed for reasons of the machine;
 *   2. twin: a twin answered a 5xx that no injected fault explains, or a step blamed the twin;
 *   3. judge: an expectation could not be evaluated (the scenario asked something unanswerable);
 *   4. product: a step or an expectation failed.
 *
 * An earlier cause taints what follows it (a twin that fell over explains a missing message), so
 * the later failures are kept as reasons but do not decide the attribution.
 */
import type { Attribution, Judge, Trajectory, Verdict } from "../model.js";

type Evidence = Omit<Trajectory, "verdict">;

/** The attributions in the order they win. */
export const ATTRIBUTION_ORDER: readonly Attribution[] = ["infrastructure", "twin", "judge", "product"];

interface Charge {
  attribution: Attribution;
  reason: string;
}

/** Request log entries with a 5xx status and no injected fault, per twin. */
function unexplainedServerErrors(trajectory: Evidence): Charge[] {
  const charges: Charge[] = [];
  for (const [twin, trace] of Object.entries(trajectory.twins)) {
    const failures = trace.requests.filter((entry) => {
      const { status, fault } = (entry ?? {}) as { status?: unknown; fault?: unknown };
      return typeof status === "number" && status >= 500 && (fault === undefined || fault === null);
    }) as { seq?: number; method?: string; status: number }[];
    if (failures.length === 0) continue;
    const shown = failures.slice(0, 3).map((entry) => `${entry.status} to ${entry.method ?? "?"}${entry.seq !== undefined ? ` (request #${entry.seq})` : ""}`);
    const more = failures.length > 3 ? `, and ${failures.length - 3} more` : "";
    charges.push({ attribution: "twin", reason: `twin ${twin} answered ${shown.join(", ")}${more} with no injected fault` });
  }
  return charges;
}

function stepName(step: Evidence["steps"][number]): string {
  return step.id !== undefined ? `step ${step.id}` : `step #${step.index + 1}`;
}

/** Every failure the trajectory shows, each charged to its cause, in trajectory order. */
export function collectCharges(trajectory: Evidence): Charge[] {
  const charges: Charge[] = [];
  if (trajectory.aborted) charges.push({ attribution: trajectory.aborted.attribution, reason: `trial aborted: ${trajectory.aborted.reason}` });
  charges.push(...unexplainedServerErrors(trajectory));
  for (const step of trajectory.steps) {
    if (step.ok) continue;
    // A step that failed without saying whose fault it was failed on its own check: the product's.
    const attribution = step.attribution ?? "product";
    charges.push({ attribution, reason: `${stepName(step)} (${step.summary}) failed${attribution === "product" ? "" : ` [${attribution}]`}: ${step.error ?? "no error recorded"}` });
  }
  for (const expectation of trajectory.expectations) {
    if (expectation.error !== undefined) charges.push({ attribution: "judge", reason: `expectation ${expectation.id} could not be evaluated: ${expectation.error}` });
    else if (!expectation.passed) charges.push({ attribution: "product", reason: `expectation ${expectation.id} failed: ${expectation.detail}` });
  }
  return charges;
}

/** The verdict for a trajectory: the highest-ranked charge decides; its reasons come first. */
export function judgeTrajectory(trajectory: Evidence): Verdict {
  const charges = collectCharges(trajectory);
  if (charges.length === 0) {
    const passed = `${trajectory.steps.length} step${trajectory.steps.length === 1 ? "" : "s"} and ${trajectory.expectations.length} expectation${trajectory.expectations.length === 1 ? "" : "s"} passed`;
    return { satisfied: true, reasons: [passed] };
  }
  const rank = (charge: Charge): number => ATTRIBUTION_ORDER.indexOf(charge.attribution);
  // A stable sort: within one cause, trajectory order.
  const ordered = [...charges].sort((left, right) => rank(left) - rank(right));
  return { satisfied: false, reasons: ordered.map((charge) => charge.reason), attribution: ordered[0]!.attribution };
}

export function createDeterministicJudge(): Judge {
  return {
    name: "deterministic",
    judge: async (_scenario, trajectory) => judgeTrajectory(trajectory),
  };
}
