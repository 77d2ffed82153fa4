import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { GEMINI_COVERAGE } from "./coverage.js";

describe("GEMINI_COVERAGE", () => {
  it("names tests that exist, in the file it names", () => {
    for (const entry of Object.values(GEMINI_COVERAGE)) {
      const [file, ...names] = entry.test.split(" > ");
      const source = readFileSync(file!, "utf8");
      for (const name of names) expect(source, entry.test).toContain(`"${name}"`);
    }
  });
});
