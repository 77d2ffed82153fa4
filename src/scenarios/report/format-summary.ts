/**
 * The terminal summary of a run report and of a comparison: plain lines, no colour, for stderr
 * after a run (`scenarios run`) and stdout of `scenarios compare`.
 */
import type { RunReport } from "./run-report.js";
import type { RunReportComparison } from "./compare-reports.js";

export const fixed = (value: number, digits = 3): string => value.toFixed(digits);

/** A p-value readable at a glance: 3 significant digits, scientific below 0.001. */
export function formatPValue(p: number): string {
  return p < 0.001 ? p.toExponential(1) : p.toPrecision(3);
}

/** `0.913 [lower 0.871, upper 0.944]`, or why there is no number. */
export function formatSatisfaction(report: RunReport): string {
  const s = report.satisfaction;
  if (s === null) return "satisfaction undefined (no trial was judged on the product)";
  return `satisfaction ${fixed(s.value)} [lower ${fixed(s.lower)}, upper ${fixed(s.upper)}]`;
}

/** What the report says of the smallest drop a run of this size detects. */
export function formatDetectableDrop(report: RunReport): string {
  const power = "power 0.8";
  if (report.minimumDetectableDrop !== null) return `smallest detectable drop: ${fixed(report.minimumDetectableDrop)} (${power}, alpha ${report.alpha})`;
  if (report.satisfaction === null) return "smallest detectable drop: none (no judged trial)";
  if (report.satisfaction.value === 0) return "smallest detectable drop: none (satisfaction is already 0)";
  return `smallest detectable drop: none, too few trials to detect even a drop to 0 with ${power}`;
}

export function formatRunSummary(report: RunReport): string[] {
  const verdict = report.gate.passed ? "PASS" : "FAIL";
  const lines = [`${formatSatisfaction(report)} vs threshold ${report.threshold}: ${verdict}`];
  const width = Math.max(0, ...report.scenarios.map((scenario) => scenario.id.length));
  for (const scenario of report.scenarios) {
    const perfect = scenario.trials > 0 && scenario.satisfied === scenario.trials;
    const excluded = scenario.excluded.twin + scenario.excluded.judge + scenario.excluded.infrastructure;
    const notes = [...(scenario.mustPass ? ["must-pass"] : []), ...(excluded > 0 ? [`${excluded} excluded`] : [])];
    const tail = notes.length > 0 ? ` (${notes.join(", ")})` : "";
    lines.push(`${perfect ? "✓" : "✗"} ${scenario.id.padEnd(width)}  ${scenario.satisfied}/${scenario.trials}${tail}`);
  }
  const { product, twin, judge, infrastructure } = report.attribution;
  const total = report.scenarios.reduce((sum, scenario) => sum + scenario.trialDetails.length, 0);
  lines.push(`failed trials: ${product} product (counted); excluded: ${twin} twin, ${judge} judge, ${infrastructure} infrastructure of ${total} trials`);
  lines.push(formatDetectableDrop(report));
  if (report.visible) {
    const { satisfaction, gap, alarm } = report.visible;
    lines.push(
      `visible scenarios: satisfaction ${satisfaction === null ? "undefined" : fixed(satisfaction)}, gap ${gap === null ? "undefined" : fixed(gap)}${alarm ? " (ALARM: the holdouts lag the visible scenarios)" : ""}`,
    );
  }
  if (report.baseline && report.baseline.newlyFailing.length > 0) {
    lines.push(`newly failing since ${report.baseline.runId}: ${report.baseline.newlyFailing.join(", ")}`);
  }
  for (const reason of report.gate.reasons) {
    if (!reason.passed) lines.push(`gate: ✗ ${reason.predicate}: ${reason.detail}`);
  }
  return lines;
}

const shortJson = (value: unknown, max = 160): string => {
  const text = JSON.stringify(value) ?? "(missing)";
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
};

export function formatComparison(comparison: RunReportComparison): string[] {
  const { a, b, drop } = comparison.satisfaction;
  const show = (value: number | null) => (value === null ? "undefined" : fixed(value));
  const lines = [`${comparison.a.runId} -> ${comparison.b.runId}: satisfaction ${show(a)} -> ${show(b)}${drop === null ? "" : ` (drop ${fixed(drop)})`}`];
  const { stratified, mcnemar, significant } = comparison.regression;
  const tests = [
    ...(stratified ? [`stratified z ${stratified.z.toFixed(2)}, p ${formatPValue(stratified.pValue)}`] : []),
    ...(mcnemar ? [`McNemar ${mcnemar.b} pass→fail vs ${mcnemar.c} fail→pass, p ${formatPValue(mcnemar.pValue)}`] : []),
  ];
  lines.push(`regression: ${significant ? "SIGNIFICANT" : "not significant"} at alpha ${comparison.alpha}${tests.length > 0 ? ` (${tests.join("; ")})` : ""}`);
  const width = Math.max(0, ...comparison.scenarios.map((scenario) => scenario.id.length));
  for (const scenario of comparison.scenarios) {
    const mark = scenario.newlyFailing ? "✗" : "·";
    const counts = `${scenario.a.satisfied}/${scenario.a.trials} -> ${scenario.b.satisfied}/${scenario.b.trials}`;
    lines.push(`${mark} ${scenario.id.padEnd(width)}  ${counts}  p ${formatPValue(scenario.pValue)}, q ${formatPValue(scenario.adjustedPValue)}${scenario.significant ? " (significant)" : ""}`);
  }
  for (const failing of comparison.newlyFailing) {
    const against = failing.baselineSeed === undefined ? "" : failing.baselineSeed === failing.seed ? " vs the same seed before" : ` vs seed ${failing.baselineSeed} before`;
    lines.push(`newly failing: ${failing.id} (seed ${failing.seed}${against})`);
    if (failing.divergence) {
      lines.push(`  first divergence at ${failing.divergence.at}`);
      lines.push(`    before: ${shortJson(failing.divergence.a)}`);
      lines.push(`    after:  ${shortJson(failing.divergence.b)}`);
    }
  }
  if (comparison.onlyInA.length > 0) lines.push(`only in ${comparison.a.runId}: ${comparison.onlyInA.join(", ")}`);
  if (comparison.onlyInB.length > 0) lines.push(`only in ${comparison.b.runId}: ${comparison.onlyInB.join(", ")}`);
  if (comparison.notCompared.length > 0) lines.push(`not compared (no counted trial in one run): ${comparison.notCompared.join(", ")}`);
  return lines;
}
