import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LightsoutError } from "../errors.js";
import { SpecFormatError } from "./issues.js";
import { loadSpecFile, nameFromTitle, parseSpec, readSpec } from "./parse.js";

const FILE = "specs/SPEC.md";

/** A complete spec; tests replace parts of it. */
const FULL = `---
name: incident-bridge
model: openai:gpt-5.1
budget_usd: 5
services: [slack, jira]
app:
  command: node app.mjs
  kind: service
  ready_path: /health
---

# Incident Bridge

## Goal

Announce High issues in Slack.
Copy replies back.

## Context

Engineers live in Slack.

## Requirements

Intro text before the list is kept out of the requirements.

1. The bridge must announce each High issue
   within 5 seconds.
2. **R7** Replies become comments. [tags: slack-to-jira, resilience]
3. R9: Bots are ignored.
   - nested detail stays with R9

## Constraints

- No dependencies.
- Secrets from the environment.

## Edge Cases

- A reply arrives before the announcement.

## Interfaces

\`POST /slack/events\`

## Definition of done

- [ ] Scenarios pass.
- [x] Health answers 200.

## Glossary

- **announcement**: the bridge's message about one issue
- \`Incident Channel\`: where announcements go

## Rollout notes

Ship on a Tuesday.
`;

function failure(text: string): SpecFormatError {
  try {
    parseSpec(text, FILE);
  } catch (error) {
    if (error instanceof SpecFormatError) return error;
    throw error;
  }
  throw new Error("expected a SpecFormatError");
}

describe("parseSpec: sections", () => {
  it("reads every section, the front matter and the title", () => {
    const spec = parseSpec(FULL, FILE);
    expect(spec).toMatchObject({
      file: FILE,
      name: "incident-bridge",
      title: "Incident Bridge",
      goal: "Announce High issues in Slack. Copy replies back.",
      context: "Engineers live in Slack.",
      constraints: ["No dependencies.", "Secrets from the environment."],
      edgeCases: ["A reply arrives before the announcement."],
      interfaces: "`POST /slack/events`",
      definitionOfDone: [
        { text: "Scenarios pass.", done: false, line: 48 },
        { text: "Health answers 200.", done: true, line: 49 },
      ],
      glossary: [
        { term: "announcement", definition: "the bridge's message about one issue", line: 53 },
        { term: "Incident Channel", definition: "where announcements go", line: 54 },
      ],
      services: ["slack", "jira"],
      model: "openai:gpt-5.1",
      budgetUsd: 5,
      app: { command: "node app.mjs", kind: "service", readyPath: "/health" },
      titleLine: 12,
      frontMatterLines: { name: 2, model: 3, budget_usd: 4, services: 5, app: 6 },
      serviceLines: [5, 5],
      source: FULL,
    });
    expect(spec.sections.map((section) => [section.name, section.line])).toEqual([
      ["Goal", 14],
      ["Context", 19],
      ["Requirements", 23],
      ["Constraints", 33],
      ["Edge Cases", 38],
      ["Interfaces", 42],
      ["Definition of done", 46],
      ["Glossary", 51],
      ["Rollout notes", 56],
    ]);
    expect(spec.sections.at(-1)!.body).toBe("Ship on a Tuesday.");
  });

  it("numbers requirements by position, joins continuation lines, and lets an explicit id win", () => {
    const spec = parseSpec(FULL, FILE);
    expect(spec.requirements).toEqual([
      { id: "R1", text: "The bridge must announce each High issue within 5 seconds.", line: 27, column: 4, tags: [] },
      { id: "R2", text: "Replies become comments.", line: 29, column: 11, tags: ["slack-to-jira", "resilience"] },
      { id: "R9", text: "Bots are ignored. - nested detail stays with R9", line: 30, column: 8, tags: [] },
    ].map((requirement, index) => (index === 1 ? { ...requirement, id: "R7" } : requirement)));
  });

  it("accepts every way of writing an explicit id", () => {
    const ids = ["**R3**", "**R3:**", "**R3**:", "R3:", "R3.", "[R3]", "r3:"].map((prefix) => {
      const spec = parseSpec(FULL.replace("1. The bridge must announce", `1. ${prefix} The bridge must announce`), FILE);
      return [spec.requirements[0]!.id, spec.requirements[0]!.text.slice(0, 10)];
    });
    expect(ids).toEqual(Array.from({ length: 7 }, () => ["R3", "The bridge"]));
  });

  it("matches headings case-insensitively, with dashes and a trailing colon, and ignores headings in code fences", () => {
    const text = FULL.replace("## Edge Cases", "## edge-cases:").replace("## Context\n", "## Context\n\n```md\n## Goal\n```\n");
    const spec = parseSpec(text, FILE);
    expect(spec.edgeCases).toEqual(["A reply arrives before the announcement."]);
    expect(spec.goal).toBe("Announce High issues in Slack. Copy replies back.");
  });

  it("takes prose as entries when a list section holds paragraphs, and derives the name from the title", () => {
    const text = FULL.replace(/^---[\s\S]*?---\n/, "").replace("- No dependencies.\n- Secrets from the environment.", "No dependencies.\n\nSecrets from\nthe environment.");
    const spec = parseSpec(text, FILE);
    expect(spec.constraints).toEqual(["No dependencies.", "Secrets from the environment."]);
    expect(spec.name).toBe("incident-bridge");
    expect(spec.services).toEqual([]);
    expect(spec.model).toBeUndefined();
    expect(spec.frontMatterLines).toEqual({});
  });

  it("makes kebab-case names from titles", () => {
    expect(nameFromTitle("Café  Ordering: v2!")).toBe("cafe-ordering-v2");
  });

  it("reads CRLF files the same", () => {
    expect(parseSpec(FULL.replace(/\n/g, "\r\n"), FILE).requirements.map((requirement) => requirement.text)).toEqual(parseSpec(FULL, FILE).requirements.map((requirement) => requirement.text));
  });

  it("parses the example spec of the incident bridge", () => {
    const spec = loadSpecFile("examples/incident-bridge/SPEC.md");
    expect(spec.name).toBe("incident-bridge");
    expect(spec.services).toEqual(["slack", "jira"]);
    expect(spec.app).toEqual({ command: "node app.mjs", kind: "service", readyPath: "/health" });
    expect(spec.requirements.map((requirement) => requirement.id)).toEqual(["R1", "R2", "R3", "R4", "R5", "R6"]);
  });
});

