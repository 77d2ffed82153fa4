import { describe, expect, it } from "vitest";
import { ScenarioFormatError } from "./diagnostic.js";
import { parseScenarioText } from "./parse.js";

/** The `file:line:col: path: message` lines a bad file gives. */
function problems(text: string): string[] {
  try {
    parseScenarioText(text, "s.yaml", { readFile: () => "" });
  } catch (error) {
    if (error instanceof ScenarioFormatError) return error.message.split("\n");
    throw error;
  }
  throw new Error("expected the file to be refused");
}

const HEAD = "id: s\ntitle: T\n";

describe("schema errors say where and what was expected", () => {
  it("names the closest key for a typo, at the key", () => {
    expect(problems(`${HEAD}mustPass: true\n`)).toEqual(['s.yaml:3:1: mustPass: unknown key "mustPass" (did you mean "must_pass"?)']);
    expect(problems(`${HEAD}steps:\n  - http: { path: /x, metod: POST }\n    captur: { a: b }\n`)).toEqual([
      's.yaml:4:23: steps[0].http.metod: unknown key "metod" (did you mean "method"?)',
      's.yaml:5:5: steps[0].captur: unknown key "captur" (did you mean "capture"?)',
    ]);
  });

  it("lists the known keys when nothing is close", () => {
    expect(problems(`${HEAD}judge: { rubric: x, model: gpt }\n`)).toEqual(['s.yaml:3:21: judge.model: unknown key "model" (known keys: rubric)']);
  });

  it("reports missing and wrongly typed values", () => {
    expect(problems("id: s\n")).toEqual(["s.yaml:1:1: title: required (a string)"]);
    expect(problems(`${HEAD}weight: 0\ntags: [a, 3]\nmust_pass: "yes"\n`)).toEqual([
      "s.yaml:3:9: weight: expected a number > 0",
      "s.yaml:4:11: tags[1]: expected a string, got a number (3)",
      's.yaml:5:12: must_pass: expected a boolean, got a string ("yes")',
    ]);
    expect(problems("id: Not_A_Slug\ntitle: T\n")).toEqual(["s.yaml:1:5: id: expected a scenario id: lowercase letters, digits, '.', '_' and '-', starting with a letter or digit"]);
    expect(problems(`${HEAD}canary: lightsout-canary-xyz\n`)).toEqual(["s.yaml:3:9: canary: expected lightsout-canary- and at least 16 lowercase hex digits"]);
  });

  it("explains durations", () => {
    expect(problems(`${HEAD}timeout: 5 seconds\nsteps:\n  - advance_clock: { twin: slack }\n`)).toEqual([
      "s.yaml:3:10: timeout: expected a duration: milliseconds, or a number with ms, s, m or h (250ms, 30s, 2m)",
      "s.yaml:5:20: steps[0].advance_clock.by: required: expected a duration (milliseconds, or 250ms, 30s, 2m)",
    ]);
  });

  it("says which step kinds exist when a step has none, or several", () => {
    expect(problems(`${HEAD}steps:\n  - htp: { path: /x }\n  - http: { path: /x }\n    cli: { run: ls }\n  - 5\n`)).toEqual([
      's.yaml:4:5: steps[0]: expected a step with one of http, twin, cli, wait, sleep, advance_clock; found "htp" (did you mean "http"?)',
      "s.yaml:5:5: steps[1]: expected a step with exactly one of http, twin, cli, wait, sleep, advance_clock, found http and cli",
      "s.yaml:7:5: steps[2]: expected a step (a mapping with one of http, twin, cli, wait, sleep, advance_clock), got a number (5)",
    ]);
  });

  it("reports the errors of the kind a step or query clearly is", () => {
    expect(problems(`${HEAD}steps:\n  - twin: slack\n    call: chat.postMessage\n    bodyy: {}\n  - wait: { until: { twin: slack, recrods: {} } }\n`)).toEqual([
      's.yaml:6:5: steps[0].bodyy: unknown key "bodyy" (did you mean "body"?)',
      's.yaml:7:20: steps[1].wait.until: expected a query with one of requests, records, deliveries, app, step; found "recrods" (did you mean "records"?)',
    ]);
    expect(problems(`${HEAD}expect:\n  - twin: slack\n    requests: { count: -1 }\n    descripton: x\n  - step: create\n`)).toEqual([
      "s.yaml:5:24: expect[0].requests.count: expected a number >= 0",
      's.yaml:6:5: expect[0].descripton: unknown key "descripton" (did you mean "description"?)',
      "s.yaml:7:5: expect[1].where: required (a mapping)",
    ]);
  });

  it("explains matchers, and that a mapping is compared with equals", () => {
    expect(problems(`${HEAD}expect:\n  - app: { where: { stdout: { matches: x, flag: i }, stderr: { channel: C1 }, a: { one_of: [] } } }\n`)).toEqual([
      's.yaml:4:43: expect[0].app.where.stdout.flag: unknown key "flag" (did you mean "flags"?)',
      's.yaml:4:62: expect[0].app.where.stderr: expected a matcher: a plain value (equals), or one of {equals}, {contains}, {matches, flags}, {exists}, {gt, gte, lt, lte}, {one_of}, {not}, {length}; "channel" is not a matcher key (to compare a whole mapping use {equals: ...})',
      "s.yaml:4:92: expect[0].app.where.a.one_of: expected a non-empty list",
    ]);
  });

  it("suggests variable kinds and checks their ranges", () => {
    expect(problems(`${HEAD}vars:\n  m: { intger: 3 }\n  n: { integer: { min: 5, max: 1 } }\n  b: 3\n  9lives: x\n`)).toEqual([
      's.yaml:4:6: vars.m: expected a variable: a plain value, or one of {literal}, {one_of}, {integer: {min, max}}, {text: {length, alphabet}}, got a mapping; "intger" is not one of its keys (did you mean "integer"?)',
      "s.yaml:5:17: vars.n.integer: expected min <= max",
      's.yaml:7:3: vars["9lives"]: invalid key "9lives": expected a name: letters, digits and _, not starting with a digit',
    ]);
  });

  it("quotes odd keys in paths", () => {
    expect(problems(`${HEAD}expect:\n  - app: { where: { "body.text": { contain: x } } }\n`)[0]).toMatch(/^s\.yaml:4:34: expect\[0\]\.app\.where\["body\.text"\]: expected a matcher/);
  });
});

describe("YAML syntax errors", () => {
  it("give the line and column", () => {
    expect(problems("id: s\ntitle: [unclosed\n")[0]).toMatch(/^s\.yaml:3:1: invalid YAML: /);
    expect(problems("id: s\nid: t\n")).toEqual(["s.yaml:2:1: invalid YAML: Map keys must be unique"]);
    expect(problems("id: s\ntitle: T\nsteps:\n  - http: { path: /x\n")[0]).toMatch(/^s\.yaml:5:1: invalid YAML: /);
  });

  it("refuse a file that is not a mapping", () => {
    expect(problems("")).toEqual(["s.yaml:1:1: expected a scenario (a mapping with id, title, steps, expect), got an empty file"]);
    expect(problems("- a\n- b\n")).toEqual(["s.yaml:1:1: expected a scenario (a mapping with id, title, steps, expect), got a list"]);
  });
});
