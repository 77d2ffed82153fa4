import { describe, expect, it } from "vitest";
import { detectLoop, toolCallSignature } from "./loop-detection.js";

describe("loop detection (2.10)", () => {
  it("signs a call by name and arguments, independent of key order", () => {
    expect(toolCallSignature({ name: "read_file", arguments: { a: 1, b: [1, { c: 2 }] } })).toBe(
      toolCallSignature({ name: "read_file", arguments: { b: [1, { c: 2 }], a: 1 } }),
    );
    expect(toolCallSignature({ name: "read_file", arguments: { a: 1 } })).not.toBe(toolCallSignature({ name: "read_file", arguments: { a: 2 } }));
    expect(toolCallSignature({ name: "grep", arguments: { a: 1 } })).not.toBe(toolCallSignature({ name: "read_file", arguments: { a: 1 } }));
  });

  it("flags patterns of length 1, 2 and 3 filling the window", () => {
    expect(detectLoop(Array(10).fill("a"), 10)).toBe(true);
    expect(detectLoop(["a", "b", "a", "b", "a", "b", "a", "b", "a", "b"], 10)).toBe(true);
    expect(detectLoop(["a", "b", "c", "a", "b", "c", "a", "b", "c"], 9)).toBe(true);
  });

  it("looks only at the last N calls and needs N of them", () => {
    expect(detectLoop(["x", "y", "a", "a", "a", "a"], 4)).toBe(true);
    expect(detectLoop(["a", "a", "a"], 4)).toBe(false);
    expect(detectLoop(["a", "b", "c", "d", "a", "b", "c", "d"], 8)).toBe(false);
    expect(detectLoop(["a", "a", "a", "b"], 4)).toBe(false);
  });
});
