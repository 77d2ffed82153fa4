// The committed JSON Schema of scenario files (schemas/scenario.schema.json) is what the zod
// schema generates today, and it accepts and refuses what the loader accepts and refuses.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { parseDocument } from "yaml";
import { describe, expect, test } from "vitest";
import { ROOT, SCENARIO_SCHEMA_FILE, scenarioSchemaText } from "../scripts/generate-scenario-schema.js";
import { parseScenarioText } from "../src/scenarios/format/index.js";

const VALID = `id: jira-bug-announced
title: A new bug is announced in Slack
story: As an on-call engineer I want new bugs announced, so that I see them at once.
weight: 2
must_pass: true
timeout: 90s
twins:
  jira: { fixture: { projects: [{ key: OPS, name: Operations }] } }
  slack: { events: /slack/events }
vars:
  summary: { one_of: [Checkout fails, Login fails] }
  n: { integer: { min: 1, max: 3 } }
perturbations:
  - { name: flaky, probability: 0.2, faults: { slack: [{ methods: ["chat.*"], errorRate: 0.3 }] }, step_delay: { min: 0, max: 200ms } }
steps:
  - { id: health, http: { path: /health, expect_status: 200 } }
  - id: file
    twin: jira
    call: POST /rest/api/3/issue
    body: { fields: { summary: "\${vars.summary}" } }
    capture: { key: response.body.key }
  - wait: { until: { twin: slack, records: { collection: "messages/*", where: { text: { contains: "\${captured.key}" } } } }, timeout: 10s }
  - sleep: 100ms
  - advance_clock: { twin: slack, by: 1m }
  - cli: { run: "echo done", expect_exit: 0 }
expect:
  - { id: posted, twin: slack, requests: { method: chat.postMessage, where: { body.text: { matches: "OPS-\\\\d+" } }, count: 1 } }
  - { step: health, where: { status: { one_of: [200, 204] } } }
judge: { rubric: The message names the issue. }
`;

const INVALID_EXAMPLES: Record<string, string> = {
  "an unknown key": "id: x\ntitle: T\nmustPass: true\n",
  "a step with two kinds": "id: x\ntitle: T\nsteps:\n  - { http: { path: /a }, sleep: 1s }\n",
  "a bad duration": "id: x\ntitle: T\ntimeout: soon\n",
  "a missing title": "id: x\n",
  "a weight of 0": "id: x\ntitle: T\nweight: 0\n",
  "a matcher with a typo": "id: x\ntitle: T\nexpect: [{ app: { where: { a: { match: x } } } }]\n",
};

function yamlValue(text: string): unknown {
  return parseDocument(text).toJS() as unknown;
}

const schema = JSON.parse(readFileSync(join(ROOT, SCENARIO_SCHEMA_FILE), "utf8")) as Record<string, unknown>;
const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);

describe("schemas/scenario.schema.json", () => {
  test("is what the zod schema generates (regenerate: npx tsx scripts/generate-scenario-schema.ts)", () => {
    expect(readFileSync(join(ROOT, SCENARIO_SCHEMA_FILE), "utf8")).toBe(scenarioSchemaText());
  });

  test("is a 2020-12 schema with an id, a title and described fields", () => {
    expect(schema["$schema"]).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema["$id"]).toBe("urn:lightsout:schemas:scenario");
    expect(schema["title"]).toBe("Lightsout scenario");
    expect(JSON.stringify(schema)).toContain("Milliseconds, or a number with a unit");
  });

  test("accepts a complete scenario the loader accepts", () => {
    expect(parseScenarioText(VALID, "valid.yaml", { readFile: () => "" }).id).toBe("jira-bug-announced");
    expect(validate(yamlValue(VALID)), JSON.stringify(validate.errors)).toBe(true);
  });

  test.each(Object.entries(INVALID_EXAMPLES))("refuses %s, as the loader does", (_name, text) => {
    expect(() => parseScenarioText(text, "invalid.yaml")).toThrow();
    expect(validate(yamlValue(text))).toBe(false);
  });
});
