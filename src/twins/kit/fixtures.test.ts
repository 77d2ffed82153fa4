import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { TwinFixtureError } from "./errors.js";
import { FixtureSyntaxError, loadFixtureFile, locateFixturePath, parseFixtureText, readFixtureFile, seedTenant, splitFieldPath } from "./fixtures.js";
import { countRecords } from "./state.js";
import { createToyTwin } from "./toy-twin.js";
import { createTwin } from "./twin.js";
import { jsonResponse } from "./request-body.js";

function file(name: string, text: string): string {
  const directory = mkdtempSync(join(tmpdir(), "lightsout-fixtures-"));
  const path = join(directory, name);
  writeFileSync(path, text);
  return path;
}

function thrown(work: () => unknown): Error {
  try {
    work();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected an error");
}

describe("loadFixtureFile", () => {
  test("reads YAML and JSON", () => {
    expect(loadFixtureFile(file("seed.yaml", "notes:\n  - text: hi\n    pinned: true\n"))).toEqual({ notes: [{ text: "hi", pinned: true }] });
    expect(loadFixtureFile(file("seed.json", '{"notes": [{"text": "hi"}]}'))).toEqual({ notes: [{ text: "hi" }] });
    expect(loadFixtureFile(file("seed.txt", '{"a": 1}'))).toEqual({ a: 1 });
    expect(loadFixtureFile(file("seed.txt", "a: 1"))).toEqual({ a: 1 });
  });

  test("a JSON syntax error names file:line:col", () => {
    const path = file("seed.json", '{\n  "notes": [\n    {"text": "hi",}\n  ]\n}\n');
    const error = thrown(() => loadFixtureFile(path));
    expect(error).toBeInstanceOf(FixtureSyntaxError);
    expect(error).toBeInstanceOf(TwinFixtureError);
    expect(error.message).toBe(`${path}:3:19: invalid JSON: expected a double-quoted property name, found "}"`);
    expect(error).toMatchObject({ path, file: path, line: 3, column: 19 });
  });

  test("a YAML syntax error names file:line:col", () => {
    const path = file("seed.yaml", "notes:\n  - text: hi\n  - text: [unclosed\ncounter: 1\n");
    const error = thrown(() => loadFixtureFile(path));
    expect(error).toBeInstanceOf(FixtureSyntaxError);
    expect(error.message).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:\\d+:\\d+: invalid YAML: `));
    const duplicate = file("dup.yml", "a: 1\nb: 2\na: 3\n");
    expect(thrown(() => loadFixtureFile(duplicate)).message).toBe(`${duplicate}:3:1: invalid YAML: Map keys must be unique`);
  });

  test("an unreadable file says why", () => {
    const missing = join(tmpdir(), "lightsout-no-such-fixture.yaml");
    expect(thrown(() => loadFixtureFile(missing))).toMatchObject({ name: "TwinFixtureError", path: missing, message: `${missing}: cannot read fixture file: no such file` });
    const directory = mkdtempSync(join(tmpdir(), "lightsout-fixture-dir-"));
    mkdirSync(join(directory, "d.yaml"));
    expect(thrown(() => loadFixtureFile(join(directory, "d.yaml"))).message).toBe(`${join(directory, "d.yaml")}: cannot read fixture file: is a directory`);
  });

  test("readFixtureFile keeps the text, for locating errors found later", () => {
    const path = file("seed.yaml", "counter: 1\n");
    expect(readFixtureFile(path)).toEqual({ path, text: "counter: 1\n", value: { counter: 1 } });
  });
});

describe("parseFixtureText", () => {
  test("guesses: JSON-looking text that is not JSON is tried as YAML", () => {
    expect(parseFixtureText("{a: 1}", "body")).toEqual({ a: 1 });
    expect(parseFixtureText("", "body")).toBeNull();
    expect(() => parseFixtureText("{a: 1}", "body", "json")).toThrow('body:1:2: invalid JSON: expected a double-quoted property name, found "a"');
  });
});

describe("locateFixturePath", () => {
  const yaml = "slack:\n  users:\n    - name: ada\n    - name: 42\n      email: x\n";
  const json = '{\n  "slack": {\n    "users": [\n      {"name": "ada"},\n      {"name": 42}\n    ]\n  }\n}';

  test("finds a field in YAML and in JSON", () => {
    expect(locateFixturePath(yaml, "slack.users[1].name")).toEqual({ line: 4, column: 13 });
    expect(locateFixturePath(json, "slack.users[1].name")).toEqual({ line: 5, column: 16 });
    expect(locateFixturePath(yaml, "slack.users[1]")).toEqual({ line: 4, column: 7 });
  });

  test("a missing field is placed at its nearest ancestor; a broken text has no location", () => {
    expect(locateFixturePath(yaml, "slack.users[1].admin")).toEqual({ line: 4, column: 7 });
    expect(locateFixturePath(yaml, "slack.users[7].name")).toEqual({ line: 3, column: 5 });
    expect(locateFixturePath("a: [", "a")).toBeUndefined();
  });

  test("splitFieldPath", () => {
    expect(splitFieldPath("users[0].name")).toEqual(["users", 0, "name"]);
    expect(splitFieldPath("")).toEqual([]);
    expect(splitFieldPath("a[1][2].b")).toEqual(["a", 1, 2, "b"]);
  });
});

describe("seedTenant", () => {
  test("seeds and makes the result the reset state", () => {
    const twin = createToyTwin();
    seedTenant(twin, twin.tenant(), { notes: [{ text: "a" }, { text: "b" }] });
    expect(countRecords(twin.tenant().state, "notes")).toBe(3);
    twin.tenant().reset();
    expect(countRecords(twin.tenant().state, "notes")).toBe(3);
  });

  test("is all or nothing", () => {
    const twin = createToyTwin();
    const before = twin.tenant().state;
    const error = thrown(() => seedTenant(twin, twin.tenant(), { notes: [{ text: "a" }, { text: 1 }] }));
    expect(error).toMatchObject({ path: "notes[1].text", detail: "expected a string, got a number (1)", message: "notes[1].text: expected a string, got a number (1)" });
    expect(twin.tenant().state).toBe(before);
  });

  test("a twin without fixtures says so", () => {
    const twin = createTwin({
      name: "plain",
      methodOf: () => "m",
      handle: () => jsonResponse({}),
      rateLimited: () => jsonResponse({}, 429),
      serverError: () => jsonResponse({}, 500),
      internalError: () => jsonResponse({}, 500),
    });
    expect(thrown(() => seedTenant(twin, twin.tenant(), {})).message).toBe("the plain twin takes no fixtures");
  });
});
