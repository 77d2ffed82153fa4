import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenarioDir, loadScenarioFile, ScenarioFormatError } from "./index.js";

function directory(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "lightsout-scenarios-load-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

const scenario = (id: string): string => `id: ${id}\ntitle: ${id}\nexpect: [{ app: { where: { exitCode: 0 } } }]\n`;

describe("loadScenarioDir", () => {
  it("loads every *.yaml and *.yml under a directory, sorted, skipping fixtures and dot-directories", () => {
    const root = directory({
      "b.yml": scenario("b"),
      "a.yaml": scenario("a"),
      "sub/c.YAML": scenario("c"),
      "sub/fixtures/jira.yaml": "projects: []",
      ".git/x.yaml": "not a scenario",
      "README.md": "# notes",
    });
    expect(loadScenarioDir(root).map((loaded) => loaded.id)).toEqual(["a", "b", "c"]);
  });

  it("accepts a single file, and reads fixture files relative to it", () => {
    const root = directory({ "one.yaml": `${scenario("one")}twins:\n  slack: { fixture: fixtures/slack.json }\n`, "fixtures/slack.json": '{"channels": [{"name": "eng"}]}' });
    expect(loadScenarioDir(join(root, "one.yaml")).map((loaded) => loaded.twins)).toEqual([{ slack: { fixture: { channels: [{ name: "eng" }] }, fixtureFile: join(root, "fixtures/slack.json") } }]);
  });

  it("throws SCENARIO with every problem of every file, or when there is nothing to load", () => {
    const root = directory({ "a.yaml": "id: a\n", "b.yaml": "id: b\ntitle: B\nweight: -1\n", "c.yaml": scenario("c") });
    expect(() => loadScenarioDir(root)).toThrow(ScenarioFormatError);
    try {
      loadScenarioDir(root);
    } catch (error) {
      expect((error as ScenarioFormatError).message).toBe(`${join(root, "a.yaml")}:1:1: title: required (a string)\n${join(root, "b.yaml")}:3:9: weight: expected a number > 0`);
    }
    expect(() => loadScenarioDir(directory({ "fixtures/x.yaml": "a: 1" }))).toThrow(/no scenario files/);
    expect(() => loadScenarioDir(join(root, "nope"))).toThrow(/nope: no such file or directory/);
  });

  it("names an unreadable file", () => {
    expect(() => loadScenarioFile("/nonexistent/scenario.yaml")).toThrow("/nonexistent/scenario.yaml:1:1: cannot read scenario file: no such file");
  });
});
