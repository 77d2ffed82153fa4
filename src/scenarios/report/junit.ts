/**
 * JUnit XML for CI test tabs: one testsuite per run, one testcase per trial (classname = the
 * scenario id, name = `trial <index> (seed <seed>)`), a `<failure>` for a product failure and a
 * `<skipped>` for an excluded one, plus one `lightsout.gate` testcase that fails when the gate
 * does, so a run whose trials all pass but whose gate fails (a leak, too many exclusions) is red.
 */
import type { TrialSummary } from "../model.js";
import type { RunReport } from "./run-report.js";
import { escapeXml } from "./escape.js";
import { chargedTo } from "./tallies.js";

const seconds = (ms: number): string => (Math.max(0, ms) / 1000).toFixed(3);

function attributes(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`)
    .join("");
}

function testcase(scenarioId: string, trial: TrialSummary): string {
  const head = `    <testcase${attributes({ classname: scenarioId, name: `trial ${trial.index} (seed ${trial.seed})`, time: seconds(trial.durationMs) })}`;
  const charge = chargedTo(trial);
  if (charge === undefined) return `${head}/>`;
  const reasons = trial.reasons.length > 0 ? trial.reasons : ["(no reason given)"];
  if (charge === "product") {
    return `${head}>\n      <failure${attributes({ message: reasons[0]!, type: "product" })}>${escapeXml(reasons.join("\n"))}</failure>\n    </testcase>`;
  }
  return `${head}>\n      <skipped${attributes({ message: `excluded: ${charge}: ${reasons[0]!}` })}/>\n    </testcase>`;
}

function gateTestcase(report: RunReport): string {
  const head = `    <testcase${attributes({ classname: "lightsout.gate", name: "gate", time: "0.000" })}`;
  if (report.gate.passed) return `${head}/>`;
  const failed = report.gate.reasons.filter((reason) => !reason.passed);
  const text = failed.map((reason) => `${reason.predicate}: ${reason.detail}`).join("\n");
  return `${head}>\n      <failure${attributes({ message: failed[0] ? `${failed[0].predicate}: ${failed[0].detail}` : "gate failed", type: "gate" })}>${escapeXml(text)}</failure>\n    </testcase>`;
}

export function toJUnitXml(report: RunReport): string {
  const trials = report.scenarios.flatMap((scenario) => scenario.trialDetails.map((trial) => ({ id: scenario.id, trial })));
  const failures = trials.filter(({ trial }) => chargedTo(trial) === "product").length + (report.gate.passed ? 0 : 1);
  const skipped = trials.filter(({ trial }) => {
    const charge = chargedTo(trial);
    return charge !== undefined && charge !== "product";
  }).length;
  const counts = { tests: trials.length + 1, failures, errors: 0, skipped, time: seconds(report.durationMs) };
  const properties: Record<string, string | number> = {
    runId: report.runId,
    seed: report.seed,
    trialsPerScenario: report.trialsPerScenario,
    threshold: report.threshold,
    alpha: report.alpha,
    satisfaction: report.satisfaction === null ? "undefined" : report.satisfaction.value,
    "satisfaction.lower": report.satisfaction === null ? "undefined" : report.satisfaction.lower,
    "satisfaction.upper": report.satisfaction === null ? "undefined" : report.satisfaction.upper,
    gate: report.gate.passed ? "passed" : "failed",
    minimumDetectableDrop: report.minimumDetectableDrop ?? "none",
  };
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites${attributes({ name: "lightsout scenarios", ...counts })}>`,
    `  <testsuite${attributes({ name: `lightsout scenario run ${report.runId}`, ...counts, timestamp: report.startedAt })}>`,
    `    <properties>`,
    ...Object.entries(properties).map(([name, value]) => `      <property${attributes({ name, value })}/>`),
    `    </properties>`,
    ...trials.map(({ id, trial }) => testcase(id, trial)),
    gateTestcase(report),
    `  </testsuite>`,
    `</testsuites>`,
    "",
  ].join("\n");
}
