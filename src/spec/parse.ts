/**
 * SPEC.md text -> `SpecDocument`: front matter (front-matter.ts), the `# Title`, the H2 sections
 * (sections.ts), and the lists inside them (markdown.ts). `readSpec` never throws and returns
 * every structural problem as an issue; `parseSpec` throws them as one SpecFormatError (a
 * LightsoutError "SPEC"). What a well-formed spec may still get wrong is `lintSpec`'s job.
 */
import { readFileSync } from "node:fs";
import { parseFrontMatter, splitFrontMatter, type FrontMatter } from "./front-matter.js";
import { compareSpecIssues, SpecFormatError, type SpecIssue } from "./issues.js";
import { findHeadings, listItems, paragraphs, splitLines, type ListItem, type SourceLine } from "./markdown.js";
import type { SpecChecklistItem, SpecDocument, SpecGlossaryEntry, SpecRequirement, SpecSection } from "./model.js";
import { knownSection, REQUIRED_SECTIONS, SECTION_TITLES, type KnownSection } from "./sections.js";

export interface ReadSpecResult {
  /** Undefined when the spec cannot be read at all (bad front matter, no title). */
  spec?: SpecDocument;
  /** Structural problems, sorted by position; a spec with an error among them is not usable. */
  issues: SpecIssue[];
}

/** `**R3**`, `**R3:**`, `**R3**:`, `R3:`, `R3.`, `[R3]` at the start of a requirement. */
const REQUIREMENT_ID = /^(?:\*\*(R\d+)\s*[:.]?\*\*\s*[:.\-–—]?|\[(R\d+)\]\s*[:.\-–—]?|(R\d+)\s*[:.\-–—])\s*/i;
const CHECKBOX = /^\[( |x|X)\][ \t]+/;
const GLOSSARY_ENTRY = /^(?:\*\*(.+?)\*\*\s*[:\-–—]?|__(.+?)__\s*[:\-–—]?|`([^`]+)`\s*[:\-–—]|([^:*`]+?)\s*:)\s*(.*)$/;

/** The title as a kebab-case name: `# Incident Bridge!` -> incident-bridge. */
export function nameFromTitle(title: string): string {
  return title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

interface RawSection extends SpecSection {
  lines: SourceLine[];
  known?: KnownSection;
}

function bodyText(lines: readonly SourceLine[]): string {
  const texts = lines.map((line) => line.text);
  while (texts.length > 0 && texts[0]!.trim() === "") texts.shift();
  while (texts.length > 0 && texts[texts.length - 1]!.trim() === "") texts.pop();
  return texts.join("\n");
}

function isEmpty(lines: readonly SourceLine[]): boolean {
  // An HTML comment alone (a template's placeholder) does not count as content.
  const text = lines.map((line) => line.text).join("\n").replace(/<!--[\s\S]*?-->/g, "");
  return text.trim() === "";
}

/** A trailing `[tags: jira-to-slack, resilience]`. */
const REQUIREMENT_TAGS = /\s*\[tags?:\s*([^\]]*)\]\s*$/i;

function toRequirement(item: ListItem, position: number): SpecRequirement {
  const tagsMatch = REQUIREMENT_TAGS.exec(item.text);
  const tags = tagsMatch ? tagsMatch[1]!.split(",").map((tag) => tag.trim()).filter((tag) => tag !== "") : [];
  const text = tagsMatch ? item.text.slice(0, tagsMatch.index) : item.text;
  const match = REQUIREMENT_ID.exec(text);
  if (!match) return { id: `R${position}`, text, line: item.line, column: item.column, tags };
  const id = (match[1] ?? match[2] ?? match[3]!).toUpperCase();
  return { id, text: text.slice(match[0].length), line: item.line, column: item.column + match[0].length, tags };
}

/** List items, or each paragraph when the section holds prose rather than a list. */
function entries(section: RawSection | undefined): string[] {
  if (!section) return [];
  const items = listItems(section.lines);
  if (items.length > 0) return items.map((item) => item.text);
  return paragraphs(section.lines).map((paragraph) => paragraph.text);
}

class SpecReader {
  readonly issues: SpecIssue[] = [];

  constructor(readonly file: string) {}

  error(rule: string, line: number, column: number, message: string, hint: string): void {
    this.issues.push({ file: this.file, line, column, severity: "error", rule, message, hint });
  }

