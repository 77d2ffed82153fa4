/**
 * `@googleapis/sheets` (v4) against the Google twin served on loopback: spreadsheets created and
 * read (with grid data and `ranges`), values written and read with every input and render
 * option, appends that find the table and grow the grid, the batch forms, batchUpdate requests
 * applied all or nothing, access through Drive's sharing, the CSV export and Sheets' errors as
 * the SDK surfaces them. `google-sheets-contract.test.ts` checks a session's answers against the
 * discovery document.
 */
import { drive, type drive_v3 } from "@googleapis/drive";
import { sheets, type sheets_v4 } from "@googleapis/sheets";
import { afterAll, describe, expect, it } from "vitest";
import { createGoogleTwin } from "../../src/twins/google/index.js";
import { type ServedTwin, type Twin, seedTenant, serveTwin } from "../../src/twins/kit/index.js";

const FIXTURE = {
  users: [
    { email: "ana@example.com", displayName: "Ana Alves" },
    { email: "bo@example.com", displayName: "Bo Berg" },
  ],
  tokens: [
    { token: "ana-token", user: "ana@example.com" },
    { token: "bo-token", user: "bo@example.com" },
  ],
  spreadsheets: [
    {
      id: "budget",
      title: "Budget",
      owner: "ana@example.com",
      sheets: [
        { title: "Costs", values: [["Item", "Amount"], ["Rent", 1200], ["Food", "300"], ["Total", "=SUM(B2:B3)"]] },
        { title: "Q1 Notes", values: [["ok"]] },
      ],
    },
  ],
  permissions: [{ file: "budget", type: "user", role: "reader", emailAddress: "bo@example.com" }],
};

const servers: ServedTwin[] = [];
/** Every twin this file served, for the contract replay. */
export const sheetsSdkTwins = (): Twin[] => servers.map((served) => served.twin);
afterAll(async () => {
  await Promise.all(servers.map((served) => served.close()));
});

async function session(seed = 5): Promise<{ baseUrl: string; as(token: string): sheets_v4.Sheets; ana: sheets_v4.Sheets }> {
  const twin = createGoogleTwin({ seed });
  seedTenant(twin, twin.tenant(), FIXTURE);
  const served = await serveTwin(twin);
  servers.push(served);
  const as = (token: string) => sheets({ version: "v4", rootUrl: `${served.baseUrl}/`, headers: { authorization: `Bearer ${token}` }, retry: false } as sheets_v4.Options);
  return { baseUrl: served.baseUrl, as, ana: as("ana-token") };
}

async function failure(promise: Promise<unknown>): Promise<{ status: number; error: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    const response = (error as { response?: { status: number; data: { error: Record<string, unknown> } } }).response;
    if (!response) throw error;
    return { status: response.status, error: response.data.error };
  }
  throw new Error("expected the call to fail");
}

