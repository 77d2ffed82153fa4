/**
 * Rules about what requirements say: each can be checked (no vague word without a measure), ids
 * are unique, and no two statements contradict each other ("must X" and "must not X"; limits on
 * one quantity that cannot both hold). Heuristics, kept conservative: a phrase must match
 * exactly (after normalising) before two statements are called contradictory.
 */
import type { SpecDocument } from "./model.js";
import { locateText } from "./source-lines.js";
import { clauses, normalizePhrase, specStatements, type Statement } from "./statements.js";

export type Report = (rule: string, severity: "error" | "warning", at: { line: number; column: number }, message: string, hint: string) => void;

/** Words that promise a quality without saying how much of it. */
export const VAGUE_WORDS = [
  "fast",
  "faster",
  "quick",
  "quickly",
  "user-friendly",
  "user friendly",
  "intuitive",
  "robust",
  "robustly",
  "scalable",
  "seamless",
  "seamlessly",
  "efficient",
  "efficiently",
  "simple",
  "easy",
  "easily",
  "responsive",
  "performant",
  "lightweight",
  "flexible",
  "reliable",
  "reliably",
  "smooth",
  "smoothly",
  "optimal",
  "timely",
  "as soon as possible",
  "asap",
  "high performance",
  "low latency",
] as const;

const VAGUE = new RegExp(`(?<![\\w-])(${VAGUE_WORDS.map((word) => word.replace(/[- ]/g, "[- ]")).join("|")})(?![\\w-])`, "i");
/** A number with a unit or a percent sign (200ms, 5 seconds, 99.9%, 3 retries), or a comparison with a number. */
const MEASURE = /\d(?:[\d,]*\d)?(?:\.\d+)?\s*(?:%|[a-zµ]+)|(?:<=?|>=?|≤|≥)\s*\d|\b(?:at most|at least|no more than|no less than|fewer than|less than|more than|within|under|below|above|up to)\s+\d/i;

