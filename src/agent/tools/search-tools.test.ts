import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LocalExecutionEnvironment } from "../execution/local-environment.js";
import { ToolRegistry } from "./registry.js";
import { createGlobTool, createGrepTool } from "./search-tools.js";

let dir: string;
let env: LocalExecutionEnvironment;
const registry = new ToolRegistry([createGrepTool({ outputModes: true }), createGlobTool()]);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "lightsout-search-"));
  env = new LocalExecutionEnvironment({ workingDir: dir, useRipgrep: false });
  mkdirSync(join(dir, "src"));
  writeFileSync(join(dir, "src/app.ts"), "export function handler() {}\n// TODO fix\n");
  writeFileSync(join(dir, "src/util.py"), "def handler():\n    pass\n");
  utimesSync(join(dir, "src/util.py"), new Date(2001, 0, 1), new Date(2001, 0, 1));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("grep tool", () => {
  it("finds matching lines with paths and line numbers, filtered by glob", async () => {
    expect((await registry.execute("grep", { pattern: "handler\\(", glob_filter: "*.ts" }, env)).output).toBe(
      "src/app.ts:1:export function handler() {}",
    );
    expect((await registry.execute("grep", { pattern: "HANDLER", case_insensitive: true, output_mode: "files_with_matches" }, env)).output).toBe(
      "src/app.ts\nsrc/util.py",
    );
  });

  it("says when nothing matches and reports an invalid regex as an error", async () => {
    expect((await registry.execute("grep", { pattern: "nothing-here" }, env)).output).toBe("No matches found.");
    const invalid = await registry.execute("grep", { pattern: "([" }, env);
    expect(invalid.isError).toBe(true);
    expect(invalid.output).toMatch(/^Error: Invalid regex "\(\["/);
  });
});

describe("glob tool", () => {
  it("lists matches newest first", async () => {
    expect((await registry.execute("glob", { pattern: "**/*" }, env)).output).toBe("src/app.ts\nsrc/util.py");
    expect((await registry.execute("glob", { pattern: "*.md" }, env)).output).toBe("No files found.");
    expect((await registry.execute("glob", { pattern: "*", path: "missing" }, env)).output).toBe("Error: File not found: missing");
  });
});
