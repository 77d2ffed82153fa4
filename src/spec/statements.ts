/**
 * The sentences the contradiction and measurability rules look at: each requirement and each
 * constraint, with where it is. Inline code and emphasis markers are removed for matching, so
 * `**must**` and must read the same.
 */
import type { SpecDocument } from "./model.js";
import { lineOfEntry } from "./source-lines.js";

export interface Statement {
  /** `R3`, or `constraint 2`: how a message names it. */
  label: string;
  text: string;
  line: number;
  column: number;
}

export function specStatements(spec: SpecDocument): Statement[] {
  const statements: Statement[] = spec.requirements.map((requirement) => ({ label: requirement.id, text: requirement.text, line: requirement.line, column: requirement.column }));
  const constraintsSection = spec.sections.find((section) => /^constraints?:?$/i.test(section.name.trim()));
  spec.constraints.forEach((constraint, index) => {
    statements.push({ label: `constraint ${index + 1}`, text: constraint, ...lineOfEntry(spec, constraint, constraintsSection?.line ?? 1) });
  });
  return statements;
}

/** Lowercase words, without markup, punctuation or articles: the form two phrases are compared in. */
export function normalizePhrase(text: string): string {
  return text
    .toLowerCase()
    .replace(/[`*_"'“”‘’()[\]{}]/g, " ")
    .replace(/[^a-z0-9%$./:-]+/g, " ")
    .split(" ")
    .filter((word) => word !== "" && !ARTICLES.has(word))
    .join(" ")
    .replace(/[.:]+$/g, "")
    .trim();
}

const ARTICLES = new Set(["a", "an", "the", "its", "their", "any", "always"]);

/** The clauses of a sentence: split at `.`, `;`, `,` and `:` followed by a space (not inside 1.5 or a:b). */
const HIDDEN: Record<string, string> = { ".": "\uE001", ";": "\uE002", ",": "\uE003", ":": "\uE004" };
const SHOWN: Record<string, string> = Object.fromEntries(Object.entries(HIDDEN).map(([shown, hidden]) => [hidden, shown]));

export function clauses(text: string): string[] {
  return text
    .replace(/`[^`]*`/g, (code) => code.replace(/[.;,:]/g, (mark) => HIDDEN[mark]!))
    .split(/[.;,:](?=\s|$)/)
    .map((clause) => clause.replace(/[\uE001-\uE004]/g, (mark) => SHOWN[mark]!).trim())
    .filter((clause) => clause !== "");
}