describe("Sheets v4 through @googleapis/sheets", () => {
  it("creates a spreadsheet that is also a Drive file of the caller", async () => {
    const { ana, baseUrl } = await session();
    const created = (await ana.spreadsheets.create({ requestBody: { properties: { title: "Tracker" }, sheets: [{ properties: { title: "Tasks" } }, { properties: { title: "Done", gridProperties: { rowCount: 10, columnCount: 4 } } }] } })).data;
    expect(created.spreadsheetId).toMatch(/^1[A-Za-z0-9_-]{43}$/);
    expect(created.properties).toMatchObject({ title: "Tracker", locale: "en_US", autoRecalc: "ON_CHANGE" });
    expect(created.spreadsheetUrl).toBe(`https://docs.google.com/spreadsheets/d/${created.spreadsheetId}/edit`);
    expect(created.sheets?.map((sheet) => sheet.properties)).toEqual([
      { sheetId: 0, title: "Tasks", index: 0, sheetType: "GRID", gridProperties: { rowCount: 1000, columnCount: 26 } },
      { sheetId: expect.any(Number), title: "Done", index: 1, sheetType: "GRID", gridProperties: { rowCount: 10, columnCount: 4 } },
    ]);
    const file = await fetch(`${baseUrl}/drive/v3/files/${created.spreadsheetId}?fields=name,mimeType,owners(emailAddress)`, { headers: { authorization: "Bearer ana-token" } });
    expect(await file.json()).toEqual({ name: "Tracker", mimeType: "application/vnd.google-apps.spreadsheet", owners: [{ emailAddress: "ana@example.com" }] });
    const titles = await ana.spreadsheets.get({ spreadsheetId: created.spreadsheetId!, fields: "sheets.properties.title,spreadsheetId" });
    expect(titles.data).toEqual({ spreadsheetId: created.spreadsheetId, sheets: [{ properties: { title: "Tasks" } }, { properties: { title: "Done" } }] });
    const nested = await ana.spreadsheets.get({ spreadsheetId: created.spreadsheetId!, fields: "sheets(properties(sheetId,gridProperties/rowCount))" });
    expect(nested.data.sheets?.[0]).toEqual({ properties: { sheetId: 0, gridProperties: { rowCount: 1000 } } });
    expect((await failure(ana.spreadsheets.get({ spreadsheetId: created.spreadsheetId!, fields: "sheets(properties" }))).error.message).toBe("Invalid field selection sheets(properties");
    const plain = (await ana.spreadsheets.create({ requestBody: {} })).data;
    expect(plain.properties?.title).toBe("Untitled spreadsheet");
    expect(plain.sheets?.[0]?.properties?.title).toBe("Sheet1");
  });

  it("writes and reads values with input and render options, formulas and majorDimension", async () => {
    const { ana } = await session();
    const spreadsheetId = "budget";
    const read = async (range: string, options: Partial<sheets_v4.Params$Resource$Spreadsheets$Values$Get> = {}) => (await ana.spreadsheets.values.get({ spreadsheetId, range, ...options })).data;
    expect(await read("Costs!A1:B4")).toEqual({ range: "Costs!A1:B4", majorDimension: "ROWS", values: [["Item", "Amount"], ["Rent", "1200"], ["Food", "300"], ["Total", "1500"]] });
    expect((await read("Costs!B2:B4", { valueRenderOption: "UNFORMATTED_VALUE" })).values).toEqual([[1200], [300], [1500]]);
    expect((await read("Costs!B4", { valueRenderOption: "FORMULA" })).values).toEqual([["=SUM(B2:B3)"]]);
    expect((await read("Costs!A1:B2", { majorDimension: "COLUMNS" })).values).toEqual([["Item", "Rent"], ["Amount", "1200"]]);
    expect(await read("Costs!A:A")).toMatchObject({ range: "Costs!A1:A1000", values: [["Item"], ["Rent"], ["Food"], ["Total"]] });
    expect(await read("'Q1 Notes'")).toEqual({ range: "'Q1 Notes'!A1:Z1000", majorDimension: "ROWS", values: [["ok"]] });
    expect(await read("Costs!D10:E12")).toEqual({ range: "Costs!D10:E12", majorDimension: "ROWS" });

    const raw = await ana.spreadsheets.values.update({ spreadsheetId, range: "Costs!C1", valueInputOption: "RAW", requestBody: { values: [["=1+1", "007", true]] } });
    expect(raw.data).toEqual({ spreadsheetId, updatedRange: "Costs!C1:E1", updatedRows: 1, updatedColumns: 3, updatedCells: 3 });
    const entered = await ana.spreadsheets.values.update({
      spreadsheetId,
      range: "Costs!C2:E3",
      valueInputOption: "USER_ENTERED",
      includeValuesInResponse: true,
      responseValueRenderOption: "UNFORMATTED_VALUE",
      requestBody: { values: [["=B2*2", "'007", "TRUE"], ["=AVERAGE(B2:B3)", "=NOPE(1)", null]] },
    });
    expect(entered.data.updatedCells).toBe(5);
    expect(entered.data.updatedData).toEqual({ range: "Costs!C2:E3", majorDimension: "ROWS", values: [[2400, "007", true], [750, "#NAME?"]] });
    expect((await read("Costs!C1:E1", { valueRenderOption: "UNFORMATTED_VALUE" })).values).toEqual([["=1+1", "007", true]]);

    // A formula follows the cells it reads.
    await ana.spreadsheets.values.update({ spreadsheetId, range: "Costs!B3", valueInputOption: "USER_ENTERED", requestBody: { values: [["450.5"]] } });
    expect((await read("Costs!B4")).values).toEqual([["1650.5"]]);
    // A typed date is a serial number with a DATE format; a number format shapes what is shown.
    await ana.spreadsheets.values.update({ spreadsheetId, range: "Costs!F1:F2", valueInputOption: "USER_ENTERED", requestBody: { values: [["2026-01-15"], ["1/15/2026"]] } });
    expect((await read("Costs!F1:F2")).values).toEqual([["2026-01-15"], ["1/15/2026"]]);
    expect((await read("Costs!F1", { valueRenderOption: "UNFORMATTED_VALUE" })).values).toEqual([[46037]]);
    expect((await read("Costs!F1", { valueRenderOption: "UNFORMATTED_VALUE", dateTimeRenderOption: "FORMATTED_STRING" })).values).toEqual([["2026-01-15"]]);
    await ana.spreadsheets.batchUpdate({ spreadsheetId, requestBody: { requests: [{ repeatCell: { range: { sheetId: 0, startRowIndex: 1, endRowIndex: 4, startColumnIndex: 1, endColumnIndex: 2 }, cell: { userEnteredFormat: { numberFormat: { type: "NUMBER", pattern: "#,##0.00" } } }, fields: "userEnteredFormat.numberFormat" } }] } });
    expect((await read("Costs!B2:B4")).values).toEqual([["1,200.00"], ["450.50"], ["1,650.50"]]);
    const columns = await ana.spreadsheets.values.update({ spreadsheetId, range: "Costs!G1", valueInputOption: "RAW", requestBody: { majorDimension: "COLUMNS", values: [["a", "b"], ["c"]] } });
    expect(columns.data.updatedRange).toBe("Costs!G1:H2");
    expect((await read("Costs!G1:H2")).values).toEqual([["a", "c"], ["b"]]);
  });

  it("appends after the table it finds, growing the grid", async () => {
    const { ana } = await session();
    const spreadsheetId = (await ana.spreadsheets.create({ requestBody: { sheets: [{ properties: { title: "Log", gridProperties: { rowCount: 3, columnCount: 3 } } }] } })).data.spreadsheetId!;
    const first = await ana.spreadsheets.values.append({ spreadsheetId, range: "Log", valueInputOption: "USER_ENTERED", requestBody: { values: [["when", "what"]] } });
    expect(first.data).toEqual({ spreadsheetId, updates: { spreadsheetId, updatedRange: "Log!A1:B1", updatedRows: 1, updatedColumns: 2, updatedCells: 2 } });
    const second = await ana.spreadsheets.values.append({ spreadsheetId, range: "Log!A1", valueInputOption: "USER_ENTERED", includeValuesInResponse: true, requestBody: { values: [["mon", 1], ["tue", 2], ["wed", 3]] } });
    expect(second.data.tableRange).toBe("Log!A1:B1");
    expect(second.data.updates).toMatchObject({ updatedRange: "Log!A2:B4", updatedRows: 3, updatedCells: 6, updatedData: { range: "Log!A2:B4", values: [["mon", "1"], ["tue", "2"], ["wed", "3"]] } });
    const grid = (await ana.spreadsheets.get({ spreadsheetId })).data.sheets![0]!.properties!.gridProperties;
    expect(grid).toEqual({ rowCount: 4, columnCount: 3 });
    const inserted = await ana.spreadsheets.values.append({ spreadsheetId, range: "Log!A:B", valueInputOption: "RAW", insertDataOption: "INSERT_ROWS", requestBody: { values: [["thu", "4"]] } });
    expect(inserted.data.tableRange).toBe("Log!A1:B4");
    expect(inserted.data.updates?.updatedRange).toBe("Log!A5:B5");
    const wide = await failure(ana.spreadsheets.values.append({ spreadsheetId, range: "Log", valueInputOption: "RAW", requestBody: { values: [["a", "b", "c", "d"]] } }));
    expect(wide.error.message).toBe("Range (Log!D1) exceeds grid limits. Max rows: 5, max columns: 3");
    const cells = await failure(ana.spreadsheets.batchUpdate({ spreadsheetId, requestBody: { requests: [{ appendCells: { sheetId: 0, rows: [{ values: [{}, {}, {}, { userEnteredValue: { stringValue: "d" } }] }], fields: "userEnteredValue" } }] } }));
    expect(cells.error.message).toBe("Invalid requests[0].appendCells: Attempting to write column: 3, beyond the last requested column of: 2");
    const missing = await failure(ana.spreadsheets.values.append({ spreadsheetId, range: "Log", requestBody: { values: [["x"]] } }));
    expect(missing).toEqual({ status: 400, error: { code: 400, message: "Invalid valueInputOption: INPUT_VALUE_OPTION_UNSPECIFIED", status: "INVALID_ARGUMENT" } });
  });

  it("reads, writes and clears several ranges in one call", async () => {
    const { ana } = await session();
    const spreadsheetId = "budget";
    const written = await ana.spreadsheets.values.batchUpdate({
      spreadsheetId,
      requestBody: { valueInputOption: "USER_ENTERED", data: [{ range: "Costs!D1", values: [["x"]] }, { range: "'Q1 Notes'!A2:B2", values: [[1, 2]] }] },
    });
    expect(written.data).toMatchObject({ spreadsheetId, totalUpdatedRows: 2, totalUpdatedColumns: 3, totalUpdatedCells: 3, totalUpdatedSheets: 2 });
    expect(written.data.responses?.map((response) => response.updatedRange)).toEqual(["Costs!D1", "'Q1 Notes'!A2:B2"]);
    const both = await ana.spreadsheets.values.batchGet({ spreadsheetId, ranges: ["Costs!D1", "'Q1 Notes'!A1:B2"], valueRenderOption: "UNFORMATTED_VALUE" });
    expect(both.data.valueRanges).toEqual([
      { range: "Costs!D1", majorDimension: "ROWS", values: [["x"]] },
      { range: "'Q1 Notes'!A1:B2", majorDimension: "ROWS", values: [["ok"], [1, 2]] },
    ]);
    const cleared = await ana.spreadsheets.values.batchClear({ spreadsheetId, requestBody: { ranges: ["Costs!D:D", "'Q1 Notes'!A2:B2"] } });
    expect(cleared.data).toEqual({ spreadsheetId, clearedRanges: ["Costs!D1:D1000", "'Q1 Notes'!A2:B2"] });
    const one = await ana.spreadsheets.values.clear({ spreadsheetId, range: "Costs!A4:B4", requestBody: {} });
    expect(one.data).toEqual({ spreadsheetId, clearedRange: "Costs!A4:B4" });
    expect((await ana.spreadsheets.values.batchGet({ spreadsheetId, ranges: ["Costs!A1:D5", "'Q1 Notes'"] })).data.valueRanges?.map((range) => range.values)).toEqual([
      [["Item", "Amount"], ["Rent", "1200"], ["Food", "300"]],
      [["ok"]],
    ]);
    const bad = await failure(ana.spreadsheets.values.batchUpdate({ spreadsheetId, requestBody: { valueInputOption: "RAW", data: [{ range: "Costs!A1", values: [["changed"]] }, { range: "Foo!A1", values: [["x"]] }] } }));
    expect(bad.error.message).toBe("Unable to parse range: Foo!A1");
    expect((await ana.spreadsheets.values.get({ spreadsheetId, range: "Costs!A1" })).data.values).toEqual([["Item"]]);
  });

  it("changes sheets and cells with batchUpdate, all or nothing", async () => {
    const { ana } = await session();
    const spreadsheetId = "budget";
    const answer = await ana.spreadsheets.batchUpdate({
      spreadsheetId,
      requestBody: {
        requests: [
          { addSheet: { properties: { title: "Summary", gridProperties: { rowCount: 20, columnCount: 5 } } } },
          { updateSheetProperties: { properties: { sheetId: 0, title: "Expenses", gridProperties: { frozenRowCount: 1 } }, fields: "title,gridProperties.frozenRowCount" } },
          { repeatCell: { range: { sheetId: 0, startRowIndex: 0, endRowIndex: 1 }, cell: { userEnteredFormat: { textFormat: { bold: true } } }, fields: "userEnteredFormat.textFormat.bold" } },
          { updateCells: { start: { sheetId: 0, rowIndex: 4, columnIndex: 0 }, rows: [{ values: [{ userEnteredValue: { stringValue: "Max" } }, { userEnteredValue: { formulaValue: "=MAX(B2:B3)" } }] }], fields: "userEnteredValue" } },
          { insertDimension: { range: { sheetId: 0, dimension: "ROWS", startIndex: 1, endIndex: 2 } } },
          { updateSpreadsheetProperties: { properties: { title: "Budget 2026" }, fields: "title" } },
        ],
      },
    });
    const added = answer.data.replies![0]!.addSheet!.properties!;
    expect(added).toMatchObject({ title: "Summary", index: 2, gridProperties: { rowCount: 20, columnCount: 5 } });
    expect(answer.data.replies!.slice(1)).toEqual([{}, {}, {}, {}, {}]);

    const view = (await ana.spreadsheets.get({ spreadsheetId, ranges: ["Expenses!A1:B6"], includeGridData: true })).data;
    expect(view.properties?.title).toBe("Budget 2026");
    expect(view.sheets).toHaveLength(1);
    expect(view.sheets![0]!.properties).toMatchObject({ title: "Expenses", gridProperties: { rowCount: 1001, columnCount: 26, frozenRowCount: 1 } });
    const rows = view.sheets![0]!.data![0]!.rowData!;
    expect(rows[0]!.values![0]).toMatchObject({ userEnteredValue: { stringValue: "Item" }, formattedValue: "Item", userEnteredFormat: { textFormat: { bold: true } }, effectiveFormat: { textFormat: { bold: true, italic: false } } });
    expect(rows[1]).toEqual({});
    // The row inserted above moved the formula's references down, as Google does.
    expect(rows[5]!.values![1]).toMatchObject({ userEnteredValue: { formulaValue: "=MAX(B3:B4)" }, effectiveValue: { numberValue: 1200 }, formattedValue: "1200" });
    expect(rows[4]!.values![1]).toMatchObject({ userEnteredValue: { formulaValue: "=SUM(B3:B4)" } });
    expect(view.sheets![0]!.data![0]!.rowMetadata).toHaveLength(6);

    const refused = await failure(
      ana.spreadsheets.batchUpdate({ spreadsheetId, requestBody: { requests: [{ deleteSheet: { sheetId: added.sheetId } }, { addSheet: { properties: { title: "expenses" } } }] } }),
    );
    expect(refused.error.message).toBe('Invalid requests[1].addSheet: A sheet with the name "expenses" already exists. Please enter another name.');
    expect((await ana.spreadsheets.get({ spreadsheetId })).data.sheets?.map((sheet) => sheet.properties?.title)).toEqual(["Expenses", "Q1 Notes", "Summary"]);
    const noGrid = await failure(ana.spreadsheets.batchUpdate({ spreadsheetId, requestBody: { requests: [{ deleteSheet: { sheetId: 4242 } }] } }));
    expect(noGrid.error.message).toBe("Invalid requests[0].deleteSheet: No grid with id: 4242");
    await ana.spreadsheets.batchUpdate({ spreadsheetId, requestBody: { requests: [{ deleteDimension: { range: { sheetId: 0, dimension: "ROWS", startIndex: 1, endIndex: 2 } } }, { deleteSheet: { sheetId: added.sheetId } }] } });
    expect((await ana.spreadsheets.values.get({ spreadsheetId, range: "Expenses!A1:B5" })).data.values).toEqual([["Item", "Amount"], ["Rent", "1200"], ["Food", "300"], ["Total", "1500"], ["Max", "1200"]]);
    expect((await ana.spreadsheets.values.get({ spreadsheetId, range: "Expenses!B4", valueRenderOption: "FORMULA" })).data.values).toEqual([["=SUM(B2:B3)"]]);
  });

  it("duplicates a sheet, finds and replaces, and sorts a range", async () => {
    const { ana } = await session();
    const spreadsheetId = "budget";
    const answer = await ana.spreadsheets.batchUpdate({
      spreadsheetId,
      requestBody: {
        requests: [
          { duplicateSheet: { sourceSheetId: 0 } },
          { findReplace: { find: "o", replacement: "0", sheetId: 0 } },
          { sortRange: { range: { sheetId: 0, startRowIndex: 1, endRowIndex: 3, startColumnIndex: 0, endColumnIndex: 2 }, sortSpecs: [{ dimensionIndex: 1, sortOrder: "ASCENDING" }] } },
        ],
      },
    });
    expect(answer.data.replies?.[0]?.duplicateSheet?.properties).toMatchObject({ title: "Copy of Costs", index: 1 });
    expect(answer.data.replies?.[1]).toEqual({ findReplace: { valuesChanged: 3, rowsChanged: 3, sheetsChanged: 1, occurrencesChanged: 4 } });
    const values = (range: string) => ana.spreadsheets.values.get({ spreadsheetId, range }).then((response) => response.data.values);
    // "o" matched case-insensitively in Amount, Food and Total; the sort put 300 before 1200.
    expect(await values("Costs!A1:B4")).toEqual([["Item", "Am0unt"], ["F00d", "300"], ["Rent", "1200"], ["T0tal", "1500"]]);
    expect(await values("'Copy of Costs'!A1:B4")).toEqual([["Item", "Amount"], ["Rent", "1200"], ["Food", "300"], ["Total", "1500"]]);
    const none = await ana.spreadsheets.batchUpdate({ spreadsheetId, requestBody: { requests: [{ findReplace: { find: "zzz", replacement: "y", allSheets: true } }] } });
    expect(none.data.replies).toEqual([{ findReplace: {} }]);
  });

  it("opens a spreadsheet made through Drive with one empty Sheet1", async () => {
    const { ana, baseUrl } = await session();
    const made = await fetch(`${baseUrl}/drive/v3/files`, { method: "POST", headers: { authorization: "Bearer ana-token", "content-type": "application/json" }, body: JSON.stringify({ name: "From Drive", mimeType: "application/vnd.google-apps.spreadsheet" }) });
    const { id } = (await made.json()) as { id: string };
    const appended = await ana.spreadsheets.values.append({ spreadsheetId: id, range: "Sheet1", valueInputOption: "RAW", requestBody: { values: [["x"]] } });
    expect(appended.data.updates?.updatedRange).toBe("Sheet1!A1");
    expect((await ana.spreadsheets.get({ spreadsheetId: id })).data.properties?.title).toBe("From Drive");
  });

  it("copies a spreadsheet through Drive with its sheets and values, apart from the original", async () => {
    const { ana, baseUrl } = await session();
    const anaDrive = drive({ version: "v3", rootUrl: `${baseUrl}/`, headers: { authorization: "Bearer ana-token" }, retry: false } as drive_v3.Options);
    const copy = (await anaDrive.files.copy({ fileId: "budget", requestBody: { name: "Budget 2027" } })).data;
    const copied = (await ana.spreadsheets.get({ spreadsheetId: copy.id! })).data;
    expect(copied.spreadsheetId).toBe(copy.id);
    expect(copied.properties?.title).toBe("Budget 2027");
    expect(copied.sheets?.map((sheet) => sheet.properties?.title)).toEqual(["Costs", "Q1 Notes"]);
    expect((await ana.spreadsheets.values.get({ spreadsheetId: copy.id!, range: "Costs!A2:B4" })).data.values).toEqual([["Rent", "1200"], ["Food", "300"], ["Total", "1500"]]);
    await ana.spreadsheets.values.update({ spreadsheetId: copy.id!, range: "Costs!B2", valueInputOption: "RAW", requestBody: { values: [[1000]] } });
    expect((await ana.spreadsheets.values.get({ spreadsheetId: copy.id!, range: "Costs!B4" })).data.values).toEqual([["1300"]]);
    expect((await ana.spreadsheets.values.get({ spreadsheetId: "budget", range: "Costs!B4" })).data.values).toEqual([["1500"]]);
  });

  it("copies a sheet to another spreadsheet", async () => {
    const { ana, as } = await session();
    const target = (await ana.spreadsheets.create({ requestBody: { properties: { title: "Target" } } })).data.spreadsheetId!;
    const copied = await ana.spreadsheets.sheets.copyTo({ spreadsheetId: "budget", sheetId: 0, requestBody: { destinationSpreadsheetId: target } });
    expect(copied.data).toEqual({ sheetId: expect.any(Number), title: "Copy of Costs", index: 1, sheetType: "GRID", gridProperties: { rowCount: 1000, columnCount: 26 } });
    expect(copied.data.sheetId).not.toBe(0);
    expect((await ana.spreadsheets.values.get({ spreadsheetId: target, range: "'Copy of Costs'!B4" })).data.values).toEqual([["1500"]]);
    const again = await ana.spreadsheets.sheets.copyTo({ spreadsheetId: "budget", sheetId: 0, requestBody: { destinationSpreadsheetId: target } });
    expect(again.data.title).toBe("Copy of Costs 2");
    // Bo may read the budget but not write to Ana's new spreadsheet.
    expect((await failure(as("bo-token").spreadsheets.sheets.copyTo({ spreadsheetId: "budget", sheetId: 0, requestBody: { destinationSpreadsheetId: target } }))).status).toBe(404);
    expect((await failure(ana.spreadsheets.sheets.copyTo({ spreadsheetId: "budget", sheetId: 99, requestBody: { destinationSpreadsheetId: target } }))).status).toBe(404);
  });

  it("answers bad ranges, strangers and readers as Sheets does", async () => {
    const { ana, as } = await session();
    expect(await failure(ana.spreadsheets.values.get({ spreadsheetId: "budget", range: "Foo!A1" }))).toEqual({ status: 400, error: { code: 400, message: "Unable to parse range: Foo!A1", status: "INVALID_ARGUMENT" } });
    const beyond = await failure(ana.spreadsheets.values.update({ spreadsheetId: "budget", range: "Costs!A1001", valueInputOption: "RAW", requestBody: { values: [["x"]] } }));
    expect(beyond.error.message).toBe("Range (Costs!A1001) exceeds grid limits. Max rows: 1000, max columns: 26");
    expect((await failure(ana.spreadsheets.values.get({ spreadsheetId: "budget", range: "Costs!AA1:AB2" }))).error.message).toBe("Range (Costs!AA1) exceeds grid limits. Max rows: 1000, max columns: 26");
    const overflow = await failure(ana.spreadsheets.values.update({ spreadsheetId: "budget", range: "Costs!A1:B1", valueInputOption: "RAW", requestBody: { values: [["a", "b", "c"]] } }));
    expect(overflow.error.message).toBe("Requested writing within range [Costs!A1:B1], but tried writing to column [C]");
    expect((await as("bo-token").spreadsheets.values.get({ spreadsheetId: "budget", range: "Costs!A1" })).data.values).toEqual([["Item"]]);
    const write = await failure(as("bo-token").spreadsheets.values.update({ spreadsheetId: "budget", range: "Costs!A1", valueInputOption: "RAW", requestBody: { values: [["x"]] } }));
    expect(write).toEqual({ status: 403, error: { code: 403, message: "The caller does not have permission", status: "PERMISSION_DENIED" } });
    const created = (await ana.spreadsheets.create({ requestBody: {} })).data.spreadsheetId!;
    expect((await failure(as("bo-token").spreadsheets.get({ spreadsheetId: created }))).status).toBe(404);
  });

  it("exports the first sheet as CSV through Drive", async () => {
    const { ana, baseUrl } = await session();
    await ana.spreadsheets.values.update({ spreadsheetId: "budget", range: "Costs!C1", valueInputOption: "RAW", requestBody: { values: [['say "hi", please']] } });
    const csv = await fetch(`${baseUrl}/drive/v3/files/budget/export?mimeType=text/csv`, { headers: { authorization: "Bearer ana-token" } });
    expect(csv.status).toBe(200);
    expect(await csv.text()).toBe('Item,Amount,"say ""hi"", please"\r\nRent,1200,\r\nFood,300,\r\nTotal,1500,');
  });
});
