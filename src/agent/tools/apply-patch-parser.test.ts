import { describe, expect, it } from "vitest";
import { parsePatch } from "./apply-patch-parser.js";

describe("parsePatch", () => {
  it("parses add, delete and update with a move and several hunks", () => {
    const operations = parsePatch(
      [
        "*** Begin Patch",
        "*** Add File: src/utils/helpers.py",
        "+def greet(name):",
        '+    return f"Hello, {name}!"',
        "*** Delete File: src/old_module.py",
        "*** Update File: old_name.py",
        "*** Move to: new_name.py",
        "@@ import os",
        " import sys",
        "-import old_dep",
        "+import new_dep",
        "@@",
        "-x = 1",
        "+x = 2",
        "*** End of File",
        "*** End Patch",
        "",
      ].join("\n"),
    );
    expect(operations).toEqual([
      { type: "add", path: "src/utils/helpers.py", content: 'def greet(name):\n    return f"Hello, {name}!"\n' },
      { type: "delete", path: "src/old_module.py" },
      {
        type: "update",
        path: "old_name.py",
        moveTo: "new_name.py",
        hunks: [
          {
            contextHint: "import os",
            isEndOfFile: false,
            patchLine: 8,
            lines: [
              { kind: "context", text: "import sys" },
              { kind: "delete", text: "import old_dep" },
              { kind: "add", text: "import new_dep" },
            ],
          },
          { isEndOfFile: true, patchLine: 12, lines: [{ kind: "delete", text: "x = 1" }, { kind: "add", text: "x = 2" }] },
        ],
      },
    ]);
  });

  it("names the line and what was expected when the patch is malformed", () => {
    expect(() => parsePatch("")).toThrow('Invalid patch: line 1: the patch is empty; expected "*** Begin Patch"');
    expect(() => parsePatch("hello\n*** End Patch")).toThrow('Invalid patch: line 1: expected "*** Begin Patch", found "hello"');
    expect(() => parsePatch("*** Begin Patch\n*** Add File: a.txt\n+x")).toThrow(
      'Invalid patch: line 3: expected "*** End Patch" as the last line, found "+x"',
    );
    expect(() => parsePatch("*** Begin Patch\n*** Add File: a.txt\nx\n*** End Patch")).toThrow(
      'Invalid patch: line 3: expected a line starting with "+" in "Add File: a.txt", found "x"',
    );
    expect(() => parsePatch("*** Begin Patch\n*** Update File: a.txt\n*** End Patch")).toThrow(
      'Invalid patch: line 2: "Update File: a.txt" has no hunks',
    );
    expect(() => parsePatch("*** Begin Patch\n*** Update File: a.txt\n@@\n x\n?y\n*** End Patch")).toThrow(
      'Invalid patch: line 5: expected a hunk line starting with " ", "-" or "+"',
    );
    expect(() => parsePatch("*** Begin Patch\n*** Frobnicate: a.txt\n*** End Patch")).toThrow("Invalid patch: line 2: expected");
    expect(() => parsePatch("*** Begin Patch\n*** Add File: \n*** End Patch")).toThrow(
      'Invalid patch: line 2: expected a file path after "*** Add File:"',
    );
    expect(() => parsePatch("*** Begin Patch\n*** Update File: a.txt\n@@ f\n x\n*** End Patch")).toThrow(
      'Invalid patch: line 3: hunk of "a.txt" changes nothing',
    );
  });
});
