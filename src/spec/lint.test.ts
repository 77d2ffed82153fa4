import { describe, expect, it } from "vitest";
import { parseScenarioText } from "../scenarios/index.js";
import { formatSpecIssue, type SpecIssue } from "./issues.js";
import { lintSpec, lintSpecFile, lintSpecText, SPEC_RULES } from "./lint.js";
import { parseSpec } from "./parse.js";

const FILE = "SPEC.md";

/** A clean spec; `requirements` and the other parts replace its sections. */
function specText({
  front = "name: bridge\nservices: [slack, jira]\nmodel: openai:gpt-5.1\napp: { command: node app.mjs }",
  requirements = "1. The bridge must post each High issue in the channel.\n2. The bridge must not post Low issues.",
  constraints = "- No dependencies.",
  glossary = "- **Incident Channel**: where announcements go",
  extra = "",
}: { front?: string; requirements?: string; constraints?: string; glossary?: string; extra?: string } = {}): string {
  return `---\n${front}\n---\n\n# Bridge\n\n## Goal\n\nBridge Jira to Slack.\n\n## Context\n\nOn-call lives in Slack; \`issue key\` is Jira's.\n\n## Requirements\n\n${requirements}\n\n## Constraints\n\n${constraints}\n\n## Definition of done\n\n- [ ] Scenarios pass.\n\n## Glossary\n\n${glossary}\n${extra}`;
}

/** Line 20 is the first requirement's line in specText. */
const FIRST_REQUIREMENT_LINE = 20;

function lint(text: string, options: Parameters<typeof lintSpec>[1] = {}): SpecIssue[] {
  return lintSpec(parseSpec(text, FILE), options);
}

function rules(text: string, options: Parameters<typeof lintSpec>[1] = {}): string[] {
  return lint(text, options).map((issue) => `${issue.line}:${issue.column} ${issue.severity} ${issue.rule}`);
}

function scenario(id: string, tags: string[]): ReturnType<typeof parseScenarioText> {
  return parseScenarioText(`id: ${id}\ntitle: ${id}\ntags: [${tags.join(", ")}]\nexpect:\n  - app: { where: { exitCode: 0 } }\n`, `scenarios/${id}.yaml`);
}

