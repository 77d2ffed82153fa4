/**
 * The undefined-term rule: a term the requirements lean on but the spec never explains. Kept
 * conservative, because a false alarm teaches people to ignore the lint:
 * - a term is a *Capitalised Emphasis* (`*Incident Channel*`), a "Capitalised Quote" of two or
 *   more words, or a backticked phrase of two or more plain words (`incident channel`); a single
 *   backticked token is code (a command, a header, an identifier), not a term;
 * - it is defined when the glossary names it, or the Interfaces or Context section mentions it.
 */
import type { SpecDocument } from "./model.js";
import type { Report } from "./lint-requirements.js";
import { locateText } from "./source-lines.js";

const EMPHASIS = /(?<![*\w])[*_]([A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)[*_](?![*\w])/g;
const QUOTED = /["“]([A-Z][\w-]*(?:\s+[A-Z][\w-]*)+)["”]/g;
const BACKTICKED = /`([A-Za-z][A-Za-z-]*(?:\s+[A-Za-z][A-Za-z-]*)+)`/g;

function key(term: string): string {
  return term
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim()
    .split(" ")
    .map((word) => (word.length > 3 && word.endsWith("s") && !word.endsWith("ss") ? word.slice(0, -1) : word))
    .join(" ");
}

/** Every term-like phrase of `text`, as written. */
export function termsIn(text: string): string[] {
  const terms: string[] = [];
  for (const pattern of [EMPHASIS, QUOTED, BACKTICKED]) {
    for (const match of text.matchAll(pattern)) terms.push(match[1]!);
  }
  return terms;
}

export function lintUndefinedTerms(spec: SpecDocument, report: Report): void {
  const defined = new Set(spec.glossary.map((entry) => key(entry.term)));
  const explained = key([spec.interfaces ?? "", spec.context ?? ""].join("\n"));
  const isDefined = (term: string): boolean => defined.has(key(term)) || explained.includes(key(term));
  const reported = new Set<string>();
  for (const requirement of spec.requirements) {
    for (const term of termsIn(requirement.text)) {
      if (isDefined(term) || reported.has(key(term))) continue;
      reported.add(key(term));
      const at = locateText(spec, term, requirement.line, requirement);
      report("undefined-term", "warning", at, `${requirement.id} uses the term "${term}", which the spec does not define`, `add it to ## Glossary (- **${term}**: what it means), or say it in ## Context`);
    }
  }
}