describe("parseSpec: errors", () => {
  it("is a LightsoutError SPEC with one file:line:col line per problem", () => {
    const error = failure(FULL.replace("## Goal", "## Purpose").replace("## Definition of done", "## Done"));
    expect(LightsoutError.isInstance(error)).toBe(true);
    expect(error.code).toBe("SPEC");
    expect(error.message.split("\n")).toEqual([
      "specs/SPEC.md:12:1: error missing-section: the spec has no ## Goal section, which is required (add a ## Goal section)",
      "specs/SPEC.md:12:1: error missing-section: the spec has no ## Definition of done section, which is required (add a ## Definition of done section)",
    ]);
  });

  it("reports front matter YAML errors at their file line", () => {
    const error = failure(FULL.replace("budget_usd: 5", "budget_usd: [5"));
    expect(error.issues[0]).toMatchObject({ line: 5, rule: "front-matter", severity: "error" });
    expect(error.issues[0]!.message).toMatch(/^invalid YAML in the front matter: /);
  });

  it("reports front matter schema errors at the key or value, with did-you-mean", () => {
    const error = failure(FULL.replace("budget_usd: 5", "budget_usd: lots").replace("  ready_path: /health", "  ready_path: health").replace("model:", "modle:"));
    expect(error.issues.map((issue) => [issue.line, issue.column, issue.message])).toEqual([
      [3, 1, expect.stringMatching(/^modle: unknown key "modle" \(did you mean "model"\?\)/)],
      [4, 13, 'budget_usd: expected a number of US dollars, got a string ("lots")'],
      [9, 15, "app.ready_path: expected a path starting with / (/health)"],
    ]);
  });

  it("requires app.command and a kebab-case name", () => {
    const error = failure(FULL.replace("  command: node app.mjs\n", "").replace("name: incident-bridge", "name: Incident Bridge"));
    expect(error.issues.map((issue) => [issue.line, issue.message])).toEqual([
      [2, "name: expected a kebab-case name: lowercase letters and digits joined by single dashes (incident-bridge)"],
      [7, "app.command: required (a string)"],
    ]);
  });

  it("reports an unclosed front matter at line 1", () => {
    const error = failure("---\nname: x\n# Title\n");
    expect(error.issues).toEqual([expect.objectContaining({ line: 1, column: 1, rule: "front-matter", message: "the front matter opened with --- on line 1 is never closed" })]);
  });

  it("requires a title", () => {
    const error = failure(FULL.replace("# Incident Bridge\n", ""));
    expect(error.issues.map((issue) => issue.rule)).toEqual(["missing-title"]);
  });

  it("requires numbered requirements and a checklist, and flags empty required sections", () => {
    const text = FULL.replace("1. The bridge must announce each High issue\n   within 5 seconds.\n2.", "-").replace("3. R9", "- R9").replace("- [ ] Scenarios pass.\n- [x] Health answers 200.", "- Scenarios pass.").replace("Announce High issues in Slack.\nCopy replies back.", "<!-- say what -->");
    const error = failure(text);
    expect(error.issues.map((issue) => [issue.line, issue.rule, issue.message])).toEqual([
      [14, "empty-section", "## Goal is empty"],
      [22, "requirements-list", "## Requirements holds no numbered list, so no requirement can be named or checked"],
      [43, "done-checklist", "## Definition of done holds no checklist"],
    ]);
  });

  it("refuses a second section of the same kind", () => {
    const error = failure(`${FULL}\n## Goal\n\nAnother goal.\n`);
    expect(error.issues).toEqual([expect.objectContaining({ line: 60, rule: "duplicate-section", message: "a second ## Goal section (the first is on line 14)" })]);
  });

  it("reports an unreadable file as SPEC with the path", () => {
    expect(() => loadSpecFile("no/such/SPEC.md")).toThrow(/^no\/such\/SPEC\.md:1:1: error read: cannot read the spec: no such file/);
  });
});

describe("readSpec", () => {
  it("returns warnings with a usable spec: non-checkbox items, bullets among requirements, empty optional sections", () => {
    const text = FULL.replace("- [x] Health answers 200.", "- [x] Health answers 200.\n- a note").replace("## Context\n\nEngineers live in Slack.\n", "## Context\n").replace("3. R9: Bots", "- Bots");
    const { spec, issues } = readSpec(text, FILE);
    expect(spec?.requirements.map((requirement) => requirement.id)).toEqual(["R1", "R7"]);
    expect(spec?.context).toBeUndefined();
    expect(issues.map((issue) => [issue.severity, issue.rule])).toEqual([
      ["warning", "empty-section"],
      ["warning", "requirements-list"],
      ["warning", "done-checklist"],
    ]);
  });

  it("reads the example spec with no issues at all", () => {
    expect(readSpec(readFileSync("examples/incident-bridge/SPEC.md", "utf8"), "SPEC.md").issues).toEqual([]);
  });
});
