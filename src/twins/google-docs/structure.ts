/**
 * The document as Docs v1 returns it, computed from the flat units (model.ts): `body.content`
 * of structural elements with `startIndex`/`endIndex` (a section break first, paragraphs whose
 * `elements` are text runs of equal style, tables of rows of cells), `lists`, `documentStyle`
 * and `namedStyles`. Google leaves zero values out of its JSON, so the section break has no
 * `startIndex`.
 */
import type { DocumentRecord, ParagraphStyle, TextStyle, Unit } from "./model.js";

type Json = Record<string, unknown>;

const PT = (magnitude: number) => ({ magnitude, unit: "PT" });

const DOCUMENT_STYLE: Json = {
  background: { color: {} },
  pageNumberStart: 1,
  marginTop: PT(72),
  marginBottom: PT(72),
  marginRight: PT(72),
  marginLeft: PT(72),
  pageSize: { height: PT(792), width: PT(612) },
  marginHeader: PT(36),
  marginFooter: PT(36),
  useCustomHeaderFooterMargins: true,
  documentFormat: { documentMode: "PAGES" },
};

const HEADING_SIZES: ReadonlyArray<[string, number]> = [
  ["TITLE", 26],
  ["SUBTITLE", 15],
  ["HEADING_1", 20],
  ["HEADING_2", 16],
  ["HEADING_3", 14],
  ["HEADING_4", 12],
  ["HEADING_5", 11],
  ["HEADING_6", 11],
];

function namedStyles(): Json {
  const normal = {
    namedStyleType: "NORMAL_TEXT",
    textStyle: { bold: false, italic: false, underline: false, strikethrough: false, smallCaps: false, fontSize: PT(11), weightedFontFamily: { fontFamily: "Arial", weight: 400 }, baselineOffset: "NONE" },
    paragraphStyle: { namedStyleType: "NORMAL_TEXT", alignment: "START", lineSpacing: 115, direction: "LEFT_TO_RIGHT", spacingMode: "COLLAPSE_LISTS", spaceAbove: { unit: "PT" }, spaceBelow: { unit: "PT" } },
  };
  const headings = HEADING_SIZES.map(([namedStyleType, size]) => ({
    namedStyleType,
    textStyle: { fontSize: PT(size) },
    paragraphStyle: { namedStyleType, direction: "LEFT_TO_RIGHT", keepWithNext: true },
  }));
  return { styles: [normal, ...headings] };
}

function paragraphStyleOf(style: ParagraphStyle): Json {
  return { namedStyleType: "NORMAL_TEXT", direction: "LEFT_TO_RIGHT", ...style };
}

const styleKeys = new WeakMap<object, string>();
function styleKey(style: TextStyle): string {
  let key = styleKeys.get(style);
  if (key === undefined) {
    key = JSON.stringify(style);
    styleKeys.set(style, key);
  }
  return key;
}

function withStart(start: number, element: Json): Json {
  return start === 0 ? element : { startIndex: start, ...element };
}

interface Cursor {
  units: readonly Unit[];
  index: number;
}

/** One paragraph from the cursor to its newline (inclusive). */
function readParagraph(cursor: Cursor): Json {
  const { units } = cursor;
  const start = cursor.index;
  const elements: Json[] = [];
  let runStart = start;
  let runText = "";
  let runStyle: TextStyle | undefined;
  let closing: Extract<Unit, { kind: "newline" }> | undefined;
  const flush = (end: number) => {
    if (runStyle === undefined) return;
    elements.push(withStart(runStart, { endIndex: end, textRun: { content: runText, textStyle: runStyle } }));
  };
  while (cursor.index < units.length) {
    const unit = units[cursor.index]!;
    if (unit.kind === "pageBreak") {
      flush(cursor.index);
      runStyle = undefined;
      elements.push(withStart(cursor.index, { endIndex: cursor.index + 1, pageBreak: { textStyle: unit.style } }));
      cursor.index += 1;
      continue;
    }
    if (unit.kind !== "text" && unit.kind !== "newline") break;
    if (runStyle === undefined || styleKey(runStyle) !== styleKey(unit.style)) {
      flush(cursor.index);
      runStart = cursor.index;
      runText = "";
      runStyle = unit.style;
    }
    runText += unit.kind === "text" ? unit.text : "\n";
    cursor.index += 1;
    if (unit.kind === "newline") {
      closing = unit;
      break;
    }
  }
  flush(cursor.index);
  const paragraph: Json = { elements, paragraphStyle: paragraphStyleOf(closing?.paragraph ?? {}) };
  if (closing?.bullet) {
    paragraph.bullet = { listId: closing.bullet.listId, ...(closing.bullet.nestingLevel > 0 ? { nestingLevel: closing.bullet.nestingLevel } : {}), textStyle: { underline: false } };
  }
  return withStart(start, { endIndex: cursor.index, paragraph });
}

