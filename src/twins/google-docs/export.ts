/**
 * Drive's `files.export` of a Google document: `text/plain` (a byte order mark, then the body's text with CRLF line ends, tables' cells in
 * order, a newline per paragraph) and `text/html` (paragraphs, headings, bold/italic/underline,
 * links and tables). Other formats (docx, pdf) are undefined: Drive answers them as unsupported.
 */
import type { TenantState } from "../kit/index.js";
import { getWorkspaceFile, GOOGLE_DOCUMENT_MIME } from "../google-common/workspace-files.js";
import { documentOrEmpty, plainText } from "./model.js";
import { bodyContent } from "./structure.js";

type Json = Record<string, unknown>;

const HEADING_TAGS: Readonly<Record<string, string>> = { TITLE: "h1", SUBTITLE: "h2", HEADING_1: "h1", HEADING_2: "h2", HEADING_3: "h3", HEADING_4: "h4", HEADING_5: "h5", HEADING_6: "h6" };

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function runHtml(run: Json): string {
  const style = (run.textStyle ?? {}) as Json;
  let html = escapeHtml(String(run.content ?? "").replace(/\n$/, ""));
  if (html === "") return "";
  if (style.bold === true) html = `<b>${html}</b>`;
  if (style.italic === true) html = `<i>${html}</i>`;
  if (style.underline === true) html = `<u>${html}</u>`;
  if (style.strikethrough === true) html = `<s>${html}</s>`;
  const link = style.link as Json | undefined;
  if (typeof link?.url === "string") html = `<a href="${escapeHtml(link.url)}">${html}</a>`;
  return html;
}

function contentHtml(content: Json[]): string {
  let html = "";
  for (const element of content) {
    const paragraph = element.paragraph as Json | undefined;
    const table = element.table as Json | undefined;
    if (paragraph) {
      const style = paragraph.paragraphStyle as Json;
      const tag = HEADING_TAGS[String(style.namedStyleType)] ?? (paragraph.bullet ? "li" : "p");
      const inner = (paragraph.elements as Json[]).map((item) => (item.textRun ? runHtml(item.textRun as Json) : "")).join("");
      html += `<${tag}>${inner}</${tag}>`;
    } else if (table) {
      const rows = (table.tableRows as Json[]).map((row) => `<tr>${(row.tableCells as Json[]).map((cell) => `<td>${contentHtml(cell.content as Json[])}</td>`).join("")}</tr>`);
      html += `<table>${rows.join("")}</table>`;
    }
  }
  return html;
}

export function exportDocument(state: TenantState, id: string, mimeType: string): { body: string; contentType: string } | undefined {
  // A document made through Drive and never opened exports as the empty document it is.
  if (getWorkspaceFile(state, id)?.mimeType !== GOOGLE_DOCUMENT_MIME) return undefined;
  const { document } = documentOrEmpty(state, id);
  // Google's plain-text export starts with a byte order mark and ends lines with CRLF.
  if (mimeType === "text/plain") return { body: `\ufeff${plainText(document.units).replace(/\n/g, "\r\n")}`, contentType: "text/plain; charset=utf-8" };
  if (mimeType === "text/html") {
    const body = `<html><head><meta content="text/html; charset=UTF-8" http-equiv="content-type"></head><body>${contentHtml(bodyContent(document.units))}</body></html>`;
    return { body, contentType: "text/html; charset=utf-8" };
  }
  return undefined;
}