  warning(rule: string, line: number, column: number, message: string, hint: string): void {
    this.issues.push({ file: this.file, line, column, severity: "warning", rule, message, hint });
  }

  requirements(section: RawSection | undefined): SpecRequirement[] {
    if (!section || isEmpty(section.lines)) return [];
    const items = listItems(section.lines);
    const ordered = items.filter((item) => item.kind === "ordered");
    if (ordered.length === 0) {
      const hint = items.length > 0 ? "number the items: 1. ..., 2. ..." : "write each requirement as a numbered item: 1. The bridge must ...";
      this.error("requirements-list", section.line, 1, "## Requirements holds no numbered list, so no requirement can be named or checked", hint);
      return [];
    }
    for (const item of items.filter((entry) => entry.kind === "bullet")) {
      this.warning("requirements-list", item.line, 1, "a bullet item among the numbered requirements is not a requirement of its own", "number it, or indent it under the requirement it belongs to");
    }
    return ordered.map((item, index) => toRequirement(item, index + 1));
  }

  definitionOfDone(section: RawSection | undefined): SpecChecklistItem[] {
    if (!section || isEmpty(section.lines)) return [];
    const checklist: SpecChecklistItem[] = [];
    for (const item of listItems(section.lines)) {
      const match = CHECKBOX.exec(item.text);
      if (match) checklist.push({ text: item.text.slice(match[0].length), done: match[1] !== " ", line: item.line });
      else this.warning("done-checklist", item.line, item.column, "this item of ## Definition of done is not a checkbox", "write it as - [ ] ...");
    }
    if (checklist.length === 0) this.error("done-checklist", section.line, 1, "## Definition of done holds no checklist", "list what must be true when the work is done: - [ ] ...");
    return checklist;
  }

  glossary(section: RawSection | undefined): SpecGlossaryEntry[] {
    if (!section) return [];
    const glossary: SpecGlossaryEntry[] = [];
    for (const item of listItems(section.lines)) {
      const match = GLOSSARY_ENTRY.exec(item.text);
      const term = match && (match[1] ?? match[2] ?? match[3] ?? match[4])?.replace(/[:\s]+$/, "").trim();
      if (match && term) glossary.push({ term, definition: match[5]!.trim(), line: item.line });
      else this.warning("glossary-entry", item.line, item.column, "this glossary item names no term", "write it as - **term**: definition");
    }
    return glossary;
  }

  /** Splits the body into sections at each H2; reports duplicates, missing and empty ones. */
  sections(lines: readonly string[], bodyStart: number): { title?: { text: string; line: number }; sections: RawSection[] } {
    const headings = findHeadings(lines, bodyStart);
    const title = headings.find((heading) => heading.level === 1);
    const sectionHeadings = headings.filter((heading) => heading.level === 2);
    const sections: RawSection[] = sectionHeadings.map((heading, index) => {
      const end = sectionHeadings[index + 1]?.index ?? lines.length;
      const bodyLines = lines.slice(heading.index + 1, end).map((text, offset) => ({ text, line: heading.line + 1 + offset }));
      const known = knownSection(heading.text);
      return { name: heading.text, line: heading.line, bodyLine: heading.line + 1, body: bodyText(bodyLines), lines: bodyLines, ...(known ? { known } : {}) };
    });
    const seen = new Map<KnownSection, RawSection>();
    for (const section of sections) {
      if (!section.known) continue;
      const first = seen.get(section.known);
      if (first) this.error("duplicate-section", section.line, 1, `a second ## ${section.name} section (the first is on line ${first.line})`, "merge the two sections into one");
      else seen.set(section.known, section);
    }
    const lastLine = lines.length;
    for (const required of REQUIRED_SECTIONS) {
      if (!seen.has(required)) this.error("missing-section", title?.line ?? lastLine, 1, `the spec has no ## ${SECTION_TITLES[required]} section, which is required`, `add a ## ${SECTION_TITLES[required]} section`);
    }
    for (const section of sections) {
      if (!isEmpty(section.lines)) continue;
      const required = section.known !== undefined && REQUIRED_SECTIONS.includes(section.known);
      if (required) this.error("empty-section", section.line, 1, `## ${section.name} is empty`, "write its content below the heading");
      else this.warning("empty-section", section.line, 1, `## ${section.name} is empty`, "write its content, or remove the heading");
    }
    return { ...(title ? { title: { text: title.text, line: title.line } } : {}), sections };
  }
}