describe("lintSpec", () => {
  it("finds nothing in a clean spec", () => {
    expect(lint(specText())).toEqual([]);
  });

  it("every issue has a rule of SPEC_RULES, a position, a message and a hint", () => {
    const text = specText({ requirements: "1. The UI must be fast.\n2. **R1** Retry at most 5 times.", front: "name: bridge\nservices: [slak]\nmodel: gpt-5" });
    expect(lint(text).map((issue) => issue.rule)).toContain("missing-app");
    const issues = lint(text);
    expect(issues.length).toBeGreaterThanOrEqual(4);
    for (const issue of issues) {
      expect(Object.keys(SPEC_RULES)).toContain(issue.rule);
      expect(issue.line).toBeGreaterThan(0);
      expect(issue.column).toBeGreaterThan(0);
      expect(issue.message).not.toBe("");
      expect(issue.hint).not.toBe("");
    }
  });

  describe("unmeasurable-requirement", () => {
    it("flags a vague word with no measure, at the word", () => {
      const issues = lint(specText({ requirements: "1. Search must be fast and\n   the UI intuitive." }));
      expect(issues.map(formatSpecIssue)).toEqual([
        `SPEC.md:${FIRST_REQUIREMENT_LINE}:19: warning unmeasurable-requirement: R1 says "fast" with no measure, so no scenario can check it (say how much: a number with a unit (under 200 ms), a percentage, or a comparison (at most 3 retries))`,
      ]);
    });

    it.each([
      "Search must be fast: under 200 ms at p95.",
      "Search must be fast for 99.9% of queries.",
      "The import must be quick, with at most 3 retries.",
      "Latency must be low and responsive (p95 <= 200).",
    ])("accepts a vague word with a measure: %s", (requirement) => {
      expect(rules(specText({ requirements: `1. ${requirement}` }))).toEqual([]);
    });

    it("ignores vague words in inline code and inside other words", () => {
      expect(rules(specText({ requirements: "1. The `--fast` flag must print steadfastly one line." }))).toEqual([]);
    });
  });

  describe("duplicate-requirement-id", () => {
    it("flags the second use of an id", () => {
      expect(rules(specText({ requirements: "1. **R2** One must hold.\n2. Two must hold." }))).toEqual([`${FIRST_REQUIREMENT_LINE + 1}:4 error duplicate-requirement-id`]);
    });

    it("accepts distinct explicit ids", () => {
      expect(rules(specText({ requirements: "1. **R5** One must hold.\n2. Two must hold." }))).toEqual([]);
    });
  });

  describe("undefined-term", () => {
    it("flags emphasised, quoted and multi-word backticked terms the spec does not define", () => {
      const issues = lint(specText({ requirements: '1. Post to the *War Room* and the "Status Page".\n2. Store the `incident id` and the *War Room* again.' }));
      expect(issues.map((issue) => [issue.line, issue.column, issue.message])).toEqual([
        [FIRST_REQUIREMENT_LINE, 17, 'R1 uses the term "War Room", which the spec does not define'],
        [FIRST_REQUIREMENT_LINE, 36, 'R1 uses the term "Status Page", which the spec does not define'],
        [FIRST_REQUIREMENT_LINE + 1, 15, 'R2 uses the term "incident id", which the spec does not define'],
      ]);
    });

    it("counts glossary terms (plural or not, any case), Context and Interfaces as definitions, and skips single-token code", () => {
      const requirements = "1. Post to the *Incident Channels* with the `issue key`.\n2. Call `chat.postMessage` and read `Retry-After`.\n3. Mention the *Pager*.";
      expect(rules(specText({ requirements, extra: "\n## Interfaces\n\nThe pager API.\n" }))).toEqual([]);
    });
  });

  describe("contradiction", () => {
    it('flags "must X" and "must not X" on the same phrase, across requirements and constraints', () => {
      const issues = lint(specText({ requirements: "1. The bridge must post **the** Low issues.", constraints: "- The bridge must never post Low issues." }));
      expect(issues.map((issue) => [issue.rule, issue.message])).toEqual([
        ["contradiction", 'constraint 1 contradicts R1 (line 20): "The bridge must never post Low issues" versus "The bridge must post **the** Low issues"'],
      ]);
      expect(issues[0]!.line).toBe(FIRST_REQUIREMENT_LINE + 4);
    });

    it("does not flag different phrases or different subjects", () => {
      expect(rules(specText({ requirements: "1. The bridge must post High issues.\n2. The bridge must not post Low issues.\n3. High issues must be posted.\n4. Low issues must not be posted." }))).toEqual([]);
    });
  });

  describe("conflicting-limits", () => {
    it("flags limits on one quantity that cannot both hold", () => {
      const issues = lint(specText({ requirements: "1. Retry at most 5 retries per call.\n2. Use at least 7 retries per call." }));
      expect(issues.map((issue) => [issue.line, issue.column, issue.rule, issue.message])).toEqual([
        [FIRST_REQUIREMENT_LINE + 1, 8, "conflicting-limits", 'R2 says "at least 7 retries per call" but R1 (line 20) says "at most 5 retries per call": both cannot hold'],
      ]);
    });

    it("flags exactly-versus-bound and strict bounds that meet", () => {
      expect(rules(specText({ requirements: "1. Keep exactly 3 replicas.\n2. Keep fewer than 3 replicas." }))).toEqual([`${FIRST_REQUIREMENT_LINE + 1}:9 error conflicting-limits`]);
    });

    it("accepts limits that can both hold, and limits on different quantities", () => {
      const requirements = "1. Retry at most 5 times per call, and at least 2 times per call.\n2. Answer Slack within 3 seconds.\n3. Reject a timestamp more than 300 seconds old.";
      expect(rules(specText({ requirements }))).toEqual([]);
    });
  });

  describe("unknown-service and model-format", () => {
    it("flags an unknown service with the nearest known one, and a model without a provider", () => {
      const issues = lint(specText({ front: "name: bridge\nservices:\n  - slack\n  - jria\nmodel: gpt-5.1\napp: { command: node app.mjs }" }));
      expect(issues.map((issue) => [issue.line, issue.column, issue.rule, issue.message])).toEqual([
        [5, 5, "unknown-service", 'unknown service "jria" (did you mean "jira"?)'],
        [6, 1, "model-format", 'model "gpt-5.1" is not of the form provider:model'],
      ]);
    });

    it("takes the known services from its options", () => {
      expect(rules(specText({ front: "name: bridge\nservices: [okta]\napp: { command: node app.mjs }" }), { knownServices: ["okta"] })).toEqual([]);
    });
  });

  describe("missing-app", () => {
    it("warns at the title when the front matter does not say how to start the app", () => {
      expect(rules(specText({ front: "name: bridge" }))).toEqual(["5:1 warning missing-app"]);
    });
  });

  describe("unknown-section", () => {
    it("warns about a misspelt known section, not about other sections", () => {
      const issues = lint(specText({ extra: "\n## Edge case\n\n- None.\n\n## Rollout\n\nLater.\n" }));
      expect(issues.map((issue) => [issue.rule, issue.hint])).toEqual([["unknown-section", "did you mean ## Edge cases?"]]);
    });
  });

  describe("coverage", () => {
    it("flags requirements no scenario is tagged with, and requirement tags the spec does not have", () => {
      const text = specText({ requirements: "1. The bridge must post High issues.\n2. The bridge must not post Low issues. [tags: quiet]\n3. Replies must become comments." });
      const issues = lint(text, { scenarios: [scenario("announce", ["R1"]), scenario("quiet", ["quiet", "r9"])] });
      expect(issues.map(formatSpecIssue)).toEqual([
        `SPEC.md:${FIRST_REQUIREMENT_LINE + 2}:4: warning uncovered-requirement: no scenario covers R3: none is tagged R3 (add R3 to the tags of a scenario that checks it)`,
        "scenarios/quiet.yaml:3:15: warning unknown-requirement-tag: scenario quiet is tagged r9, but SPEC.md has no requirement R9 (correct the tag, or add the requirement to the spec)",
      ]);
    });

    it("checks nothing about coverage without scenarios", () => {
      expect(rules(specText())).toEqual([]);
    });
  });
});

