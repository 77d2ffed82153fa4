/**
 * Word shingles: every run of 12 consecutive words of the holdout scenarios, indexed so that any
 * text can be scanned for them in one pass. Words are runs of letters and digits, compared
 * case-insensitively; everything else (whitespace, punctuation, markup, JSON escapes such as
 * `\n`) separates words, so reflowing, quoting or re-marking-up a story does not hide it. Why 12
 * words: ADR 0083.
 *
 * Speed: each scenario word gets a small integer id; a text's words are looked up in that
 * vocabulary as they come, and only where the last 12 words are all known is a 53-bit hash of
 * their ids computed and looked up (then confirmed word by word, so a hash collision never
 * reports a leak). A word the scenarios never use breaks every shingle it is in, which is what
 * keeps ordinary text cheap to scan.
 */
import type { Scenario } from "../model.js";

export const SHINGLE_WORDS = 12;

/** A word, or a JSON escape (`\n`, `\t`, `\r`) that counts as whitespace in transcripts and JSON files. */
const TOKEN = /\\[nrt]|[\p{L}\p{N}]+/gu;

/** The scenario text a leak could copy: title, story, rubric, and every string value in steps and expectations. */
export function scenarioStrings(scenario: Scenario): string[] {
  const strings = [scenario.title, scenario.story];
  if (scenario.judge?.rubric) strings.push(scenario.judge.rubric);
  const collect = (value: unknown): void => {
    if (typeof value === "string") strings.push(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (typeof value === "object" && value !== null) Object.values(value).forEach(collect);
  };
  collect(scenario.steps);
  collect(scenario.expectations);
  return strings.filter((text) => typeof text === "string" && text.length > 0);
}

/** The lowercased words of `text` with their character ranges. */
export function words(text: string): { word: string; start: number; end: number }[] {
  const found: { word: string; start: number; end: number }[] = [];
  for (const match of text.matchAll(TOKEN)) {
    if (match[0].startsWith("\\")) continue;
    found.push({ word: match[0].toLowerCase(), start: match.index, end: match.index + match[0].length });
  }
  return found;
}

interface Shingle {
  ids: Int32Array;
  owners: number[];
}

export interface ShingleIndex {
  vocabulary: Map<string, number>;
  shingles: Map<number, Shingle[]>;
  /** How many distinct shingles are indexed (0: nothing can match). */
  size: number;
}

function hashWindow(ring: Int32Array, first: number): number {
  let high = 0x811c9dc5 | 0;
  let low = 0x9747b28c | 0;
  for (let offset = 0; offset < SHINGLE_WORDS; offset += 1) {
    const id = ring[(first + offset) % SHINGLE_WORDS]!;
    high = Math.imul(high ^ id, 0x01000193);
    low = Math.imul(low ^ id, 0x5bd1e995);
    low ^= low >>> 13;
  }
  // 32 + 21 bits: within a double's exact integer range.
  return (high >>> 0) * 0x200000 + (low >>> 11);
}

function sameWindow(ring: Int32Array, first: number, ids: Int32Array): boolean {
  for (let offset = 0; offset < SHINGLE_WORDS; offset += 1) if (ring[(first + offset) % SHINGLE_WORDS] !== ids[offset]) return false;
  return true;
}

/** Indexes every 12-word run of each text, under its owner (a scenario's index). Runs never span two texts. */
export function buildShingleIndex(texts: Iterable<{ owner: number; text: string }>): ShingleIndex {
  const index: ShingleIndex = { vocabulary: new Map(), shingles: new Map(), size: 0 };
  const ring = new Int32Array(SHINGLE_WORDS);
  for (const { owner, text } of texts) {
    const tokens = words(text);
    if (tokens.length < SHINGLE_WORDS) continue;
    tokens.forEach(({ word }, position) => {
      let id = index.vocabulary.get(word);
      if (id === undefined) index.vocabulary.set(word, (id = index.vocabulary.size + 1));
      ring[position % SHINGLE_WORDS] = id;
      if (position + 1 < SHINGLE_WORDS) return;
      const first = (position + 1) % SHINGLE_WORDS;
      const hash = hashWindow(ring, first);
      const bucket = index.shingles.get(hash) ?? [];
      const existing = bucket.find((shingle) => sameWindow(ring, first, shingle.ids));
      if (existing) {
        if (!existing.owners.includes(owner)) existing.owners.push(owner);
        return;
      }
      const ids = new Int32Array(SHINGLE_WORDS);
      for (let offset = 0; offset < SHINGLE_WORDS; offset += 1) ids[offset] = ring[(first + offset) % SHINGLE_WORDS]!;
      bucket.push({ ids, owners: [owner] });
      index.shingles.set(hash, bucket);
      index.size += 1;
    });
  }
  return index;
}

/** A maximal stretch of `text` made of indexed shingles of one owner: character range [start, end). */
export interface WordRun {
  owner: number;
  start: number;
  end: number;
}

/** Every stretch of `text` that repeats 12 or more consecutive words of an owner's texts. */
export function findWordRuns(text: string, index: ShingleIndex): WordRun[] {
  if (index.size === 0) return [];
  const runs: WordRun[] = [];
  const open = new Map<number, WordRun & { last: number }>();
  const ring = new Int32Array(SHINGLE_WORDS);
  const starts = new Int32Array(SHINGLE_WORDS);
  let known = 0;
  let position = -1;
  // One lowercasing of the whole text, unless it changes lengths (rare letters such as "İ"),
  // where offsets would no longer line up and each word is lowercased instead.
  const lower = text.toLowerCase();
  const scanned = lower.length === text.length ? lower : text;
  for (const match of scanned.matchAll(TOKEN)) {
    if (match[0].startsWith("\\")) continue;
    position += 1;
    const id = index.vocabulary.get(scanned === lower ? match[0] : match[0].toLowerCase());
    if (id === undefined) {
      known = 0;
      continue;
    }
    const slot = position % SHINGLE_WORDS;
    ring[slot] = id;
    starts[slot] = match.index;
    known += 1;
    if (known < SHINGLE_WORDS) continue;
    const first = (position + 1) % SHINGLE_WORDS;
    const bucket = index.shingles.get(hashWindow(ring, first));
    const shingle = bucket?.find((candidate) => sameWindow(ring, first, candidate.ids));
    if (!shingle) continue;
    const end = match.index + match[0].length;
    for (const owner of shingle.owners) {
      const run = open.get(owner);
      if (run && run.last === position - 1) {
        run.end = end;
        run.last = position;
        continue;
      }
      if (run) runs.push({ owner, start: run.start, end: run.end });
      open.set(owner, { owner, start: starts[first]!, end, last: position });
    }
  }
  for (const run of open.values()) runs.push({ owner: run.owner, start: run.start, end: run.end });
  return runs.sort((left, right) => left.start - right.start || left.owner - right.owner);
}