function withoutCode(text: string): string {
  return text.replace(/`[^`]*`/g, " ");
}

export function lintMeasurable(spec: SpecDocument, report: Report): void {
  for (const requirement of spec.requirements) {
    const match = VAGUE.exec(withoutCode(requirement.text));
    if (!match || MEASURE.test(requirement.text)) continue;
    const word = match[1]!;
    const at = locateText(spec, word, requirement.line, requirement, { caseInsensitive: true });
    report("unmeasurable-requirement", "warning", at, `${requirement.id} says "${word}" with no measure, so no scenario can check it`, `say how much: a number with a unit (under 200 ms), a percentage, or a comparison (at most 3 retries)`);
  }
}

export function lintDuplicateIds(spec: SpecDocument, report: Report): void {
  const first = new Map<string, number>();
  for (const requirement of spec.requirements) {
    const earlier = first.get(requirement.id);
    if (earlier === undefined) first.set(requirement.id, requirement.line);
    else report("duplicate-requirement-id", "error", requirement, `${requirement.id} is also the id of the requirement on line ${earlier}`, "give each requirement its own id, or drop the explicit id to number it by position");
  }
}

interface Obligation {
  statement: Statement;
  negated: boolean;
  /** The clause as written, for the message. */
  clause: string;
  /** The clause without its modal, normalised: subject and predicate both count. */
  key: string;
}

const MODAL = /\b(?:must|shall)\s+(not\s+|never\s+)?/i;

function obligations(statement: Statement): Obligation[] {
  const found: Obligation[] = [];
  for (const clause of clauses(statement.text)) {
    const match = MODAL.exec(clause);
    if (!match) continue;
    const key = normalizePhrase(`${clause.slice(0, match.index)} ${clause.slice(match.index + match[0].length)}`);
    if (key !== "") found.push({ statement, negated: match[1] !== undefined, clause, key });
  }
  return found;
}

export function lintObligations(spec: SpecDocument, report: Report): void {
  const positive = new Map<string, Obligation>();
  const negative = new Map<string, Obligation>();
  const reported = new Set<string>();
  for (const statement of specStatements(spec)) {
    for (const obligation of obligations(statement)) {
      const opposite = (obligation.negated ? positive : negative).get(obligation.key);
      (obligation.negated ? negative : positive).set(obligation.key, obligation);
      if (!opposite || reported.has(obligation.key)) continue;
      reported.add(obligation.key);
      report(
        "contradiction",
        "error",
        statement,
        `${statement.label} contradicts ${opposite.statement.label} (line ${opposite.statement.line}): "${obligation.clause}" versus "${opposite.clause}"`,
        "keep one of the two, or narrow one so both can hold",
      );
    }
  }
}

interface Limit {
  statement: Statement;
  /** The bound as written: `at most 5`. */
  written: string;
  /** What is limited, as written: `retries per call`. */
  wording: string;
  low: number;
  lowOpen: boolean;
  high: number;
  highOpen: boolean;
  quantity: string;
}

type Bound = "<=" | "<" | ">=" | ">" | "=";
const COMPARATORS: [RegExp, Bound][] = [
  [/^(?:at most|no more than|not more than|up to|a maximum of|maximum of|max\.?|within)$/, "<="],
  [/^(?:fewer than|less than|under|below)$/, "<"],
  [/^(?:at least|no fewer than|no less than|not less than|a minimum of|minimum of|min\.?)$/, ">="],
  [/^(?:more than|over|above)$/, ">"],
  [/^exactly$/, "="],
];
const LIMIT = /\b(at most|no more than|not more than|up to|a maximum of|maximum of|max\.?|within|fewer than|less than|under|below|at least|no fewer than|no less than|not less than|a minimum of|minimum of|min\.?|more than|over|above|exactly)\s+(\d+(?:\.\d+)?)\s*([^.;,:]*)/gi;
/** Units of measure: a limit in one of these says nothing of what is measured, so the words before it join the key. */
const UNITS = new Set(["ms", "millisecond", "s", "sec", "second", "min", "minute", "h", "hour", "day", "%", "percent", "kb", "mb", "gb", "byte", "time"]);

function singular(word: string): string {
  if (word.length > 4 && word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  return word.length > 3 && word.endsWith("s") && !word.endsWith("ss") ? word.slice(0, -1) : word;
}

function limitsOf(statement: Statement): Limit[] {
  const limits: Limit[] = [];
  for (const clause of clauses(statement.text)) {
    for (const match of clause.matchAll(LIMIT)) {
      const comparator = match[1]!.toLowerCase();
      const bound = COMPARATORS.find(([pattern]) => pattern.test(comparator))![1];
      const value = Number(match[2]);
      const words = normalizePhrase(match[3]!).split(" ").filter((word) => word !== "").slice(0, 4).map(singular);
      if (words.length === 0) continue;
      let quantity = words.join(" ");
      if (UNITS.has(words[0]!)) {
        const before = normalizePhrase(clause.slice(0, match.index)).split(" ").filter((word) => word !== "" && !/^(is|are|be|in|of|for|to|with)$/.test(word)).slice(-2);
        quantity = `${before.join(" ")} | ${quantity}`;
      }
      limits.push({
        statement,
        written: `${match[1]} ${match[2]}`,
        wording: match[3]!.trim(),
        low: bound === ">=" || bound === ">" || bound === "=" ? value : Number.NEGATIVE_INFINITY,
        lowOpen: bound === ">",
        high: bound === "<=" || bound === "<" || bound === "=" ? value : Number.POSITIVE_INFINITY,
        highOpen: bound === "<",
        quantity,
      });
    }
  }
  return limits;
}

function compatible(left: Limit, right: Limit): boolean {
  const low = Math.max(left.low, right.low);
  const high = Math.min(left.high, right.high);
  if (low < high) return true;
  if (low > high) return false;
  const lowOpen = (left.low === low && left.lowOpen) || (right.low === low && right.lowOpen);
  const highOpen = (left.high === high && left.highOpen) || (right.high === high && right.highOpen);
  return !lowOpen && !highOpen;
}

export function lintLimits(spec: SpecDocument, report: Report): void {
  const byQuantity = new Map<string, Limit[]>();
  for (const statement of specStatements(spec)) {
    for (const limit of limitsOf(statement)) {
      const earlier = byQuantity.get(limit.quantity) ?? [];
      const clash = earlier.find((other) => !compatible(other, limit));
      if (clash) {
        const at = locateText(spec, limit.written, limit.statement.line, limit.statement, { caseInsensitive: true });
        report(
          "conflicting-limits",
          "error",
          at,
          `${limit.statement.label} says "${limit.written} ${limit.wording}" but ${clash.statement.label} (line ${clash.statement.line}) says "${clash.written} ${clash.wording}": both cannot hold`,
          "make the limits agree",
        );
      }
      earlier.push(limit);
      byQuantity.set(limit.quantity, earlier);
    }
  }
}
