import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createGoogleTwin } from "../google/index.js";
import { seedTenant } from "../kit/index.js";

const FIXTURE = {
  users: [{ email: "ana@example.com" }],
  tokens: [{ token: "ana-token", user: "ana@example.com" }],
  documents: [{ id: "d1", title: "D", owner: "ana@example.com", text: "Hello\nworld 😀" }],
};

const KINDS = ["insertText", "deleteContentRange", "replaceAllText", "insertTable", "insertTableRow", "deleteTableRow", "updateTextStyle", "updateParagraphStyle", "createParagraphBullets", "deleteParagraphBullets", "insertPageBreak", "insertInlineImage"];
const index = fc.oneof(fc.integer({ min: -2, max: 20 }), fc.jsonValue());
const value = fc.oneof(
  fc.jsonValue(),
  fc.record({ index, segmentId: fc.constantFrom("", "h.1") }, { requiredKeys: [] }),
  fc.record({ startIndex: index, endIndex: index }, { requiredKeys: [] }),
  fc.record({ tableStartLocation: fc.record({ index }), rowIndex: index }, { requiredKeys: [] }),
  fc.constantFrom("*", "bold", "namedStyleType", "BULLET_DISC_CIRCLE_SQUARE", "x\ny", { text: "o" }),
);
const requestBody = fc.dictionary(fc.constantFrom("text", "location", "endOfSegmentLocation", "range", "containsText", "replaceText", "rows", "columns", "tableCellLocation", "insertBelow", "textStyle", "paragraphStyle", "fields", "bulletPreset"), value, { maxKeys: 4 });
const request = fc.oneof(fc.jsonValue(), fc.dictionary(fc.constantFrom(...KINDS), requestBody, { minKeys: 1, maxKeys: 2 }));
const body = fc.oneof(fc.jsonValue(), fc.record({ requests: fc.oneof(fc.jsonValue(), fc.array(request, { maxLength: 4 })), writeControl: fc.oneof(fc.jsonValue(), fc.record({ requiredRevisionId: fc.string() })), title: fc.jsonValue() }, { requiredKeys: [] }));
const path = fc.constantFrom("/v1/documents", "/v1/documents/d1", "/v1/documents/d1:batchUpdate", "/v1/documents/nope:batchUpdate", "/v1/documents/%E0%A4%A");

describe("robustness", () => {
  it("never answers a request, however malformed, with a 500 or a shape Docs does not use", async () => {
    const twin = createGoogleTwin();
    seedTenant(twin, twin.tenant(), FIXTURE);
    await fc.assert(
      fc.asyncProperty(path, fc.option(body, { nil: undefined }), fc.constantFrom("GET", "POST"), fc.boolean(), async (target, payload, method, tabs) => {
        const url = `http://google.test${target}${tabs ? "?includeTabsContent=true" : ""}`;
        const response = await twin.fetch(new Request(url, { method, headers: { authorization: "Bearer ana-token", "content-type": "application/json" }, ...(payload !== undefined && method !== "GET" ? { body: JSON.stringify(payload) } : {}) }));
        expect(response.status, `${method} ${target}`).toBeLessThan(500);
        const answer = (await response.json()) as Record<string, unknown>;
        if (response.status >= 400) expect(Object.keys(answer.error as object).sort()).toEqual(["code", "message", "status"]);
      }),
      { numRuns: 400 },
    );
  });
});
