/**
 * The Sheets v4 module of the Google twin: spreadsheets create, get and batchUpdate, and the
 * values methods. Authentication, quotas and faults are the Google twin's; this module gets an
 * authenticated caller and answers in Sheets' error shape (`{code, message, status}`).
 */
import { DRIVE_SCOPE, SPREADSHEETS_SCOPE } from "../google-common/accounts.js";
import type { GoogleApiModule, GoogleCaller } from "../google-common/caller.js";
import { createWorkspaceFile, decodePathSegment, fileAccess, newWorkspaceId, touchWorkspaceFile } from "../google-common/docs-sheets-files.js";
import { partialResponse } from "../google-common/docs-sheets-response.js";
import { googleError } from "../google-common/errors.js";
import { GOOGLE_SPREADSHEET_MIME, getWorkspaceFile, putWorkspaceFile } from "../google-common/workspace-files.js";
import type { Tenant, TwinContext } from "../kit/index.js";
import { seedSpreadsheets } from "./fixture.js";
import { DEFAULT_PROPERTIES, type SheetRecord, type SpreadsheetRecord, newSheet, putSpreadsheet, spreadsheetOrEmpty } from "./model.js";
import { applySheetRequests } from "./requests.js";
import { spreadsheetJson } from "./spreadsheet-view.js";
import { type ValuesCall, type ValuesResult, appendValues, batchClearValues, batchGetValues, batchUpdateValues, clearValues, getValues, updateValues } from "./values.js";

type Json = Record<string, unknown>;

const SPREADSHEET_PATH = /^\/v4\/spreadsheets\/([^/:]+)(:batchUpdate)?$/;
const VALUES_BATCH_PATH = /^\/v4\/spreadsheets\/([^/:]+)\/values:(batchGet|batchUpdate|batchClear)$/;
const COPY_PATH = /^\/v4\/spreadsheets\/([^/:]+)\/sheets\/(-?\d+):copyTo$/;
const VALUES_PATH = /^\/v4\/spreadsheets\/([^/:]+)\/values\/(.+?)(:append|:clear)?$/;

const READ_SCOPES = [SPREADSHEETS_SCOPE, `${SPREADSHEETS_SCOPE}.readonly`, DRIVE_SCOPE, `${DRIVE_SCOPE}.readonly`, `${DRIVE_SCOPE}.file`];
const WRITE_SCOPES = [SPREADSHEETS_SCOPE, DRIVE_SCOPE, `${DRIVE_SCOPE}.file`];
const READ_METHODS = new Set(["sheets.spreadsheets.get", "sheets.spreadsheets.values.get", "sheets.spreadsheets.values.batchGet"]);

interface Route {
  method: string;
  spreadsheetId?: string;
  range?: string;
}

function route(request: Request, path: string): Route | undefined {
  const verb = request.method;
  if (path === "/v4/spreadsheets") return verb === "POST" ? { method: "sheets.spreadsheets.create" } : undefined;
  const copy = COPY_PATH.exec(path);
  if (copy) return verb === "POST" ? { method: "sheets.spreadsheets.sheets.copyTo", spreadsheetId: decodePathSegment(copy[1]!) ?? "", range: copy[2] } : undefined;
  const batch = VALUES_BATCH_PATH.exec(path);
  if (batch) {
    const expected = batch[2] === "batchGet" ? "GET" : "POST";
    return verb === expected ? { method: `sheets.spreadsheets.values.${batch[2]}`, spreadsheetId: decodePathSegment(batch[1]!) ?? "" } : undefined;
  }
  const values = VALUES_PATH.exec(path);
  if (values) {
    const spreadsheetId = decodePathSegment(values[1]!) ?? "";
    const range = decodePathSegment(values[2]!);
    if (range === undefined) return undefined;
    if (values[3] === ":append") return verb === "POST" ? { method: "sheets.spreadsheets.values.append", spreadsheetId, range } : undefined;
    if (values[3] === ":clear") return verb === "POST" ? { method: "sheets.spreadsheets.values.clear", spreadsheetId, range } : undefined;
    if (verb === "GET") return { method: "sheets.spreadsheets.values.get", spreadsheetId, range };
    if (verb === "PUT") return { method: "sheets.spreadsheets.values.update", spreadsheetId, range };
    return undefined;
  }
  const spreadsheet = SPREADSHEET_PATH.exec(path);
  if (spreadsheet) {
    const spreadsheetId = decodePathSegment(spreadsheet[1]!) ?? "";
    if (spreadsheet[2] === ":batchUpdate") return verb === "POST" ? { method: "sheets.spreadsheets.batchUpdate", spreadsheetId } : undefined;
    return verb === "GET" ? { method: "sheets.spreadsheets.get", spreadsheetId } : undefined;
  }
  return undefined;
}