function frontMatterOf(lines: readonly string[], reader: SpecReader): { frontMatter?: FrontMatter; bodyStart: number; ok: boolean } {
  const split = splitFrontMatter(lines, reader.file);
  reader.issues.push(...split.issues);
  if (split.issues.length > 0) return { bodyStart: split.bodyStart, ok: false };
  if (split.yaml === undefined) return { bodyStart: split.bodyStart, ok: true };
  const parsed = parseFrontMatter(split.yaml, split.yamlLine, reader.file);
  reader.issues.push(...parsed.issues);
  return { ...(parsed.frontMatter ? { frontMatter: parsed.frontMatter } : {}), bodyStart: split.bodyStart, ok: parsed.frontMatter !== undefined };
}

/** Reads a spec without throwing: the document (when it can be built) and every structural problem. */
export function readSpec(text: string, file: string): ReadSpecResult {
  const reader = new SpecReader(file);
  const lines = splitLines(text);
  const front = frontMatterOf(lines, reader);
  // Without the end of the front matter there is no telling where the body starts.
  if (front.bodyStart >= lines.length && !front.ok) return { issues: reader.issues.sort(compareSpecIssues) };
  const { title, sections } = reader.sections(lines, front.bodyStart);
  if (!title || title.text === "") {
    reader.error("missing-title", title?.line ?? front.bodyStart + 1, 1, "the spec has no title", "start the body with a # Title line");
  }
  const name = front.frontMatter?.name ?? nameFromTitle(title?.text ?? "");
  if (title && title.text !== "" && name === "") {
    reader.error("missing-title", title.line, 1, `no name can be made from the title "${title.text}"`, "set name: in the front matter (kebab-case)");
  }
  if (!front.ok || !title || name === "") return { issues: reader.issues.sort(compareSpecIssues) };

  const byName = (known: KnownSection): RawSection | undefined => sections.find((section) => section.known === known);
  const prose = (section: RawSection | undefined): string => (section ? paragraphs(section.lines).map((paragraph) => paragraph.text).join("\n\n") : "");
  const context = byName("context");
  const interfaces = byName("interfaces");
  const frontMatter = front.frontMatter;
  const spec: SpecDocument = {
    file,
    name,
    title: title.text,
    goal: prose(byName("goal")),
    ...(context && !isEmpty(context.lines) ? { context: context.body } : {}),
    requirements: reader.requirements(byName("requirements")),
    constraints: entries(byName("constraints")),
    edgeCases: entries(byName("edge cases")),
    ...(interfaces && !isEmpty(interfaces.lines) ? { interfaces: interfaces.body } : {}),
    definitionOfDone: reader.definitionOfDone(byName("definition of done")),
    glossary: reader.glossary(byName("glossary")),
    services: frontMatter?.services ?? [],
    ...(frontMatter?.model !== undefined ? { model: frontMatter.model } : {}),
    ...(frontMatter?.budgetUsd !== undefined ? { budgetUsd: frontMatter.budgetUsd } : {}),
    ...(frontMatter?.app ? { app: frontMatter.app } : {}),
    sections: sections.map(({ name: sectionName, line, body, bodyLine }) => ({ name: sectionName, line, body, bodyLine })),
    titleLine: title.line,
    frontMatterLines: frontMatter?.keyLines ?? {},
    serviceLines: frontMatter?.serviceLines ?? [],
    source: text,
  };
  return { spec, issues: reader.issues.sort(compareSpecIssues) };
}

/** Parses a spec; any structural error (warnings aside) throws a SpecFormatError, code "SPEC". */
export function parseSpec(text: string, file: string): SpecDocument {
  const { spec, issues } = readSpec(text, file);
  const errors = issues.filter((issue) => issue.severity === "error");
  if (!spec || errors.length > 0) throw new SpecFormatError(errors);
  return spec;
}

function readReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "is a directory";
  if (code === "EACCES") return "permission denied";
  return error instanceof Error ? error.message : String(error);
}

/** Reads a spec file's text; an unreadable file is a SpecFormatError naming the path and why. */
export function readSpecText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new SpecFormatError([{ file: path, line: 1, column: 1, severity: "error", rule: "read", message: `cannot read the spec: ${readReason(error)}`, hint: "check the path" }]);
  }
}

/** Reads and parses a spec file (throws SpecFormatError, code "SPEC"). */
export function loadSpecFile(path: string): SpecDocument {
  return parseSpec(readSpecText(path), path);
}
