// The coverage matrix in docs/twins/coverage.md must say what the twins really do: every claim
// names an existing test, and the committed file is what the generator makes of today's code.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { buildCoverageMatrix, checkDeclaration, COVERAGE_DOCUMENT, discoveryMethods, openApiOperations, ROOT, type TwinCoverageSource } from "../scripts/twin-coverage.js";

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

describe("the LLM provider twins in the matrix", () => {
  test("list the operations declared for each provider, with the twins' own statuses", async () => {
    const { text } = await buildCoverageMatrix();
    expect(text).toMatch(/\| OpenAI API \(Responses, Chat Completions\) \| 15 \| \d+ \| \d+ \| \d+ \|/);
    expect(text).toMatch(/\| Anthropic Messages API \| 10 \| \d+ \| \d+ \| \d+ \|/);
    expect(text).toMatch(/\| Gemini API \| 15 \| \d+ \| \d+ \| \d+ \|/);
    expect(text).toMatch(/\| `POST \/v1\/responses` \| partial \|/);
    expect(text).toMatch(/\| `POST \/v1\/chat\/completions` \| partial \|/);
    expect(text).toMatch(/\| `POST \/v1\/messages` \| partial \|/);
    expect(text).toMatch(/\| `models\.streamGenerateContent` \| partial \|/);
    expect(text).toMatch(/\| `models\.countTokens` \| supported \|/);
    expect(text).toContain("vendor/apis has no description of it");
  });
});

describe("adding a twin is one entry", () => {
  test("an OpenAPI YAML file (Okta) and a discovery document (Google) each become a section; without a declaration every method is not yet", async () => {
    const twins: TwinCoverageSource[] = [
      { title: "Okta Management", unit: "operations", source: "vendor/apis/okta/management-minimal.yaml", methods: openApiOperations("vendor/apis/okta/management-minimal.yaml"), declarationFile: "src/twins/okta/no-such-coverage.ts", declarationName: "OKTA_COVERAGE" },
      { title: "Google Drive v3", unit: "methods", source: "vendor/apis/google/drive-v3.discovery.json", methods: discoveryMethods("vendor/apis/google/drive-v3.discovery.json"), declarationFile: "src/twins/google-drive/no-such-coverage.ts", declarationName: "GOOGLE_DRIVE_COVERAGE" },
    ];
    const { text, problems } = await buildCoverageMatrix(ROOT, twins);
    expect(problems).toEqual([]);
    expect(text).toMatch(/\| Okta Management \| [1-9]\d* \| 0 \| 0 \| [1-9]\d* \|/);
    expect(text).toMatch(/\| `GET \/api\/v1\/users` \| not yet \|/);
    expect(text).toMatch(/\| `drive\.files\.list` \| not yet \|/);
    expect(text).toContain("No declaration yet: `src/twins/okta/no-such-coverage.ts` does not exist");
  });

  test("a declaration whose test reference names a describe or test that does not exist is refused", async () => {
    const problems = checkDeclaration(
      {
        title: "t", unit: "operations", source: "s", declarationFile: "f.ts", declarationName: "X",
        methods: [{ key: "GET /a", group: "g", summary: "", deprecated: false }],
        declaration: { "GET /a": { status: "supported", test: `test/twins/openai-sdk.test.ts > ${"nowhere"} describe > lists models` } },
      },
      ROOT,
    );
    expect(problems).toEqual(['f.ts: X["GET /a"].test: no test named "nowhere describe" in test/twins/openai-sdk.test.ts']);
  });
});