const NOT_FOUND = () => googleError({ code: 404, message: "Requested entity was not found." });
const FORBIDDEN = () => googleError({ code: 403, message: "The caller does not have permission" });
const failure = (error: { code: number; message: string }) => googleError(error);

function objectBody(context: TwinContext): Json | Response {
  if (context.body === undefined && context.rawBody.trim() === "") return {};
  if (typeof context.body !== "object" || context.body === null || Array.isArray(context.body)) {
    return googleError({ code: 400, message: `Invalid JSON payload received. Expected an object, got ${JSON.stringify(context.rawBody.slice(0, 40))}.` });
  }
  return context.body as Json;
}

/** A positive 31-bit id, like the ids Google gives sheets after the first. */
function newSheetId(tenant: Tenant): number {
  return 1 + Math.floor(tenant.random() * 2_147_483_646);
}

function create(context: TwinContext, caller: GoogleCaller): Response {
  const body = objectBody(context);
  if (body instanceof Response) return body;
  const { tenant } = context;
  const properties = (typeof body.properties === "object" && body.properties !== null ? body.properties : {}) as Json;
  const title = typeof properties.title === "string" && properties.title !== "" ? properties.title : "Untitled spreadsheet";
  const requested = Array.isArray(body.sheets) ? body.sheets : [];
  const sheets: SheetRecord[] = [];
  for (const [index, item] of requested.entries()) {
    const sheetProperties = ((item as Json)?.properties ?? {}) as Json;
    const sheetTitle = typeof sheetProperties.title === "string" ? sheetProperties.title : `Sheet${index + 1}`;
    if (sheets.some((sheet) => sheet.properties.title.toLowerCase() === sheetTitle.toLowerCase())) {
      return googleError({ code: 400, message: `Invalid sheets[${index}]: A sheet with the name "${sheetTitle}" already exists. Please enter another name.` });
    }
    const grid = (sheetProperties.gridProperties ?? {}) as Json;
    const sheetId = typeof sheetProperties.sheetId === "number" ? sheetProperties.sheetId : index === 0 ? 0 : newSheetId(tenant);
    sheets.push(newSheet(sheetId, sheetTitle, index, { ...(typeof grid.rowCount === "number" ? { rowCount: grid.rowCount } : {}), ...(typeof grid.columnCount === "number" ? { columnCount: grid.columnCount } : {}) }));
  }
  if (sheets.length === 0) sheets.push(newSheet(0, "Sheet1", 0));
  const { title: _title, ...rest } = properties;
  const id = newWorkspaceId(tenant);
  createWorkspaceFile(tenant, { id, name: title, mimeType: GOOGLE_SPREADSHEET_MIME, owner: caller.email });
  const spreadsheet: SpreadsheetRecord = { spreadsheetId: id, properties: { ...DEFAULT_PROPERTIES, ...rest }, sheets };
  tenant.update((state) => putSpreadsheet(state, spreadsheet));
  return partialResponse(context, spreadsheetJson(spreadsheet, title));
}

type Loaded = { spreadsheet: SpreadsheetRecord; title: string } | Response;

function load(context: TwinContext, caller: GoogleCaller, spreadsheetId: string, write: boolean): Loaded {
  const { tenant } = context;
  const access = fileAccess(tenant.state, spreadsheetId, GOOGLE_SPREADSHEET_MIME, caller.email, write ? "writer" : "reader");
  if ("denied" in access) return access.denied === "notFound" ? NOT_FOUND() : FORBIDDEN();
  // A spreadsheet made through Drive gets its empty content on first use.
  const { spreadsheet, state } = spreadsheetOrEmpty(tenant.state, spreadsheetId);
  if (state !== tenant.state) tenant.update(() => state);
  return { spreadsheet, title: access.file.name };
}

function store(tenant: Tenant, spreadsheet: SpreadsheetRecord, title?: string): void {
  tenant.update((state) => putSpreadsheet(state, spreadsheet));
  if (title !== undefined) {
    const file = getWorkspaceFile(tenant.state, spreadsheet.spreadsheetId);
    if (file && file.name !== title) tenant.update((state) => putWorkspaceFile(state, { ...file, name: title }));
  }
  touchWorkspaceFile(tenant, spreadsheet.spreadsheetId);
}

function get(context: TwinContext, loaded: { spreadsheet: SpreadsheetRecord; title: string }): Response {
  const query = context.url.searchParams;
  const view = spreadsheetJson(loaded.spreadsheet, loaded.title, { ranges: query.getAll("ranges"), includeGridData: query.get("includeGridData") === "true" });
  return "error" in view ? failure(view.error as { code: number; message: string }) : partialResponse(context, view);
}

