import { describe, expect, it } from "vitest";
import { fileFilterMatcher, globToRegExp, GlobPatternError } from "./glob-pattern.js";

describe("globToRegExp", () => {
  it("** spans directories, * stays within one segment", () => {
    const regex = globToRegExp("src/**/*.ts");
    expect(regex.test("src/a.ts")).toBe(true);
    expect(regex.test("src/x/y/a.ts")).toBe(true);
    expect(regex.test("lib/a.ts")).toBe(false);
    expect(globToRegExp("*.ts").test("src/a.ts")).toBe(false);
  });

  it("supports ?, character classes and braces", () => {
    expect(globToRegExp("file?.{js,json}").test("file1.json")).toBe(true);
    expect(globToRegExp("file?.{js,json}").test("file12.js")).toBe(false);
    expect(globToRegExp("[ab].txt").test("b.txt")).toBe(true);
    expect(globToRegExp("[!ab].txt").test("a.txt")).toBe(false);
  });

  it("escapes regex characters and rejects unclosed classes", () => {
    expect(globToRegExp("a+b.txt").test("a+b.txt")).toBe(true);
    expect(globToRegExp("a+b.txt").test("aab.txt")).toBe(false);
    expect(() => globToRegExp("[abc")).toThrow(GlobPatternError);
  });

  it("a filter without / matches the base name anywhere", () => {
    expect(fileFilterMatcher("*.py")("deep/dir/x.py")).toBe(true);
    expect(fileFilterMatcher("src/*.py")("deep/x.py")).toBe(false);
  });
});
