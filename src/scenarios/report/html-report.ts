/**
 * The HTML report: one self-contained page (inline CSS and SVG, no script, nothing fetched; a
 * Content-Security-Policy forbids loading anything) that reads offline. The headline first
 * (satisfaction, interval, gate verdict and reasons, smallest detectable drop), then the charts,
 * attribution, the comparison with a baseline when there is one, and every trial. All text that
 * comes from the run (ids, titles, reasons) is escaped.
 */
import type { RunReportComparison } from "./compare-reports.js";
import { escapeXml as escape } from "./escape.js";
import { fixed, formatDetectableDrop, formatPValue } from "./format-summary.js";
import type { RunReport, ScenarioReport } from "./run-report.js";
import { chargedTo } from "./tallies.js";
import { comparisonChart, satisfactionChart, scenarioChart, type ComparisonRow } from "./svg-charts.js";

const STYLE = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #212121; margin: 2rem auto; max-width: 960px; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin-bottom: .25rem; } h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #e0e0e0; }
code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .92em; }
.verdict { display: inline-block; padding: .2rem .7rem; border-radius: 4px; color: #fff; font-weight: 600; }
.verdict.pass { background: #2e7d32; } .verdict.fail { background: #c62828; }
.headline { font-size: 1.2rem; margin: .5rem 0; }
ul.reasons { list-style: none; padding: 0; } ul.reasons li::before { display: inline-block; width: 1.4rem; }
li.pass::before { content: "✓"; color: #2e7d32; } li.fail::before { content: "✗"; color: #c62828; } li.fail { font-weight: 600; }
table { border-collapse: collapse; margin: .5rem 0; } th, td { text-align: left; padding: .2rem .6rem; border-bottom: 1px solid #eee; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
svg text { font: 12px system-ui, sans-serif; fill: #212121; } svg text.tick, svg text.muted { fill: #757575; }
svg text.threshold { fill: #c62828; } svg text.must-pass { font-weight: 600; } svg text.newly-failing { fill: #c62828; font-weight: 600; }
.newly-failing { color: #c62828; font-weight: 600; } .muted { color: #757575; } .alarm { color: #c62828; font-weight: 600; }
details { margin: .3rem 0; } summary { cursor: pointer; }
pre { background: #f5f5f5; padding: .5rem; overflow-x: auto; white-space: pre-wrap; }
`;

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

function table(headers: string[], rows: string[][], numeric: ReadonlySet<number> = new Set()): string {
  const cell = (tag: string, index: number, html: string) => `<${tag}${numeric.has(index) ? ` class="num"` : ""}>${html}</${tag}>`;
  const head = `<tr>${headers.map((header, i) => cell("th", i, escape(header))).join("")}</tr>`;
  return `<table>${head}${rows.map((row) => `<tr>${row.map((html, i) => cell("td", i, html)).join("")}</tr>`).join("")}</table>`;
}

function headline(report: RunReport): string {
  const s = report.satisfaction;
  const verdict = report.gate.passed ? `<span class="verdict pass">gate passed</span>` : `<span class="verdict fail">gate failed</span>`;
  const numbers =
    s === null
      ? `<p class="headline">satisfaction undefined: no trial was judged on the product</p>`
      : `<p class="headline">satisfaction <strong>${fixed(s.value)}</strong>, ${Math.round(100 * (1 - report.alpha))}% interval [${fixed(s.interval[0])}, ${fixed(s.interval[1])}], one-sided lower bound <strong>${fixed(s.lower)}</strong> against threshold ${escape(String(report.threshold))}</p>`;
  const reasons = report.gate.reasons.map((reason) => `<li class="${reason.passed ? "pass" : "fail"}"><code>${escape(reason.predicate)}</code>: ${escape(reason.detail)}</li>`);
  const facts = [
    `${report.scenarios.length} scenarios × ${report.trialsPerScenario} trials, seed ${report.seed}`,
    `app <code>${escape(report.app.command)}</code> (${escape(report.app.kind)})`,
    `started ${escape(report.startedAt)}, ${(report.durationMs / 1000).toFixed(1)} s`,
  ];
  return (
    `<header><h1>Scenario run <code>${escape(report.runId)}</code></h1>${verdict}${numbers}` +
    `<p>${escape(formatDetectableDrop(report))}</p><ul class="reasons">${reasons.join("")}</ul>` +
    `<p class="muted">${facts.join(" · ")}</p></header>`
  );
}

function scenarioSection(report: RunReport): string {
  const chart = scenarioChart(
    report.scenarios.map((s) => ({ id: s.id, rate: s.rate, interval: s.clopperPearson, mustPass: s.mustPass, label: `${s.satisfied}/${s.trials}` })),
    report.threshold,
  );
  const rows = report.scenarios.map((s) => {
    const excluded = s.excluded.twin + s.excluded.judge + s.excluded.infrastructure;
    const passK = Object.keys(s.passAtK).map((k) => `pass@${k} ${fixed(s.passAtK[k]!, 2)} / pass^${k} ${fixed(s.passHatK[k]!, 2)}`);
    return [
      `<code>${escape(s.id)}</code>${s.mustPass ? " ★ must-pass" : ""}`,
      escape(s.title),
      `${s.satisfied}/${s.trials}`,
      String(excluded),
      s.clopperPearson ? `[${fixed(s.clopperPearson[0])}, ${fixed(s.clopperPearson[1])}]` : "—",
      escape(passK.join("; ")),
      `<code>${escape(s.file)}</code>${s.tags.length > 0 ? `<br><span class="muted">${escape(s.tags.join(", "))}</span>` : ""}`,
    ];
  });
  return (
    `<section><h2>Scenarios</h2><p class="muted">Bars: satisfied / counted trials; whiskers: ${Math.round(100 * (1 - report.alpha))}% Clopper-Pearson; ★ must-pass.</p>${chart}` +
    table(["scenario", "title", "satisfied", "excluded", "Clopper-Pearson", "pass@k / pass^k", "file"], rows, new Set([2, 3])) +
    `</section>`
  );
}

function attributionSection(report: RunReport): string {
  const rows = (["product", "twin", "judge", "infrastructure"] as const).map((name) => [
    escape(name),
    String(report.attribution[name]),
    name === "product" ? "counted against satisfaction" : "excluded from satisfaction",
  ]);
  return `<section><h2>Failed trials by attribution</h2>${table(["attribution", "trials", ""], rows, new Set([1]))}</section>`;
}

function rowsFromComparison(comparison: RunReportComparison): ComparisonRow[] {
  const failing = new Set(comparison.newlyFailing.map((f) => f.id));
  return comparison.scenarios.map((s) => ({
    id: s.id,
    a: s.a.trials > 0 ? s.a.satisfied / s.a.trials : null,
    b: s.b.trials > 0 ? s.b.satisfied / s.b.trials : null,
    aLabel: `${s.a.satisfied}/${s.a.trials}`,
    bLabel: `${s.b.satisfied}/${s.b.trials}`,
    newlyFailing: failing.has(s.id) || s.newlyFailing,
  }));
}

function rowsFromBaseline(baseline: NonNullable<RunReport["baseline"]>): ComparisonRow[] {
  return baseline.comparison.scenarios.map((s) => ({
    id: s.id,
    a: s.baseline.rate,
    b: s.current.rate,
    aLabel: `${s.baseline.satisfied}/${s.baseline.trials}`,
    bLabel: `${s.current.satisfied}/${s.current.trials}`,
    newlyFailing: s.newlyFailing,
  }));
}

function comparisonSection(report: RunReport, comparison: RunReportComparison | undefined): string {
  const baseline = report.baseline;
  if (!comparison && !baseline) return "";
  const names = comparison ? { a: comparison.a.runId, b: comparison.b.runId } : { a: baseline!.runId, b: report.runId };
  const rows = comparison ? rowsFromComparison(comparison) : rowsFromBaseline(baseline!);
  const newly = rows.filter((row) => row.newlyFailing).map((row) => row.id);
  const explained = (comparison?.newlyFailing ?? []).map((f) => {
    const where = f.divergence
      ? `first divergence at <strong>${escape(f.divergence.at)}</strong><pre>before: ${escape(JSON.stringify(f.divergence.a, null, 2) ?? "(missing)")}\nafter:  ${escape(JSON.stringify(f.divergence.b, null, 2) ?? "(missing)")}</pre>`
      : `<span class="muted">no trajectory difference found or trajectories not available</span>`;
    return `<li><code class="newly-failing">${escape(f.id)}</code> (seed ${f.seed}): ${where}</li>`;
  });
  const regression = comparison?.regression ?? baseline?.comparison;
  const tests = [
    regression?.stratified ? `stratified drop ${fixed(regression.stratified.drop)}, p ${formatPValue(regression.stratified.pValue)}` : "",
    regression?.mcnemar ? `McNemar ${regression.mcnemar.b} pass→fail vs ${regression.mcnemar.c} fail→pass, p ${formatPValue(regression.mcnemar.pValue)}` : "",
  ].filter((t) => t !== "");
  return (
    `<section><h2>Comparison: <code>${escape(names.a)}</code> → <code>${escape(names.b)}</code></h2>` +
    `<p>${tests.length > 0 ? escape(tests.join("; ")) : "no suite-level test (a run has no counted trial)"}</p>` +
    `<p>${newly.length > 0 ? `newly failing: ${newly.map((id) => `<code class="newly-failing">${escape(id)}</code>`).join(", ")}` : "no newly failing scenario"}</p>` +
    comparisonChart(rows, report.threshold, names) +
    (explained.length > 0 ? `<ul>${explained.join("")}</ul>` : "") +
    `</section>`
  );
}

function extrasSection(report: RunReport): string {
  const parts: string[] = [];
  if (report.visible) {
    const { satisfaction, gap, alarm } = report.visible;
    parts.push(
      `<p${alarm ? ` class="alarm"` : ""}>visible scenarios: satisfaction ${satisfaction === null ? "undefined" : fixed(satisfaction)}, gap to the holdouts ${gap === null ? "undefined" : fixed(gap)}${alarm ? " — alarm: the holdouts lag the visible scenarios (overfitting?)" : ""}</p>`,
    );
  }
  if (report.leaks.length > 0) {
    const rows = report.leaks.map((leak) => [`<code>${escape(leak.source)}</code>`, escape(leak.scenarioId), escape(leak.kind)]);
    parts.push(`<p class="alarm">holdout leaks found: the gate fails</p>${table(["where", "scenario", "kind"], rows)}`);
  }
  return parts.length > 0 ? `<section><h2>Holdout checks</h2>${parts.join("")}</section>` : "";
}

function trialsSection(scenarios: readonly ScenarioReport[]): string {
  const blocks = scenarios.map((s) => {
    const rows = s.trialDetails.map((trial) => {
      const charge = chargedTo(trial);
      const outcome = charge === undefined ? "satisfied" : charge === "product" ? "failed (product)" : `excluded (${charge})`;
      return [
        String(trial.index),
        String(trial.seed),
        `<span class="${charge === "product" ? "newly-failing" : charge ? "muted" : ""}">${escape(outcome)}</span>`,
        escape(trial.reasons.join("; ")),
        escape(trial.perturbations.join(", ")),
        `${(trial.durationMs / 1000).toFixed(2)} s`,
        trial.trajectoryFile ? `<code>${escape(trial.trajectoryFile)}</code>` : "",
      ];
    });
    return `<details><summary><code>${escape(s.id)}</code> ${s.satisfied}/${s.trials}</summary>${table(["trial", "seed", "outcome", "reasons", "perturbations", "time", "trajectory"], rows, new Set([0, 1, 5]))}</details>`;
  });
  return `<section><h2>Trials</h2>${blocks.join("")}</section>`;
}

/** The report as one HTML page; `comparison` (from compareRunReports) adds the side-by-side view and divergences. */
export function toHtmlReport(report: RunReport, comparison?: RunReportComparison): string {
  const s = report.satisfaction;
  const chart = s
    ? satisfactionChart({ value: s.value, interval: s.interval, lower: s.lower, threshold: report.threshold, passed: report.gate.passed })
    : `<p class="muted">nothing to plot: no trial was judged on the product</p>`;
  return [
    `<!doctype html>`,
    `<html lang="en"><head><meta charset="utf-8">`,
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${escape(`lightsout run ${report.runId}: gate ${report.gate.passed ? "passed" : "failed"}`)}</title>`,
    `<style>${STYLE}</style></head><body>`,
    headline(report),
    `<section><h2>Satisfaction</h2>${chart}</section>`,
    scenarioSection(report),
    attributionSection(report),
    comparisonSection(report, comparison),
    extrasSection(report),
    trialsSection(report.scenarios),
    `</body></html>`,
    "",
  ].join("\n");
}