describe("lintSpecText and lintSpecFile", () => {
  it("reports structural problems and content problems together, sorted", () => {
    const text = specText({ requirements: "1. It must be robust.", glossary: "- nothing to see" });
    expect(lintSpecText(text, FILE).issues.map((issue) => `${issue.line} ${issue.rule}`)).toEqual([`${FIRST_REQUIREMENT_LINE} unmeasurable-requirement`, "32 glossary-entry"]);
  });

  it("returns only the structural problems when the spec cannot be read", () => {
    const result = lintSpecText("no title here", FILE);
    expect(result.spec).toBeUndefined();
    expect(result.issues.map((issue) => issue.rule)).toEqual(["missing-section", "missing-section", "missing-section", "missing-title"]);
  });

  it("lints the example spec clean against its visible scenarios", () => {
    const result = lintSpecFile("examples/incident-bridge/SPEC.md", { scenarioPaths: ["examples/incident-bridge/scenarios"] });
    expect(result.issues).toEqual([]);
  });

  it("throws SCENARIO for a scenario path that does not exist", () => {
    expect(() => lintSpecFile("examples/incident-bridge/SPEC.md", { scenarioPaths: ["no/such/dir"] })).toThrow(expect.objectContaining({ code: "SCENARIO" }));
  });
});