function batchUpdate(context: TwinContext, loaded: { spreadsheet: SpreadsheetRecord; title: string }): Response {
  const body = objectBody(context);
  if (body instanceof Response) return body;
  const result = applySheetRequests(loaded.spreadsheet, loaded.title, body.requests, () => newSheetId(context.tenant));
  if ("error" in result) return googleError({ code: 400, message: result.error });
  store(context.tenant, result.spreadsheet, result.title);
  const answer: Json = { spreadsheetId: result.spreadsheet.spreadsheetId, replies: result.replies };
  if (body.includeSpreadsheetInResponse === true) {
    const ranges = Array.isArray(body.responseRanges) ? body.responseRanges.filter((range): range is string => typeof range === "string") : [];
    const view = spreadsheetJson(result.spreadsheet, result.title, { ranges, includeGridData: body.responseIncludeGridData === true });
    if (!("error" in view)) answer.updatedSpreadsheet = view;
  }
  return partialResponse(context, answer);
}

/**
 * `sheets.copyTo`: the sheet, values and formats, appended to another spreadsheet the caller
 * may edit as `Copy of <title>` (numbered when that name is taken). Reading the source is enough.
 */
function copyTo(context: TwinContext, caller: GoogleCaller, source: { spreadsheet: SpreadsheetRecord }, sheetId: number): Response {
  const body = objectBody(context);
  if (body instanceof Response) return body;
  const sheet = source.spreadsheet.sheets.find((candidate) => candidate.properties.sheetId === sheetId);
  if (!sheet) return NOT_FOUND();
  if (typeof body.destinationSpreadsheetId !== "string" || body.destinationSpreadsheetId === "") return googleError({ code: 400, message: "Invalid destinationSpreadsheetId: it is required." });
  const destination = load(context, caller, body.destinationSpreadsheetId, true);
  if (destination instanceof Response) return destination;
  const target = destination.spreadsheet;
  const taken = (title: string) => target.sheets.some((existing) => existing.properties.title.toLowerCase() === title.toLowerCase());
  let title = `Copy of ${sheet.properties.title}`;
  for (let number = 2; taken(title); number++) title = `Copy of ${sheet.properties.title} ${number}`;
  const newId = target.sheets.some((existing) => existing.properties.sheetId === sheet.properties.sheetId) ? newSheetId(context.tenant) : sheet.properties.sheetId;
  const copy: SheetRecord = { properties: { ...sheet.properties, sheetId: newId, title, index: target.sheets.length }, cells: sheet.cells };
  store(context.tenant, { ...target, sheets: [...target.sheets, copy] });
  return partialResponse(context, copy.properties);
}

const VALUES_HANDLERS: Readonly<Record<string, (call: ValuesCall) => ValuesResult>> = {
  "sheets.spreadsheets.values.get": getValues,
  "sheets.spreadsheets.values.update": updateValues,
  "sheets.spreadsheets.values.append": appendValues,
  "sheets.spreadsheets.values.clear": clearValues,
  "sheets.spreadsheets.values.batchGet": batchGetValues,
  "sheets.spreadsheets.values.batchUpdate": batchUpdateValues,
  "sheets.spreadsheets.values.batchClear": batchClearValues,
};

function handle(context: TwinContext, caller: GoogleCaller): Response {
  const matched = route(context.request, context.path);
  if (!matched) return NOT_FOUND();
  if (matched.method === "sheets.spreadsheets.create") return create(context, caller);
  // copyTo reads its source (and writes its destination, checked there).
  const write = !READ_METHODS.has(matched.method) && matched.method !== "sheets.spreadsheets.sheets.copyTo";
  const loaded = load(context, caller, matched.spreadsheetId!, write);
  if (loaded instanceof Response) return loaded;
  if (matched.method === "sheets.spreadsheets.get") return get(context, loaded);
  if (matched.method === "sheets.spreadsheets.batchUpdate") return batchUpdate(context, loaded);
  if (matched.method === "sheets.spreadsheets.sheets.copyTo") return copyTo(context, caller, loaded, Number(matched.range));
  const body = objectBody(context);
  if (body instanceof Response) return body;
  const result = VALUES_HANDLERS[matched.method]!({ spreadsheet: loaded.spreadsheet, query: context.url.searchParams, body, range: matched.range ?? "" });
  if ("error" in result) return failure(result.error);
  if (result.spreadsheet) store(context.tenant, result.spreadsheet);
  return partialResponse(context, result.body);
}

export const sheetsApi: GoogleApiModule = {
  methodOf: (request, path) => route(request, path)?.method,
  handle,
  scopesFor: (method) => (READ_METHODS.has(method) ? READ_SCOPES : WRITE_SCOPES),
  seed: seedSpreadsheets,
};
