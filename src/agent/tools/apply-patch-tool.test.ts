import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LocalExecutionEnvironment } from "../execution/local-environment.js";
import { ToolRegistry } from "./registry.js";
import { createApplyPatchTool } from "./apply-patch-tool.js";

let dir: string;
let env: LocalExecutionEnvironment;
const registry = new ToolRegistry([createApplyPatchTool()]);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "lightsout-patch-"));
  env = new LocalExecutionEnvironment({ workingDir: dir });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function put(path: string, content: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), content);
}
const read = (path: string) => readFileSync(join(dir, path), "utf8");
const apply = (...lines: string[]) => registry.execute("apply_patch", { patch: lines.join("\n") }, env);

describe("apply_patch", () => {
  it("adds a file (Appendix A)", async () => {
    const result = await apply("*** Begin Patch", "*** Add File: src/utils/helpers.py", "+def greet(name):", '+    return f"Hello, {name}!"', "*** End Patch");
    expect(result).toEqual({ output: "Success. Updated the following files:\nA src/utils/helpers.py", isError: false });
    expect(read("src/utils/helpers.py")).toBe('def greet(name):\n    return f"Hello, {name}!"\n');
  });

  it("deletes a file, and says so when it does not exist", async () => {
    put("src/old_module.py", "x\n");
    expect((await apply("*** Begin Patch", "*** Delete File: src/old_module.py", "*** End Patch")).output).toContain("D src/old_module.py");
    expect(existsSync(join(dir, "src/old_module.py"))).toBe(false);
    expect(await apply("*** Begin Patch", "*** Delete File: src/old_module.py", "*** End Patch")).toEqual({
      output: "Cannot delete src/old_module.py: file not found.",
      isError: true,
    });
  });

  it("updates with the @@ hint locating the hunk (Appendix A)", async () => {
    put("src/main.py", 'import x\n\ndef other():\n    print("Hello")\n    return 0\n\ndef main():\n    print("Hello")\n    return 0\n');
    await apply("*** Begin Patch", "*** Update File: src/main.py", "@@ def main():", '     print("Hello")', "-    return 0", '+    print("World")', "+    return 1", "*** End Patch");
    expect(read("src/main.py")).toBe(
      'import x\n\ndef other():\n    print("Hello")\n    return 0\n\ndef main():\n    print("Hello")\n    print("World")\n    return 1\n',
    );
  });

  it("applies several hunks in one file (Appendix A multi-hunk example)", async () => {
    put("src/config.py", 'DEFAULT_TIMEOUT = 30\n\ndef load_config():\n    config = {}\n    config["debug"] = False\n    return config\n');
    const result = await apply(
      "*** Begin Patch",
      "*** Update File: src/config.py",
      "@@ DEFAULT_TIMEOUT = 30",
      "-DEFAULT_TIMEOUT = 30",
      "+DEFAULT_TIMEOUT = 60",
      "@@ def load_config():",
      "     config = {}",
      '-    config["debug"] = False',
      '+    config["debug"] = True',
      "*** End Patch",
    );
    expect(result.output).toBe("Success. Updated the following files:\nM src/config.py");
    expect(read("src/config.py")).toBe('DEFAULT_TIMEOUT = 60\n\ndef load_config():\n    config = {}\n    config["debug"] = True\n    return config\n');
  });

  it("updates and renames in one operation", async () => {
    put("old_name.py", "import os\nimport sys\nimport old_dep\n");
    const result = await apply("*** Begin Patch", "*** Update File: old_name.py", "*** Move to: new_name.py", "@@ import os", " import sys", "-import old_dep", "+import new_dep", "*** End Patch");
    expect(result.output).toContain("R old_name.py -> new_name.py");
    expect(existsSync(join(dir, "old_name.py"))).toBe(false);
    expect(read("new_name.py")).toBe("import os\nimport sys\nimport new_dep\n");
  });

  it("matches context fuzzily: trailing whitespace, indentation and Unicode punctuation", async () => {
    put("a.py", "msg = \u201Chello\u201D   \n  x = 1\n");
    await apply("*** Begin Patch", "*** Update File: a.py", "@@", ' msg = "hello"', "-x = 1", "+x = 2", "*** End Patch");
    expect(read("a.py")).toBe("msg = \u201Chello\u201D   \nx = 2\n");
  });

  it("honours *** End of File by matching at the end", async () => {
    put("b.txt", "end\nmiddle\nend\n");
    await apply("*** Begin Patch", "*** Update File: b.txt", "@@", "-end", "+END", "*** End of File", "*** End Patch");
    expect(read("b.txt")).toBe("end\nmiddle\nEND\n");
  });

  it("fails precisely, and changes nothing, when a hunk does not match", async () => {
    put("c.txt", "one\ntwo\n");
    const result = await apply("*** Begin Patch", "*** Add File: new.txt", "+n", "*** Update File: c.txt", "@@", " one", "-three", "+3", "*** End Patch");
    expect(result.isError).toBe(true);
    expect(result.output).toBe(
      "Failed to apply hunk 1 (patch line 5) to c.txt: could not find these lines:\none\nthree\nRead the file again and make the context lines match it exactly.",
    );
    expect(existsSync(join(dir, "new.txt"))).toBe(false);
    expect(read("c.txt")).toBe("one\ntwo\n");
  });

  it("reports parse errors and missing files as error results", async () => {
    expect((await apply("*** Update File: x", "*** End Patch")).output).toBe('Invalid patch: line 1: expected "*** Begin Patch", found "*** Update File: x"');
    expect((await apply("*** Begin Patch", "*** Update File: missing.txt", "@@", "-a", "+b", "*** End Patch")).output).toBe(
      "Cannot update missing.txt: file not found.",
    );
  });
});
