/**
 * Drive's `files.export` of a spreadsheet: `text/csv` and `text/tab-separated-values` of the
 * first sheet, formatted values (what the cells display, formula results included) over the
 * sheet's data, CRLF line ends. Other formats (xlsx, pdf, ods) are undefined: Drive answers
 * them as unsupported.
 */
import type { TenantState } from "../kit/index.js";
import { createEvaluator, renderValue } from "./cell-values.js";
import { getWorkspaceFile, GOOGLE_SPREADSHEET_MIME } from "../google-common/workspace-files.js";
import { dataExtent, spreadsheetOrEmpty } from "./model.js";

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function exportSpreadsheet(state: TenantState, id: string, mimeType: string): { body: string; contentType: string } | undefined {
  // A spreadsheet made through Drive and never opened exports as the empty sheet it is.
  if (getWorkspaceFile(state, id)?.mimeType !== GOOGLE_SPREADSHEET_MIME) return undefined;
  const { spreadsheet } = spreadsheetOrEmpty(state, id);
  const sheet = spreadsheet.sheets[0];
  if (!sheet) return undefined;
  const separator = mimeType === "text/csv" ? "," : mimeType === "text/tab-separated-values" ? "\t" : undefined;
  if (separator === undefined) return undefined;
  const evaluator = createEvaluator(spreadsheet);
  const { rows, columns } = dataExtent(sheet);
  const lines: string[] = [];
  for (let row = 0; row < rows; row++) {
    const fields: string[] = [];
    for (let column = 0; column < columns; column++) {
      const value = String(renderValue(evaluator, sheet, row, column, "FORMATTED_VALUE") ?? "");
      fields.push(separator === "," ? csvField(value) : value.replace(/[\t\r\n]/g, " "));
    }
    lines.push(fields.join(separator));
  }
  return { body: lines.join("\r\n"), contentType: `${mimeType}; charset=utf-8` };
}
