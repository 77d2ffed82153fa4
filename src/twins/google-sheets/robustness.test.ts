import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createGoogleTwin } from "../google/index.js";
import { seedTenant } from "../kit/index.js";

const FIXTURE = {
  users: [{ email: "ana@example.com" }],
  tokens: [{ token: "ana-token", user: "ana@example.com" }],
  spreadsheets: [{ id: "s1", title: "S", owner: "ana@example.com", sheets: [{ title: "Data", values: [["a", 1], ["=SUM(B1:B1)", "=A1&1"]] }, { title: "My Sheet" }] }],
};

const KINDS = ["addSheet", "deleteSheet", "updateSheetProperties", "updateSpreadsheetProperties", "updateCells", "repeatCell", "appendCells", "appendDimension", "insertDimension", "deleteDimension", "autoResizeDimensions", "mergeCells", "duplicateSheet", "findReplace", "sortRange"];
const value = fc.oneof(fc.jsonValue(), fc.constantFrom(0, 1, -1, 5, true, "ROWS", "COLUMNS", "*", "(", "a", [{ dimensionIndex: 1, sortOrder: "DESCENDING" }], "userEnteredValue", "title", "gridProperties.rowCount", { sheetId: 0 }, { sheetId: 0, startRowIndex: 0, endRowIndex: 2 }, [{ values: [{ userEnteredValue: { numberValue: 1 } }] }]));
const requestBody = fc.dictionary(fc.constantFrom("sheetId", "properties", "fields", "range", "rows", "start", "cell", "dimension", "length", "dimensions", "title", "inheritFromBefore", "sourceSheetId", "newSheetName", "find", "replacement", "allSheets", "searchByRegex", "includeFormulas", "sortSpecs"), value, { maxKeys: 4 });
const request = fc.oneof(fc.jsonValue(), fc.dictionary(fc.constantFrom(...KINDS), requestBody, { minKeys: 1, maxKeys: 2 }));
const range = fc.oneof(fc.constantFrom("Data", "Data!A1", "Data!A1:C3", "'My Sheet'!A:A", "2:2", "A2:B", "Nope!A1", "Data!ZZZZ9", "", "'", "Data!A1:B2:C3", "Data!A1001"), fc.string({ maxLength: 8 }));
const body = fc.oneof(
  fc.jsonValue(),
  fc.record({ destinationSpreadsheetId: fc.oneof(fc.constantFrom("s1", "nope", ""), fc.jsonValue()) }),
  fc.record({ values: fc.oneof(fc.jsonValue(), fc.array(fc.array(fc.oneof(fc.jsonValue(), fc.constantFrom("=SUM(A:A)", "=B2/0", "'x", "TRUE", "1,5")), { maxLength: 4 }), { maxLength: 4 })), majorDimension: value, range: value }, { requiredKeys: [] }),
  fc.record({ requests: fc.oneof(value, fc.array(request, { maxLength: 3 })), valueInputOption: value, data: value, ranges: value, includeSpreadsheetInResponse: value, responseRanges: value }, { requiredKeys: [] }),
);
const query = fc.dictionary(fc.constantFrom("valueInputOption", "valueRenderOption", "majorDimension", "insertDataOption", "includeGridData", "ranges", "includeValuesInResponse", "responseValueRenderOption"), fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom("RAW", "USER_ENTERED", "FORMULA", "COLUMNS", "true", "INSERT_ROWS")), { maxKeys: 3 });
const path = fc.oneof(
  range.map((text) => `/v4/spreadsheets/s1/values/${encodeURIComponent(text)}`),
  range.map((text) => `/v4/spreadsheets/s1/values/${encodeURIComponent(text)}:append`),
  range.map((text) => `/v4/spreadsheets/s1/values/${encodeURIComponent(text)}:clear`),
  fc.constantFrom("/v4/spreadsheets", "/v4/spreadsheets/s1", "/v4/spreadsheets/s1:batchUpdate", "/v4/spreadsheets/s1/values:batchGet", "/v4/spreadsheets/s1/values:batchUpdate", "/v4/spreadsheets/s1/values:batchClear", "/v4/spreadsheets/s1/values/%E0%A4%A", "/v4/spreadsheets/s1/sheets/0:copyTo", "/v4/spreadsheets/s1/sheets/7:copyTo"),
);

describe("robustness", () => {
  it("never answers a request, however malformed, with a 500 or a shape Sheets does not use", async () => {
    const twin = createGoogleTwin();
    seedTenant(twin, twin.tenant(), FIXTURE);
    await fc.assert(
      fc.asyncProperty(path, query, fc.option(body, { nil: undefined }), fc.constantFrom("GET", "POST", "PUT"), async (target, search, payload, method) => {
        const url = `http://google.test${target}?${new URLSearchParams(search).toString()}`;
        const response = await twin.fetch(new Request(url, { method, headers: { authorization: "Bearer ana-token", "content-type": "application/json" }, ...(payload !== undefined && method !== "GET" ? { body: JSON.stringify(payload) } : {}) }));
        expect(response.status, `${method} ${target}`).toBeLessThan(500);
        const answer = (await response.json()) as Record<string, unknown>;
        if (response.status >= 400) expect(Object.keys(answer.error as object).sort()).toEqual(["code", "message", "status"]);
      }),
      { numRuns: 400 },
    );
  });
});
