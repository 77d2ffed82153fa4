import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LocalExecutionEnvironment } from "../execution/local-environment.js";
import { createListDirTool, createReadFileTool, createReadManyFilesTool, createWriteFileTool } from "./file-tools.js";
import { ToolRegistry } from "./registry.js";

let dir: string;
let env: LocalExecutionEnvironment;
const registry = new ToolRegistry([createReadFileTool(), createWriteFileTool(), createReadManyFilesTool(), createListDirTool()]);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "lightsout-filetools-"));
  env = new LocalExecutionEnvironment({ workingDir: dir, useRipgrep: false });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("read_file", () => {
  it("returns line-numbered content, with offset and limit and a hint to read more", async () => {
    writeFileSync(join(dir, "a.txt"), "alpha\nbeta\ngamma\ndelta\n");
    expect((await registry.execute("read_file", { file_path: "a.txt" }, env)).output).toBe("  1 | alpha\n  2 | beta\n  3 | gamma\n  4 | delta");
    expect((await registry.execute("read_file", { file_path: join(dir, "a.txt"), offset: 2, limit: 2 }, env)).output).toBe(
      "  2 | beta\n  3 | gamma\n\n(Showing lines 2-3 of 4. Use offset=4 to read more.)",
    );
  });

  it("reports a missing file, a binary file and an offset past the end as errors", async () => {
    writeFileSync(join(dir, "bin.dat"), Buffer.from([1, 0, 2]));
    writeFileSync(join(dir, "short.txt"), "x\n");
    expect(await registry.execute("read_file", { file_path: "missing.txt" }, env)).toEqual({ output: "Error: File not found: missing.txt", isError: true });
    expect((await registry.execute("read_file", { file_path: "bin.dat" }, env)).output).toBe("bin.dat is a binary file; read_file returns text only.");
    expect((await registry.execute("read_file", { file_path: "short.txt", offset: 5 }, env)).output).toBe(
      "offset 5 is past the end of short.txt, which has 1 lines.",
    );
  });
});

describe("write_file", () => {
  it("creates parents, reports bytes written, and overwrites", async () => {
    expect((await registry.execute("write_file", { file_path: "d/e.txt", content: "héllo" }, env)).output).toBe("Created d/e.txt (6 bytes written).");
    expect((await registry.execute("write_file", { file_path: "d/e.txt", content: "x" }, env)).output).toBe("Overwrote d/e.txt (1 bytes written).");
    expect(readFileSync(join(dir, "d/e.txt"), "utf8")).toBe("x");
  });
});

describe("read_many_files and list_dir", () => {
  it("reads files by path and glob under headers", async () => {
    writeFileSync(join(dir, "a.ts"), "a\n");
    writeFileSync(join(dir, "b.ts"), "b\n");
    const output = (await registry.execute("read_many_files", { paths: ["*.ts", "missing.txt"] }, env)).output;
    expect(output).toBe("--- a.ts ---\n  1 | a\n\n--- b.ts ---\n  1 | b\n\n--- missing.txt ---\nError: File not found: missing.txt");
  });

  it("lists a directory with sizes and nested entries", async () => {
    await env.writeFile("src/x.ts", "abc");
    expect((await registry.execute("list_dir", { depth: 2 }, env)).output).toBe("src/\nsrc/x.ts (3 bytes)");
  });
});
