import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LocalExecutionEnvironment } from "../execution/local-environment.js";
import { createEditFileTool, createGeminiEditFileTool } from "./edit-file-tool.js";
import { ToolRegistry } from "./registry.js";

let dir: string;
let env: LocalExecutionEnvironment;
const claude = new ToolRegistry([createEditFileTool()]);
const gemini = new ToolRegistry([createGeminiEditFileTool()]);
const read = () => readFileSync(join(dir, "f.py"), "utf8");

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "lightsout-edit-"));
  env = new LocalExecutionEnvironment({ workingDir: dir });
  writeFileSync(join(dir, "f.py"), "a = 1\nb = 1\nprint(a)\n");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("edit_file (Anthropic)", () => {
  it("replaces a unique exact match", async () => {
    expect(await claude.execute("edit_file", { file_path: "f.py", old_string: "a = 1", new_string: "a = $2" }, env)).toEqual({
      output: "Replaced 1 occurrence in f.py.",
      isError: false,
    });
    expect(read()).toBe("a = $2\nb = 1\nprint(a)\n");
  });

  it("refuses an ambiguous match unless replace_all", async () => {
    const ambiguous = await claude.execute("edit_file", { file_path: "f.py", old_string: "= 1", new_string: "= 2" }, env);
    expect(ambiguous).toEqual({
      output: "old_string occurs 2 times in f.py. Include more surrounding context to make it unique, or set replace_all to true.",
      isError: true,
    });
    expect(read()).toBe("a = 1\nb = 1\nprint(a)\n");
    expect((await claude.execute("edit_file", { file_path: "f.py", old_string: "= 1", new_string: "= 2", replace_all: true }, env)).output).toBe(
      "Replaced 2 occurrences in f.py.",
    );
    expect(read()).toBe("a = 2\nb = 2\nprint(a)\n");
  });

  it("reports old_string not found and a missing file", async () => {
    expect((await claude.execute("edit_file", { file_path: "f.py", old_string: "zzz", new_string: "y" }, env)).output).toBe(
      "old_string not found in f.py. Read the file again and copy the exact text (including indentation).",
    );
    expect((await claude.execute("edit_file", { file_path: "nope.py", old_string: "a", new_string: "b" }, env)).output).toBe("File not found: nope.py");
  });

  it("falls back to a whitespace-insensitive match and says so", async () => {
    const result = await claude.execute("edit_file", { file_path: "f.py", old_string: "b  =  1\n  print(a)", new_string: "b = 3" }, env);
    expect(result.output).toBe("Replaced 1 occurrence in f.py (matched after normalizing whitespace/quotes; check the result).");
    expect(read()).toBe("a = 1\nb = 3\n");
  });

  it("creates a new file when old_string is empty and the file does not exist", async () => {
    await claude.execute("edit_file", { file_path: "new.py", old_string: "", new_string: "x = 1\n" }, env);
    expect(readFileSync(join(dir, "new.py"), "utf8")).toBe("x = 1\n");
  });
});

describe("edit_file (Gemini)", () => {
  it("requires exactly expected_replacements occurrences", async () => {
    expect((await gemini.execute("edit_file", { file_path: "f.py", old_string: "= 1", new_string: "= 2" }, env)).output).toBe(
      "Expected 1 occurrence(s) of old_string in f.py but found 2. Adjust expected_replacements or add context.",
    );
    await gemini.execute("edit_file", { file_path: "f.py", old_string: "= 1", new_string: "= 2", expected_replacements: 2 }, env);
    expect(read()).toBe("a = 2\nb = 2\nprint(a)\n");
  });
});
