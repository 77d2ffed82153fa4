import { describe, expect, it } from "vitest";
import { LightsoutError } from "../../errors.js";
import type { Scenario } from "../model.js";
import { ScenarioFormatError } from "./diagnostic.js";
import { parseScenarioText } from "./parse.js";

function parse(text: string, files: Record<string, string> = {}): Scenario {
  return parseScenarioText(text, "scenarios/announce.yaml", {
    readFile: (path) => {
      const found = files[path];
      if (found === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: "ENOENT" });
      return found;
    },
  });
}

function failure(text: string, files: Record<string, string> = {}): ScenarioFormatError {
  try {
    parse(text, files);
  } catch (error) {
    if (error instanceof ScenarioFormatError) return error;
    throw error;
  }
  throw new Error("expected a ScenarioFormatError");
}

const MINIMAL = `id: minimal
title: The smallest scenario
expect:
  - app: { where: { exitCode: 0 } }
`;

describe("parseScenarioText: the model", () => {
  it("applies every default", () => {
    const scenario = parse(MINIMAL);
    expect(scenario).toEqual({
      id: "minimal",
      title: "The smallest scenario",
      story: "",
      weight: 1,
      mustPass: false,
      tags: [],
      twins: {},
      vars: {},
      perturbations: [],
      steps: [],
      expectations: [{ id: "expect-1", query: { kind: "app", where: { exitCode: 0 } }, line: 4 }],
      timeoutMs: 60_000,
      source: { file: "scenarios/announce.yaml", text: MINIMAL },
    });
  });

  it("reads the top level: weight, must_pass, tags, canary, timeout, judge", () => {
    const scenario = parse(`id: top.level_1
title: Top
story: A story long enough to be a story.
weight: 2.5
must_pass: true
tags: [slack, smoke]
canary: lightsout-canary-0123456789abcdef
timeout: 2m
judge: { rubric: The announcement names the issue. }
expect: [{ app: { where: { exitCode: 0 } } }]
`);
    expect(scenario).toMatchObject({ id: "top.level_1", weight: 2.5, mustPass: true, tags: ["slack", "smoke"], canary: "lightsout-canary-0123456789abcdef", timeoutMs: 120_000, judge: { rubric: "The announcement names the issue." } });
  });

  it("turns every step kind into its model, with durations in milliseconds and source lines", () => {
    const scenario = parse(`id: steps
title: Every step
steps:
  - http: { path: /health }
  - id: create
    http:
      method: post
      path: /issues
      headers: { X-Count: 3, X-Name: bot }
      body: { summary: "\${vars.summary}" }
      expect_status: { one_of: [200, 201] }
    capture: { key: response.body.key }
  - twin: jira
    call: POST /rest/api/3/issue
    as: app
    body: { fields: { summary: hi } }
    expect_status: 201
  - cli: { run: "./notify --dry-run", stdin: "yes", env: { DEBUG: 1 }, expect_exit: { not: 0 } }
  - wait:
      until: { twin: slack, records: { collection: "messages/*", where: { text: { contains: OPS- } } } }
      timeout: 2.5s
  - sleep: 250ms
  - sleep: 40
  - advance_clock: { twin: slack, by: 1h }
expect: [{ step: create, where: { status: 201 } }]
`);
    expect(scenario.steps).toEqual([
      { kind: "http", method: "GET", path: "/health", line: 4 },
      {
        kind: "http",
        id: "create",
        line: 5,
        method: "POST",
        path: "/issues",
        headers: { "X-Count": "3", "X-Name": "bot" },
        body: { summary: "${vars.summary}" },
        expectStatus: { oneOf: [200, 201] },
        capture: { key: "response.body.key" },
      },
      { kind: "twin", twin: "jira", call: "POST /rest/api/3/issue", as: "app", body: { fields: { summary: "hi" } }, expectStatus: 201, line: 13 },
      { kind: "cli", run: "./notify --dry-run", stdin: "yes", env: { DEBUG: "1" }, expectExit: { not: 0 }, timeoutMs: 30_000, line: 18 },
      {
        kind: "wait",
        until: { kind: "records", twin: "slack", collection: "messages/*", where: { text: { contains: "OPS-" } } },
        timeoutMs: 2_500,
        intervalMs: 50,
        line: 19,
      },
      { kind: "sleep", ms: 250, line: 22 },
      { kind: "sleep", ms: 40, line: 23 },
      { kind: "advance-clock", twin: "slack", ms: 3_600_000, line: 24 },
    ]);
  });

  it("turns every query kind and matcher into the model (one_of -> oneOf, nested not and length)", () => {
    const scenario = parse(`id: queries
title: Every query
expect:
  - id: posted
    description: the bot posted once
    twin: slack
    requests:
      method: chat.*
      where:
        body.channel: C123
        body.text: { matches: "^OPS-\\\\d+", flags: i }
        response.ok: { equals: true }
        body.blocks: { length: { gte: 1 } }
        body.thread_ts: { exists: false }
        body.icon: { not: { one_of: [":x:", null] } }
      count: 1
  - twin: jira
    deliveries: { where: { body.webhookEvent: "jira:issue_created" }, count: { min: 1, max: 2 } }
  - twin: slack
    records: { collection: channels }
  - app: { where: { stderr: { contains: started } } }
`);
    expect(scenario.expectations.map((expectation) => expectation.query)).toEqual([
      {
        kind: "requests",
        twin: "slack",
        method: "chat.*",
        where: {
          "body.channel": "C123",
          "body.text": { matches: "^OPS-\\d+", flags: "i" },
          "response.ok": { equals: true },
          "body.blocks": { length: { gte: 1 } },
          "body.thread_ts": { exists: false },
          "body.icon": { not: { oneOf: [":x:", null] } },
        },
        count: 1,
      },
      { kind: "deliveries", twin: "jira", where: { "body.webhookEvent": "jira:issue_created" }, count: { min: 1, max: 2 } },
      { kind: "records", twin: "slack", collection: "channels" },
      { kind: "app", where: { stderr: { contains: "started" } } },
    ]);
    expect(scenario.expectations.map((expectation) => [expectation.id, expectation.description])).toEqual([
      ["posted", "the bot posted once"],
      ["expect-2", undefined],
      ["expect-3", undefined],
      ["expect-4", undefined],
    ]);
  });

  it("reads variables and perturbations", () => {
    const scenario = parse(`id: vars
title: Variables
vars:
  plain: hello
  number: 3
  list: [a, b]
  object: { literal: { a: 1 } }
  pick: { one_of: [x, y] }
  n: { integer: { min: 1, max: 9 } }
  word: { text: { length: 6 } }
  hex: { text: { length: 4, alphabet: "0123456789abcdef" } }
perturbations:
  - name: flaky
    probability: 0.25
    faults: { slack: [{ methods: ["chat.*"], errorRate: 0.5, rateLimit: { limit: 1, windowMs: 1000 } }] }
  - name: slow
    step_delay: { min: 10, max: 1s }
expect: [{ app: { where: { exitCode: 0 } } }]
`);
    expect(scenario.vars).toEqual({
      plain: { kind: "literal", value: "hello" },
      number: { kind: "literal", value: 3 },
      list: { kind: "literal", value: ["a", "b"] },
      object: { kind: "literal", value: { a: 1 } },
      pick: { kind: "one-of", values: ["x", "y"] },
      n: { kind: "integer", min: 1, max: 9 },
      word: { kind: "text", length: 6, alphabet: "abcdefghijklmnopqrstuvwxyz0123456789" },
      hex: { kind: "text", length: 4, alphabet: "0123456789abcdef" },
    });
    expect(scenario.perturbations).toEqual([
      { name: "flaky", probability: 0.25, faults: { slack: [{ methods: ["chat.*"], errorRate: 0.5, rateLimit: { limit: 1, windowMs: 1000 } }] } },
      { name: "slow", probability: 1, stepDelayMs: { min: 10, max: 1000 } },
    ]);
  });

  it("reads twins: inline fixtures, fixture files relative to the scenario (YAML or JSON), config and events", () => {
    const scenario = parse(
      `id: twins
title: Twins
twins:
  jira:
    fixture: { projects: [{ key: OPS, name: Operations }] }
    config: { webhookSecret: s3cret }
  slack:
    fixture: fixtures/slack.yaml
    events: /slack/events
  other:
    fixture: fixtures/other.json
expect: [{ app: { where: { exitCode: 0 } } }]
`,
      { "scenarios/fixtures/slack.yaml": "channels:\n  - { name: incidents }\n", "scenarios/fixtures/other.json": '{"a": [1]}' },
    );
    expect(scenario.twins).toEqual({
      jira: { fixture: { projects: [{ key: "OPS", name: "Operations" }] }, config: { webhookSecret: "s3cret" } },
      slack: { fixture: { channels: [{ name: "incidents" }] }, fixtureFile: "scenarios/fixtures/slack.yaml", events: "/slack/events" },
      other: { fixture: { a: [1] }, fixtureFile: "scenarios/fixtures/other.json" },
    });
  });
});

describe("parseScenarioText: fixture files", () => {
  it("reports an unreadable fixture file at the key that names it", () => {
    const error = failure(`id: twins
title: Twins
twins:
  slack:
    fixture: fixtures/missing.yaml
`);
    expect(error.message).toBe("scenarios/announce.yaml:5:14: twins.slack.fixture: cannot read fixture file scenarios/fixtures/missing.yaml: no such file");
    expect(error.diagnostics[0]?.rule).toBe("fixture-file");
  });

  it("reports a syntax error in a fixture file at its own line and column", () => {
    const error = failure(`id: twins\ntitle: Twins\ntwins:\n  slack: { fixture: seed.json }\n`, { "scenarios/seed.json": '{\n  "channels": [,]\n}' });
    expect(error.diagnostics).toEqual([{ file: "scenarios/seed.json", line: 2, column: 16, severity: "error", rule: "fixture-syntax", message: expect.stringContaining("invalid JSON") }]);
  });

  it("is a LightsoutError with code SCENARIO (the CLI's exit 2)", () => {
    const error = failure("id: [\n");
    expect(LightsoutError.isInstance(error)).toBe(true);
    expect(error.code).toBe("SCENARIO");
  });
});
