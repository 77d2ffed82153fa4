import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { LightsoutError } from "../../errors.js";
import type { ScenarioDiagnostic } from "./diagnostic.js";
import { formatDiagnostic } from "./diagnostic.js";
import { LINT_RULES, lintScenarioPaths, lintScenarios } from "./lint.js";
import { parseScenarioText } from "./parse.js";

const STORY = "story: As a tester I want a story long enough to pass the lint.\n";
const EXPECT = "expect:\n  - app: { where: { exitCode: 0 } }\n";

function lint(text: string, options: { holdout?: boolean } = {}): string[] {
  return lintScenarios([parseScenarioText(text, "s.yaml")], options).map(formatDiagnostic);
}

function rules(diagnostics: string[]): string[] {
  return diagnostics.map((line) => /\[([a-z-]+)\]/.exec(line)?.[1] ?? line);
}

function directory(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "lightsout-scenarios-lint-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, ".."), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

describe("lintScenarios", () => {
  it("passes a clean scenario that uses every kind of reference", () => {
    expect(
      lint(`id: clean
title: Clean
${STORY}twins:
  jira:
    fixture:
      projects: [{ key: OPS, name: Operations }]
      webhooks: [{ url: "\${app.url}/jira", events: ["jira:issue_created"] }]
  slack: { events: /slack/events }
vars: { summary: { one_of: [a, b] } }
steps:
  - id: create
    twin: jira
    call: POST /rest/api/3/issue
    body: { fields: { summary: "\${vars.summary} \${trial.seed} \${scenario.id} \${env.HOME}" } }
    capture: { key: response.body.key }
  - wait: { until: { step: create, where: { status: 201 } } }
  - http: { path: "/issues/\${captured.key}", headers: { Authorization: "Bearer \${twins.slack.botToken}" } }
expect:
  - twin: slack
    requests: { method: chat.postMessage, where: { body.text: { matches: "\${captured.key}|OPS-\\\\d+" } } }
`),
    ).toEqual([]);
  });

  it("checks template references: syntax, roots, vars, captures in order, twins and their credentials", () => {
    const found = lint(`id: refs
title: References
${STORY}twins: { jira: {} }
vars: { summary: hello }
steps:
  - id: one
    http:
      path: "/x/\${vars.sumary}"
      body:
        a: "\${captured.key}"
        b: "\${steps.one.status}"
        c: "\${twins.jira.apiTokn}"
        d: "\${app.uri}"
        e: "\${vars.summary + 1}"
        f: "\${twins.slack.botToken}"
        g: "\${captured.later}"
        h: "\${vars.summary"
    capture: { key: response.body.key }
  - http: { path: /y }
    capture: { later: stdout }
${EXPECT}`);
    expect(found).toEqual([
      's.yaml:9:17: error [undeclared-var] steps[0].http.path: ${vars.sumary}: no variable sumary is declared under vars (did you mean "summary"?) (declared: summary)',
      "s.yaml:11:13: error [capture-before-use] steps[0].http.body.a: ${captured.key}: key is not captured yet here: it is captured by this same step, after it runs",
      's.yaml:12:13: error [template-root] steps[0].http.body.b: unknown template root "steps" in ${steps.one.status} (keep a step\'s value with capture: and use ${captured.<name>}); known roots: app, trial, scenario, vars, captured, twins, env',
      's.yaml:13:13: error [template-twin] steps[0].http.body.c: ${twins.jira.apiTokn}: the jira twin has no apiTokn (did you mean "apiToken"?) (known: baseUrl, apiUrl, tenant, email, apiToken, bearerToken)',
      's.yaml:14:13: error [template-root] steps[0].http.body.d: ${app.uri}: app has no uri (did you mean "url"?) (known: url, port, command)',
      "s.yaml:15:13: error [template-syntax] steps[0].http.body.e: invalid template ${vars.summary + 1}: expected a dotted path such as vars.name or captured.items[0].id (no code, no operators)",
      "s.yaml:16:13: error [undeclared-twin] steps[0].http.body.f: ${twins.slack.botToken}: the twin slack is not declared under twins",
      "s.yaml:17:13: error [capture-before-use] steps[0].http.body.g: ${captured.later}: later is not captured yet here: it is captured by a later step (steps[1])",
      "s.yaml:18:13: error [template-syntax] steps[0].http.body.h: unterminated template ${vars.summary: expected a closing }",
    ]);
  });

  it("refuses captured values in twin setup, which happens before the first step", () => {
    const found = lint(`id: setup\ntitle: Setup\n${STORY}twins:\n  jira: { config: { a: "\${captured.key}" } }\nsteps:\n  - http: { path: /x }\n    capture: { key: stdout }\n${EXPECT}`);
    expect(found).toEqual(["s.yaml:5:25: error [capture-before-use] twins.jira.config.a: ${captured.key}: key is not captured yet here: twins are set up before the first step, so nothing is captured yet"]);
  });

  it("checks twins: known names, declared before use by steps, queries and faults", () => {
    const found = lint(`id: twins
title: Twins
${STORY}twins: { slak: {} }
perturbations: [{ name: p, faults: { okta: [{ errorRate: 0.5 }] } }]
steps:
  - { twin: slack, call: chat.postMessage }
  - advance_clock: { twin: jira, by: 1m }
  - wait: { until: { twin: jira, deliveries: {} } }
expect:
  - { twin: slack, records: { collection: channels } }
`);
    expect(rules(found)).toEqual(["unknown-twin", "undeclared-twin", "undeclared-twin", "undeclared-twin", "undeclared-twin", "undeclared-twin"]);
    expect(found[0]).toBe('s.yaml:4:10: error [unknown-twin] twins.slak: unknown twin slak (did you mean "slack"?) (known: slack, jira, okta, google, openai, anthropic, gemini)');
    expect(found[2]).toBe('s.yaml:7:13: error [undeclared-twin] steps[0].twin: the twin slack is not declared under twins (did you mean "slak"?)');
  });

  it("checks ids, step queries, regular expressions, timeouts and step delays", () => {
    const found = lint(`id: misc
title: Misc
${STORY}timeout: 5s
perturbations:
  - { name: p, step_delay: { min: 2s, max: 1s } }
  - { name: p }
steps:
  - { id: one, sleep: 1 }
  - id: one
    wait: { until: { step: two, where: { status: 200 } }, timeout: 10s }
  - { id: two, cli: { run: "true", timeout: 6s, expect_exit: { matches: "(" } } }
expect:
  - app: { where: { stdout: { not: { matches: "[a-z", flags: "" } } } }
  - id: expect-1
    step: three
    where: { status: 200 }
`);
    expect(found).toEqual([
      "s.yaml:6:28: error [step-delay] perturbations[0].step_delay: min (2000 ms) is more than max (1000 ms)",
      "s.yaml:7:13: error [duplicate-id] perturbations[1].name: the perturbation name p is already used by perturbations[0]",
      "s.yaml:10:9: error [duplicate-id] steps[1].id: the step id one is already used by steps[0]",
      "s.yaml:11:28: error [unknown-step] steps[1].wait.until.step: two is a later step: a wait can only look at steps that ran before it",
      "s.yaml:11:68: error [timeout-exceeds-scenario] steps[1].wait.timeout: the wait timeout (10000 ms) is longer than the scenario's timeout (5000 ms); raise timeout: at the top",
      "s.yaml:12:45: error [timeout-exceeds-scenario] steps[2].cli.timeout: the cli timeout (6000 ms) is longer than the scenario's timeout (5000 ms); raise timeout: at the top",
      expect.stringMatching(/^s\.yaml:12:73: error \[invalid-regex\] steps\[2\]\.cli\.expect_exit\.matches: invalid regular expression: /),
      expect.stringMatching(/^s\.yaml:14:47: error \[invalid-regex\] expect\[0\]\.app\.where\.stdout\.not\.matches: invalid regular expression: /),
      "s.yaml:15:9: error [duplicate-id] expect[1].id: the expectation id expect-1 is already used by expect[0]",
      "s.yaml:16:11: error [unknown-step] expect[1].step: no step has the id three",
    ]);
  });

  it("wants expectations, and warns about a missing or short story", () => {
    expect(lint("id: bare\ntitle: Bare\nstory: too short\n")).toEqual([
      "s.yaml:1:1: error [no-expectations] expect: the scenario has no expectations: add at least one under expect:, or nothing can fail",
      "s.yaml:3:8: warning [short-story] story: the story is very short: say who wants what, and why (at least 20 characters)",
    ]);
    expect(lint(`id: bare\ntitle: Bare\n${EXPECT}`)).toEqual(["s.yaml:1:1: warning [short-story] story: the story is missing: say who wants what, and why (at least 20 characters)"]);
  });

  it("seeds fixtures into the twin and reports what it rejects at the field", () => {
    const found = lint(`id: fixture
title: Fixture
${STORY}twins:
  jira:
    fixture:
      projects:
        - { key: OPS, name: Operations, lead: nobody@example.com }
  slack:
    fixture: { channels: [{ name: eng, members: ["\${vars.who}"] }] }
vars: { who: ghost }
${EXPECT}`);
    expect(found).toEqual([
      's.yaml:8:47: error [fixture-rejected] twins.jira.fixture.projects[0].lead: the jira twin rejects the fixture: no user "nobody@example.com" (name users by accountId, email or display name)',
      expect.stringMatching(/^s\.yaml:10:50: error \[fixture-rejected\] twins\.slack\.fixture\.channels\[0\]\.members\[0\]: the slack twin rejects the fixture: unknown user "ghost"$/),
    ]);
  });

  it("asks the twin kit about fault rules", () => {
    const scenario = parseScenarioText(`id: faults\ntitle: Faults\n${STORY}twins: { slack: {} }\n${EXPECT}`, "s.yaml");
    scenario.perturbations.push({ name: "bad", probability: 1, faults: { slack: [{ errorRate: 2 }] } });
    expect(lintScenarios([scenario]).map(formatDiagnostic)).toEqual([
      "s.yaml:1:1: error [fault-rule] perturbations[0].faults.slack[0].errorRate: the twin kit rejects the fault rule: expected a number between 0 and 1",
    ]);
  });

  it("in holdout mode wants a canary in every file", () => {
    expect(lint(`id: holdout\ntitle: Holdout\n${STORY}${EXPECT}`, { holdout: true })).toEqual([
      expect.stringMatching(/^s\.yaml:1:1: error \[missing-canary\] holdout scenarios need a canary, unique to the file, for the leak check: add canary: lightsout-canary-[0-9a-f]{24}$/),
    ]);
    expect(lint(`id: holdout\ntitle: Holdout\n${STORY}${EXPECT}`)).toEqual([]);
  });

});

describe("docs/scenarios/format.md", () => {
  const document = readFileSync(fileURLToPath(new URL("../../../docs/scenarios/format.md", import.meta.url)), "utf8");

  it("lists every lint rule with its severity, and no other", () => {
    const table = [...document.matchAll(/^\| `([a-z-]+)` \| (error|warning) \|/gm)].map((match) => [match[1], match[2]]);
    expect(table).toEqual(Object.entries(LINT_RULES).map(([rule, { severity }]) => [rule, severity]));
  });

  it("has a complete example that loads and lints clean as a holdout", () => {
    const example = /## A complete example[\s\S]*?```yaml\n([\s\S]*?)```/.exec(document)?.[1] ?? "";
    expect(lint(example, { holdout: true })).toEqual([]);
  });

  it("has step and expectation snippets that load", () => {
    const snippets = [...document.matchAll(/```yaml\n((?:steps|expect):\n[\s\S]*?)```/g)].map((match) => match[1]!);
    expect(snippets).toHaveLength(2);
    const text = `id: snippets\ntitle: Snippets\n${STORY}twins: { slack: {} }\n${snippets.join("")}`;
    expect(() => parseScenarioText(text, "snippets.yaml")).not.toThrow();
  });
});

describe("lintScenarioPaths", () => {
  const good = (id: string, canary: string): string => `id: ${id}\ntitle: T\ncanary: ${canary}\n${STORY}${EXPECT}`;

  it("finds scenario files recursively, skips fixtures and dot-directories, and lints across files", () => {
    const root = directory({
      "a.yaml": good("same", "lightsout-canary-0000000000000000a"),
      "nested/b.yml": good("same", "lightsout-canary-0000000000000000a"),
      "nested/fixtures/seed.yaml": "not: a scenario",
      ".hidden/c.yaml": "not: a scenario",
      "notes.txt": "ignored",
    });
    const { scenarios, diagnostics } = lintScenarioPaths([root], { holdout: true });
    expect(scenarios.map((scenario) => scenario.source.file)).toEqual([join(root, "a.yaml"), join(root, "nested/b.yml")]);
    expect(diagnostics.map((diagnostic: ScenarioDiagnostic) => [diagnostic.file, diagnostic.line, diagnostic.rule])).toEqual([
      [join(root, "nested/b.yml"), 1, "duplicate-scenario-id"],
      [join(root, "nested/b.yml"), 3, "duplicate-canary"],
    ]);
  });

  it("turns a file that does not load into diagnostics and still lints the others", () => {
    const root = directory({ "bad.yaml": "id: bad\ntitle: [\n", "good.yaml": good("good", "lightsout-canary-0000000000000000b") });
    const { scenarios, diagnostics } = lintScenarioPaths([join(root, "bad.yaml"), join(root, "good.yaml")]);
    expect(scenarios.map((scenario) => scenario.id)).toEqual(["good"]);
    expect(diagnostics.map((diagnostic) => [diagnostic.file, diagnostic.rule])).toEqual([[join(root, "bad.yaml"), "yaml-syntax"]]);
  });

  it("reports a fixture file the twin rejects in that file, at the field", () => {
    const root = directory({
      "s.yaml": `id: f\ntitle: T\n${STORY}twins:\n  jira: { fixture: fixtures/jira.yaml }\n${EXPECT}`,
      "fixtures/jira.yaml": "projects:\n  - key: OPS\n    name: Operations\n    lead: nobody@example.com\n",
    });
    const { diagnostics } = lintScenarioPaths([root]);
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      `${join(root, "fixtures/jira.yaml")}:4:11: error [fixture-rejected] projects[0].lead: the jira twin rejects the fixture: no user "nobody@example.com" (name users by accountId, email or display name)`,
    ]);
  });

  it("throws SCENARIO for a path that does not exist or holds no scenario", () => {
    const root = directory({ "fixtures/seed.yaml": "a: 1" });
    expect(() => lintScenarioPaths([join(root, "missing")])).toThrow(/missing: no such file or directory/);
    try {
      lintScenarioPaths([root]);
      expect.unreachable();
    } catch (error) {
      expect(LightsoutError.isInstance(error) && error.code).toBe("SCENARIO");
    }
  });
});