function readTable(cursor: Cursor): Json {
  const { units } = cursor;
  const start = cursor.index;
  const columns = (units[start] as Extract<Unit, { kind: "tableStart" }>).columns;
  cursor.index += 1;
  const tableRows: Json[] = [];
  while (cursor.index < units.length && units[cursor.index]!.kind === "rowStart") {
    const rowStart = cursor.index;
    cursor.index += 1;
    const tableCells: Json[] = [];
    while (cursor.index < units.length && units[cursor.index]!.kind === "cellStart") {
      const cellStart = cursor.index;
      cursor.index += 1;
      const content = readContent(cursor);
      tableCells.push({
        startIndex: cellStart,
        endIndex: cursor.index,
        content,
        tableCellStyle: { rowSpan: 1, columnSpan: 1, backgroundColor: {}, paddingLeft: PT(5), paddingRight: PT(5), paddingTop: PT(5), paddingBottom: PT(5), contentAlignment: "TOP" },
      });
    }
    tableRows.push({ startIndex: rowStart, endIndex: cursor.index, tableCells, tableRowStyle: { minRowHeight: { unit: "PT" } } });
  }
  if (units[cursor.index]?.kind === "tableEnd") cursor.index += 1;
  const table = {
    rows: tableRows.length,
    columns,
    tableRows,
    tableStyle: { tableColumnProperties: Array.from({ length: columns }, () => ({ widthType: "EVENLY_DISTRIBUTED" })) },
  };
  return { startIndex: start, endIndex: cursor.index, table };
}

/** Structural elements until the end or a marker that closes the enclosing cell. */
function readContent(cursor: Cursor): Json[] {
  const content: Json[] = [];
  while (cursor.index < cursor.units.length) {
    const unit = cursor.units[cursor.index]!;
    if (unit.kind === "rowStart" || unit.kind === "cellStart" || unit.kind === "tableEnd") break;
    if (unit.kind === "sectionBreak") {
      content.push(withStart(cursor.index, { endIndex: cursor.index + 1, sectionBreak: { sectionStyle: { columnSeparatorStyle: "NONE", contentDirection: "LEFT_TO_RIGHT", sectionType: "CONTINUOUS" } } }));
      cursor.index += 1;
    } else if (unit.kind === "tableStart") {
      content.push(readTable(cursor));
    } else {
      content.push(readParagraph(cursor));
    }
  }
  return content;
}

export function bodyContent(units: readonly Unit[]): Json[] {
  return readContent({ units, index: 0 });
}

const NUMBERED = /^NUMBERED_/;

function listJson(preset: string): Json {
  const numbered = NUMBERED.test(preset);
  const nestingLevels = Array.from({ length: 9 }, (_, level) => ({
    bulletAlignment: "START",
    ...(numbered ? { glyphType: ["DECIMAL", "ALPHA", "ROMAN"][level % 3], glyphFormat: `%${level}.` } : { glyphSymbol: ["●", "○", "■"][level % 3], glyphFormat: `%${level}` }),
    indentFirstLine: PT(18 + 36 * level),
    indentStart: PT(36 + 36 * level),
    textStyle: { underline: false },
    startNumber: 1,
  }));
  return { listProperties: { nestingLevels } };
}

/** The parts shared by the legacy single-tab view and a tab's `documentTab`. */
function tabContent(document: DocumentRecord): Json {
  const content: Json = { body: { content: bodyContent(document.units) }, documentStyle: { ...DOCUMENT_STYLE, ...document.documentStyle }, namedStyles: namedStyles() };
  const listIds = Object.keys(document.lists);
  if (listIds.length > 0) content.lists = Object.fromEntries(listIds.map((id) => [id, listJson(document.lists[id]!.preset)]));
  return content;
}

/**
 * `documents.get`: with `includeTabsContent` the content moves into `tabs[0].documentTab` (the
 * twin's documents have one tab, `t.0`), as Google does for tab-aware clients.
 */
export function documentJson(document: DocumentRecord, title: string, { includeTabsContent = false }: { includeTabsContent?: boolean } = {}): Json {
  const head = { title, documentId: document.documentId };
  const tail = { revisionId: document.revisionId, suggestionsViewMode: "SUGGESTIONS_INLINE" };
  if (includeTabsContent) {
    return { ...head, tabs: [{ tabProperties: { tabId: "t.0", title: "Tab 1", index: 0 }, documentTab: tabContent(document) }], ...tail };
  }
  return { ...head, ...tabContent(document), ...tail };
}
