/** Run reports: the versioned JSON report and its gate, JUnit XML, the HTML page, the terminal summary, and comparing two runs. */
export {
  buildRunReport,
  compareWithBaseline,
  reportTallies,
  seedMatchedPairs,
  REPORT_POWER,
  RUN_REPORT_KIND,
  RUN_REPORT_VERSION,
  type BaselineComparison,
  type RunReport,
  type RunReportOptions,
  type SatisfactionReport,
  type ScenarioReport,
} from "./run-report.js";
export { parseRunReport, readRunReport, resolveRunReportPath } from "./read-run-report.js";
export { everyScenarioJudged, excludedShareAtMost, noHoldoutLeaks, onJudgedTrials, type LeakFindingSummary } from "./gate-guards.js";
export { attributionCounts, chargedTo, countTrials, isCounted, talliesOf, type ExcludedCounts, type TrialCounts } from "./tallies.js";
export { toJUnitXml } from "./junit.js";
export { toHtmlReport } from "./html-report.js";
export { firstDivergence, type Divergence } from "./divergence.js";
export {
  compareRunReports,
  type CompareRunReportsOptions,
  type NewlyFailingScenario,
  type RunReportComparison,
  type ScenarioDelta,
} from "./compare-reports.js";
export { formatComparison, formatRunSummary } from "./format-summary.js";
