/**
 * The leak check: proof that no holdout scenario reached the places the agents work in. It looks
 * for two things in every source (a file, a committed version of one, a transcript):
 *
 * - the holdout files' canaries, which only a copy of a holdout file can contain;
 * - verbatim holdout text: any run of 12 or more consecutive words of a scenario's title, story,
 *   rubric or the string values of its steps and expectations (see shingles.ts). A paraphrase
 *   is not caught; a copy, quoted, reflowed or re-cased, is.
 *
 * Design and the choice of 12: ADR 0083. Reading a workspace and its git history is
 * `collectWorkspaceSources` in workspace-sources.ts.
 */
import { clipMiddle } from "../expectations/format-value.js";
import type { Scenario } from "../model.js";
import { CANARY_PREFIX, findCanaries } from "./canary.js";
import { buildShingleIndex, findWordRuns, scenarioStrings, type ShingleIndex } from "./shingles.js";

/** Text to check: a file path, a transcript id, `git:<commit>:<path>`. */
export interface LeakSource {
  name: string;
  text: string;
}

export interface LeakFinding {
  source: string;
  /** 1-based line where the canary or the copied run starts. */
  line: number;
  scenarioId: string;
  kind: "canary" | "verbatim";
  /** What was found: the canary, or the copied words (holdout text: never show it to the agents). */
  excerpt: string;
}

/** The holdouts' canaries and shingles, built once for any number of sources. */
export interface HoldoutIndex {
  scenarioIds: string[];
  canaries: Map<string, string[]>;
  shingles: ShingleIndex;
}

export function buildHoldoutIndex(scenarios: Scenario[]): HoldoutIndex {
  const canaries = new Map<string, string[]>();
  const addCanary = (canary: string, scenarioId: string): void => {
    const owners = canaries.get(canary.toLowerCase()) ?? [];
    if (!owners.includes(scenarioId)) owners.push(scenarioId);
    canaries.set(canary.toLowerCase(), owners);
  };
  for (const scenario of scenarios) {
    if (scenario.canary) addCanary(scenario.canary, scenario.id);
    for (const canary of findCanaries(scenario.source?.text ?? "")) addCanary(canary, scenario.id);
  }
  const shingles = buildShingleIndex(scenarios.flatMap((scenario, owner) => scenarioStrings(scenario).map((text) => ({ owner, text }))));
  return { scenarioIds: scenarios.map((scenario) => scenario.id), canaries, shingles };
}

/** 1-based line of a character offset, from the sorted offsets of the line starts. */
function lineOf(lineStarts: number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (lineStarts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return low + 1;
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let position = text.indexOf("\n"); position >= 0; position = text.indexOf("\n", position + 1)) starts.push(position + 1);
  return starts;
}

/** The findings in one source. */
export function scanSource(source: LeakSource, index: HoldoutIndex): LeakFinding[] {
  const findings: LeakFinding[] = [];
  let lineStarts: number[] | undefined;
  const line = (offset: number): number => lineOf((lineStarts ??= lineStartsOf(source.text)), offset);
  if (index.canaries.size > 0) {
    // Canaries are looked up by their prefix, which ordinary text never holds: one pass, whatever
    // the number of holdouts. A known canary with more hex digits after it still counts.
    const lower = source.text.toLowerCase();
    for (let at = lower.indexOf(CANARY_PREFIX); at >= 0; at = lower.indexOf(CANARY_PREFIX, at + 1)) {
      const found = /^[0-9a-f]*/.exec(lower.slice(at + CANARY_PREFIX.length, at + CANARY_PREFIX.length + 128))![0];
      for (const [canary, scenarioIds] of index.canaries) {
        if (!`${CANARY_PREFIX}${found}`.startsWith(canary)) continue;
        for (const scenarioId of scenarioIds) findings.push({ source: source.name, line: line(at), scenarioId, kind: "canary", excerpt: source.text.slice(at, at + canary.length) });
      }
    }
  }
  for (const run of findWordRuns(source.text, index.shingles)) {
    const excerpt = clipMiddle(source.text.slice(run.start, run.end).replace(/\s+/g, " "), 160);
    findings.push({ source: source.name, line: line(run.start), scenarioId: index.scenarioIds[run.owner]!, kind: "verbatim", excerpt });
  }
  return findings.sort((left, right) => left.line - right.line);
}

/** Canaries of the holdout scenarios, and runs of >= 12 of their words, in every source, in source order. */
export function findLeaks(scenarios: Scenario[], sources: Iterable<LeakSource>): LeakFinding[] {
  const index = buildHoldoutIndex(scenarios);
  const findings: LeakFinding[] = [];
  for (const source of sources) findings.push(...scanSource(source, index));
  return findings;
}
