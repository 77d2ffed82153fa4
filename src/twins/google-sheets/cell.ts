/**
 * One stored cell of the Sheets twin: the value as the user entered it, a format and a note.
 * Its own file so that the grid that holds cells (cell-grid.ts) and the spreadsheet model
 * (model.ts) both use it without importing each other.
 */
type Json = Record<string, unknown>;

/** Google's ExtendedValue: exactly one of these. */
export type CellInput = { stringValue: string } | { numberValue: number } | { boolValue: boolean } | { formulaValue: string };

export interface Cell {
  value?: CellInput;
  /** userEnteredFormat, as the client sent it. */
  format?: Json;
  note?: string;
}
