/**
 * Every Sheets response the Google twin gave in the SDK suite (replayed here) and in the scripted
 * session below is checked against Google's discovery document,
 * `vendor/apis/google/sheets-v4.discovery.json`, with `discoveryValidator` (google-common): 2xx
 * bodies against the method's response schema, closed (no field the description lacks), and
 * error bodies against Sheets' error shape (`{code, message, status}`, no `errors[]`). Also:
 * determinism, the same seed and requests giving the same bytes.
 */
import { describe, expect, it } from "vitest";
import { createGoogleTwin } from "../../src/twins/google/index.js";
import { type Twin, seedTenant } from "../../src/twins/kit/index.js";
import { loggedResponseChecker } from "./google-logged-responses.js";
import { sheetsSdkTwins } from "./google-sheets-sdk.test.js";

const problemsOf = loggedResponseChecker("sheets-v4.discovery.json", "sheets.");

const FIXTURE = {
  users: [{ email: "ana@example.com" }],
  tokens: [{ token: "ana-token", user: "ana@example.com" }],
  spreadsheets: [{ id: "seeded", title: "Seeded", owner: "ana@example.com", sheets: [{ title: "Data", values: [["a", 1], ["b", 2], ["sum", "=SUM(B1:B2)"], ["bad", "=B1/0"]] }] }],
};

/** A session that touches every supported method and request kind, and the common errors. */
async function scriptedSession(twin: Twin): Promise<string[]> {
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await twin.fetch(new Request(`http://google.test${path}`, { method, headers: { authorization: "Bearer ana-token", "content-type": "application/json" }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }));
    return `${response.status} ${await response.text()}`;
  };
  const created = await call("POST", "/v4/spreadsheets", { properties: { title: "Contract", timeZone: "Europe/Paris" }, sheets: [{ properties: { title: "One" } }] });
  const id = (JSON.parse(created.slice(4)) as { spreadsheetId: string }).spreadsheetId;
  const base = `/v4/spreadsheets/${id}`;
  const range = (text: string) => encodeURIComponent(text);
  return [
    created,
    await call("PUT", `${base}/values/${range("One!A1")}?valueInputOption=USER_ENTERED&includeValuesInResponse=true`, { values: [["x", "1", "=A2+1"], [true, "=NOPE()", "'7"]] }),
    await call("POST", `${base}/values/${range("One")}:append?valueInputOption=RAW&includeValuesInResponse=true&responseValueRenderOption=FORMULA`, { values: [["y", 2]] }),
    await call("GET", `${base}/values/${range("One!A1:C3")}?valueRenderOption=UNFORMATTED_VALUE&majorDimension=COLUMNS`),
    await call("GET", `${base}/values:batchGet?ranges=${range("One!A:A")}&ranges=${range("One!2:2")}`),
    await call("POST", `${base}/values:batchUpdate`, { valueInputOption: "USER_ENTERED", includeValuesInResponse: true, data: [{ range: "One!D1", values: [["=SUM(B1:B3)"]] }] }),
    await call("POST", `${base}/values/${range("One!D1")}:clear`, {}),
    await call("POST", `${base}/values:batchClear`, { ranges: ["One!C1:C2"] }),
    await call("POST", `${base}:batchUpdate`, {
      includeSpreadsheetInResponse: true,
      responseIncludeGridData: true,
      responseRanges: ["One!A1:C3"],
      requests: [
        { addSheet: { properties: { title: "Two", index: 0, tabColor: { red: 1 } } } },
        { updateSheetProperties: { properties: { sheetId: 0, gridProperties: { rowCount: 50, columnCount: 8 } }, fields: "gridProperties" } },
        { updateSpreadsheetProperties: { properties: { locale: "fr_FR" }, fields: "locale" } },
        { repeatCell: { range: { sheetId: 0, startRowIndex: 0, endRowIndex: 2, startColumnIndex: 0, endColumnIndex: 2 }, cell: { userEnteredFormat: { backgroundColor: { red: 0.5 }, numberFormat: { type: "NUMBER", pattern: "0.00" } } }, fields: "userEnteredFormat" } },
        { updateCells: { range: { sheetId: 0, startRowIndex: 5, endRowIndex: 6, startColumnIndex: 0, endColumnIndex: 2 }, rows: [{ values: [{ userEnteredValue: { numberValue: 3 }, note: "three" }] }], fields: "*" } },
        { appendCells: { sheetId: 0, rows: [{ values: [{ userEnteredValue: { boolValue: false } }] }], fields: "userEnteredValue" } },
        { appendDimension: { sheetId: 0, dimension: "COLUMNS", length: 2 } },
        { insertDimension: { range: { sheetId: 0, dimension: "COLUMNS", startIndex: 0, endIndex: 1 } } },
        { deleteDimension: { range: { sheetId: 0, dimension: "COLUMNS", startIndex: 0, endIndex: 1 } } },
        { autoResizeDimensions: { dimensions: { sheetId: 0, dimension: "COLUMNS" } } },
        { duplicateSheet: { sourceSheetId: 0, newSheetName: "Copy" } },
        { findReplace: { find: "y", replacement: "z", allSheets: true, matchEntireCell: true } },
        { sortRange: { range: { sheetId: 0, startRowIndex: 0, endRowIndex: 3 }, sortSpecs: [{ dimensionIndex: 0 }] } },
      ],
    }),
    await call("GET", `${base}?includeGridData=true`),
    await call("GET", "/v4/spreadsheets/seeded?includeGridData=true&ranges=Data!A1:B4"),
    await call("GET", `/v4/spreadsheets/seeded/values/${range("Data!B3:B4")}`),
    await call("GET", `${base}/values/${range("Nope!A1")}`),
    await call("PUT", `${base}/values/${range("One!A1")}`, { values: [["no option"]] }),
    await call("POST", `${base}:batchUpdate`, { requests: [{ mergeCells: { range: { sheetId: 0 }, mergeType: "MERGE_ALL" } }] }),
    await call("POST", `${base}:batchUpdate`, { requests: [{ noSuchRequest: {} }] }),
    await call("GET", "/v4/spreadsheets/missing"),
  ];
}

describe("Sheets v4 responses against the discovery document", () => {
  it("answers a scripted session with bodies that match the discovery schemas", async () => {
    const twin = createGoogleTwin({ seed: 13 });
    seedTenant(twin, twin.tenant(), FIXTURE);
    const answers = await scriptedSession(twin);
    const log = twin.tenant().log;
    expect(log.filter((entry) => entry.status >= 400).map((entry) => entry.status)).toEqual([400, 400, 400, 400, 404]);
    expect(problemsOf(log)).toEqual([]);
    expect(answers[11]).toBe('200 {"range":"Data!B3:B4","majorDimension":"ROWS","values":[["3"],["#DIV/0!"]]}');
  });

  it("answered the SDK suite with bodies that match the discovery schemas", () => {
    const entries = sheetsSdkTwins().flatMap((twin) => twin.tenants().flatMap((tenant) => tenant.log));
    expect(entries.filter((entry) => entry.method.startsWith("sheets.")).length).toBeGreaterThan(40);
    expect(problemsOf(entries)).toEqual([]);
  });

  it("gives the same bytes for the same seed and requests", async () => {
    const run = async () => {
      const twin = createGoogleTwin({ seed: 13 });
      seedTenant(twin, twin.tenant(), FIXTURE);
      return scriptedSession(twin);
    };
    expect(await run()).toEqual(await run());
  });
});
