import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { truncateLines, truncateOutput, truncateToolOutput } from "./truncate-output.js";

describe("truncateOutput", () => {
  it("leaves output within the limit untouched", () => {
    expect(truncateOutput("abc", 3, "head_tail")).toBe("abc");
  });

  it("head_tail keeps both ends and says how much was removed from the middle", () => {
    const result = truncateOutput(`${"a".repeat(50)}${"b".repeat(50)}`, 20, "head_tail");
    expect(result.startsWith("a".repeat(10))).toBe(true);
    expect(result.endsWith("b".repeat(10))).toBe(true);
    expect(result).toContain("[WARNING: Tool output was truncated. 80 characters were removed from the middle.");
    expect(result).toContain("event stream");
  });

  it("tail keeps the end", () => {
    const result = truncateOutput("0123456789", 4, "tail");
    expect(result).toBe("[WARNING: Tool output was truncated. First 6 characters were removed. The full output is available in the event stream.]\n\n6789");
  });
});

describe("truncateLines", () => {
  it("keeps the first and last lines with an omitted count", () => {
    const lines = Array.from({ length: 10 }, (_, i) => `l${i}`).join("\n");
    expect(truncateLines(lines, 4)).toBe("l0\nl1\n[... 6 lines omitted ...]\nl8\nl9");
  });
});

describe("truncateToolOutput", () => {
  it("cuts characters first, so two 10 MB lines are still cut (read_file: 50k, head_tail)", () => {
    const huge = `${"x".repeat(10_000_000)}\n${"y".repeat(10_000_000)}`;
    const result = truncateToolOutput(huge, "read_file");
    expect(result.length).toBeLessThan(50_500);
    expect(result).toContain("19950001 characters were removed from the middle");
  });

  it("then applies the default line limit (shell: 256)", () => {
    const output = Array.from({ length: 1000 }, (_, i) => `line ${i}`).join("\n");
    const result = truncateToolOutput(output, "shell");
    expect(result.split("\n")).toHaveLength(257);
    expect(result).toContain("[... 744 lines omitted ...]");
  });

  it("uses the spec limits per tool and lets the session override both limits", () => {
    expect(truncateToolOutput("z".repeat(1_001), "write_file")).toContain("First 1 characters were removed");
    expect(truncateToolOutput("z".repeat(20_000), "grep")).toBe("z".repeat(20_000));
    expect(truncateToolOutput("z".repeat(200), "grep", { toolOutputLimits: { grep: 100 } })).toContain("First 100 characters");
    const lines = Array.from({ length: 300 }, () => "l").join("\n");
    expect(truncateToolOutput(lines, "shell", { toolLineLimits: { shell: null } })).toBe(lines);
    expect(truncateToolOutput(lines, "read_file", { toolLineLimits: { read_file: 10 } })).toContain("[... 290 lines omitted ...]");
  });
});

describe("truncateOutput properties", () => {
  it("keeps exactly max characters of the original, taken from its two ends, and reports the rest as removed", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.integer({ min: 2, max: 200 }), fc.constantFrom("head_tail" as const, "tail" as const), (output, max, mode) => {
        const result = truncateOutput(output, max, mode);
        if (output.length <= max) {
          expect(result).toBe(output);
          return;
        }
        const head = mode === "tail" ? 0 : Math.floor(max / 2);
        expect(result.startsWith(output.slice(0, head))).toBe(true);
        expect(result.endsWith(output.slice(output.length - (max - head)))).toBe(true);
        expect(result).toContain(`${output.length - max} characters were removed`);
      }),
    );
  });
});
