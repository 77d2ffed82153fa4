// The coverage matrix in docs/twins/coverage.md must say what the twins really do: every claim
// names an existing test, and the committed file is what the generator makes of today's code.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { buildCoverageMatrix, COVERAGE_DOCUMENT, ROOT } from "../scripts/twin-coverage.js";

describe("twin coverage matrix", () => {
  test("every declared method is a vendor method, proven by a test that exists", async () => {
    const { problems } = await buildCoverageMatrix();
    expect(problems).toEqual([]);
  });

  test(`${COVERAGE_DOCUMENT} is up to date (regenerate: node --import tsx scripts/twin-coverage.ts)`, async () => {
    const { text } = await buildCoverageMatrix();
    const committed = readFileSync(join(ROOT, COVERAGE_DOCUMENT), "utf8");
    // Compared line by line first, so a stale file shows the first line that differs.
    const committedLines = committed.split("\n");
    const firstDifference = text.split("\n").findIndex((line, index) => line !== committedLines[index]);
    expect(firstDifference === -1 ? "" : `line ${firstDifference + 1}: ${committedLines[firstDifference] ?? "(missing)"}`).toBe("");
    expect(committed).toBe(text);
  });

  test("lists every Slack method file and every Jira operation", async () => {
    const { text } = await buildCoverageMatrix();
    expect(text).toMatch(/\| Slack Web API \| 323 \|/);
    expect(text).toMatch(/\| Jira Cloud platform REST v3 \| 595 \|/);
    expect(text).toContain("| `chat.postMessage` |");
    expect(text).toContain("| `GET /rest/api/3/issue/{issueIdOrKey}` |");
  });
});
