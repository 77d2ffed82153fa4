/**
 * One evaluation of an app against a scenario set, as one library call: load and lint the
 * scenarios, check the holdouts have not leaked into the places the agents work in, run every
 * scenario K times on fresh twin tenants, optionally run the visible set too (for the overfitting
 * gap), build the report with its gate, and write the run directory. `lightsout scenarios run`
 * is a thin front end over this; the factory's evaluation stage calls it too.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { LightsoutError } from "../errors.js";
import { writeFileAtomically } from "../write-file-atomically.js";
import { lintScenarioPaths } from "./format/index.js";
import { buildFeedback, collectWorkspaceSources, type FeedbackLevel, findLeaks, type LeakFinding } from "./holdouts/index.js";
import type { Judge, Scenario, SuiteRun, Trajectory } from "./model.js";
import { buildRunReport, toHtmlReport, toJUnitXml, type RunReport } from "./report/index.js";
import { runSuite, type RunSuiteOptions, type SuiteEvent } from "./runner/index.js";

export interface EvaluateOptions {
  /** The scenario set the gate is on: a directory or file(s). Usually the holdouts. */
  paths: string[];
  /** Treat `paths` as holdouts: every file needs a unique canary, and the leak check runs. */
  holdout?: boolean;
  /** Visible scenarios, run the same way, to report the visible/holdout gap. */
  visiblePaths?: string[];
  app: RunSuiteOptions["app"];
  trials?: number;
  concurrency?: number;
  seed?: number;
  only?: string[];
  trialSeeds?: Record<string, number[]>;
  threshold: number;
  alpha?: number;
  maxExcludedShare?: number;
  baseline?: RunReport;
  /** Directories whose files (and git history) must not contain holdout text: the agents' workspace. */
  leakCheckPaths?: string[];
  /**
   * Writes `feedback.txt` for the agents at this level (default none): category = counts by tag
   * and attribution; full = also the failures of visible scenarios. Holdout text never appears.
   */
  feedback?: FeedbackLevel;
  /** Where run.json, junit.xml, report.html and trajectories/ go. */
  outDir: string;
  judge?: Judge;
  signal?: AbortSignal;
  onEvent?: (event: SuiteEvent) => void;
  /** Called once the scenarios are loaded and the leak check is done, before any trial. */
  onStart?: (info: { scenarios: Scenario[]; visible: Scenario[]; leaks: LeakFinding[] }) => void;
}

export interface EvaluateResult {
  report: RunReport;
  run: SuiteRun;
  trajectories: Trajectory[];
  leaks: LeakFinding[];
  /** The files written, by kind (`feedback` only when a level other than none was asked for). */
  files: { run: string; junit: string; html: string; feedback?: string };
}

/** Loads scenarios, failing with every error diagnostic (file:line:col) when any file is invalid. */
export function loadLintedScenarios(paths: string[], options: { holdout?: boolean } = {}): Scenario[] {
  const { scenarios, diagnostics } = lintScenarioPaths(paths, options);
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === "error");
  if (errors.length > 0) {
    const lines = errors.slice(0, 20).map((d) => `${d.file}:${d.line}:${d.column}: [${d.rule}] ${d.message}`);
    const more = errors.length > 20 ? `\n... and ${errors.length - 20} more` : "";
    throw new LightsoutError("SCENARIO", `${errors.length} error(s) in the scenarios:\n${lines.join("\n")}${more}`);
  }
  return scenarios;
}

export async function evaluateScenarios(options: EvaluateOptions): Promise<EvaluateResult> {
  const scenarios = loadLintedScenarios(options.paths, { holdout: options.holdout === true });
  const visible = options.visiblePaths && options.visiblePaths.length > 0 ? loadLintedScenarios(options.visiblePaths) : [];
  const leaks = options.leakCheckPaths && options.leakCheckPaths.length > 0 ? findLeaks(scenarios, options.leakCheckPaths.flatMap((path) => collectWorkspaceSources(path))) : [];
  options.onStart?.({ scenarios, visible, leaks });

  mkdirSync(options.outDir, { recursive: true });
  const common = {
    app: options.app,
    ...(options.trials !== undefined ? { trials: options.trials } : {}),
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.judge ? { judge: options.judge } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
  };
  const { run, trajectories } = await runSuite(scenarios, {
    ...common,
    outDir: options.outDir,
    ...(options.only ? { only: options.only } : {}),
    ...(options.trialSeeds ? { trialSeeds: options.trialSeeds } : {}),
  });
  const visibleResult = visible.length > 0 && !options.signal?.aborted ? await runSuite(visible, { ...common, outDir: join(options.outDir, "visible") }) : undefined;
  const visibleRun = visibleResult?.run;

  const report = buildRunReport(run, {
    threshold: options.threshold,
    ...(options.alpha !== undefined ? { alpha: options.alpha } : {}),
    ...(options.maxExcludedShare !== undefined ? { maxExcludedShare: options.maxExcludedShare } : {}),
    ...(options.baseline ? { baseline: options.baseline } : {}),
    ...(visibleRun ? { visible: visibleRun } : {}),
    leaks: leaks.map((leak) => ({ source: leak.source, scenarioId: leak.scenarioId, kind: leak.kind })),
  });
  const files = { run: join(options.outDir, "run.json"), junit: join(options.outDir, "junit.xml"), html: join(options.outDir, "report.html") };
  writeFileAtomically(files.run, `${JSON.stringify(report, null, 2)}\n`);
  writeFileAtomically(files.junit, toJUnitXml(report));
  writeFileAtomically(files.html, toHtmlReport(report));
  if (options.feedback && options.feedback !== "none") {
    const holdouts = options.holdout ? scenarios : [];
    const holdoutIds = new Set(holdouts.map((scenario) => scenario.id));
    let text = buildFeedback({ run, trajectories, scenarios, holdoutIds, level: options.feedback });
    // Holdouts are passed along so that wording a visible scenario shares with one is withheld too.
    if (visibleResult) text += `
Visible scenarios

${buildFeedback({ ...visibleResult, scenarios: [...visible, ...holdouts], holdoutIds, level: options.feedback })}`;
    const feedbackFile = join(options.outDir, "feedback.txt");
    writeFileAtomically(feedbackFile, text);
    return { report, run, trajectories, leaks, files: { ...files, feedback: feedbackFile } };
  }
  return { report, run, trajectories, leaks, files };
}
