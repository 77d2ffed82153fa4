import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyHunks, seekSequence } from "./apply-patch-applier.js";
import { parsePatch, type PatchOperation } from "./apply-patch-parser.js";

/**
 * A v4a hunk replacing lines [start, start+deleteCount) of `lines` with `insert`, with up to 3 lines of
 * context that do not reach back before `contextFloor` (the end of the previous hunk's change, as a diff tool would).
 */
function makeHunk(lines: readonly string[], start: number, deleteCount: number, insert: readonly string[], contextFloor = 0): string[] {
  const before = lines.slice(Math.max(contextFloor, start - 3), start).map((line) => ` ${line}`);
  const removed = lines.slice(start, start + deleteCount).map((line) => `-${line}`);
  const added = insert.map((line) => `+${line}`);
  const after = lines.slice(start + deleteCount, start + deleteCount + 3).map((line) => ` ${line}`);
  return ["@@", ...before, ...removed, ...added, ...after];
}

function hunksOf(patch: string): PatchOperation & { type: "update" } {
  const operation = parsePatch(patch)[0];
  if (operation?.type !== "update") throw new Error("expected an update");
  return operation;
}

describe("applyHunks", () => {
  it("applies any generated two-hunk edit of a file exactly (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 8, max: 40 }),
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 0, max: 3 }),
        fc.array(fc.string({ unit: fc.constantFrom("a", "b", " ", "x") }), { minLength: 1, maxLength: 3 }),
        (size, a, b, deleteCount, insert) => {
          const lines = Array.from({ length: size }, (_, i) => `line ${i}`);
          // Two non-overlapping edits: the first in the first half, the second in the second half.
          const half = Math.floor(size / 2);
          const first = a % Math.max(1, half - deleteCount);
          const second = half + (b % Math.max(1, size - half - deleteCount));
          const inserted = insert.map((text) => `new ${text}`);
          const patch = [
            "*** Begin Patch",
            "*** Update File: f.txt",
            ...makeHunk(lines, first, deleteCount, inserted),
            ...makeHunk(lines, second, deleteCount, inserted, first + deleteCount),
            "*** End Patch",
          ].join("\n");
          const expected = [...lines];
          expected.splice(second, deleteCount, ...inserted);
          expected.splice(first, deleteCount, ...inserted);
          expect(applyHunks(`${lines.join("\n")}\n`, hunksOf(patch).hunks, "f.txt")).toBe(`${expected.join("\n")}\n`);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("inserts after the @@ hint line when a hunk has no old lines", () => {
    const { hunks } = hunksOf("*** Begin Patch\n*** Update File: f\n@@ def f():\n+    pass\n*** End Patch");
    expect(applyHunks("x\ndef f():\ny\n", hunks, "f")).toBe("x\ndef f():\n    pass\ny\n");
  });

  it("tells which hunk failed and that the hint was missing too", () => {
    const { hunks } = hunksOf("*** Begin Patch\n*** Update File: f\n@@ nowhere\n-gone\n+new\n*** End Patch");
    expect(() => applyHunks("a\n", hunks, "f")).toThrow(
      'Failed to apply hunk 1 (patch line 3) to f: could not find these lines (the @@ context "nowhere" was not found either):\ngone',
    );
  });
});

describe("seekSequence", () => {
  it("prefers exact matches and falls back to looser comparisons in order", () => {
    expect(seekSequence(["a ", "a"], ["a"], 0, false)).toBe(1);
    expect(seekSequence(["  a  "], ["a"], 0, false)).toBe(0);
    expect(seekSequence(["x = \u2018y\u2019 \u2014 z"], ["x = 'y' - z"], 0, false)).toBe(0);
    expect(seekSequence(["a", "b"], ["c"], 0, false)).toBe(-1);
  });
});
