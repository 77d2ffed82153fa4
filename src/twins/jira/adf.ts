/**
 * Atlassian Document Format: the rich-text value of descriptions, comment bodies, environment and
 * multi-line custom fields in REST v3. Bodies are validated (a `doc` of version 1 with a `content`
 * array of typed nodes) and kept exactly as given; plain text and HTML are derived for JQL text
 * search and `renderedFields`. Wiki-markup strings sent to the v2 endpoints become documents.
 */
import { isObject } from "./errors.js";

export interface AdfNode {
  type: string;
  text?: string;
  content?: AdfNode[];
  attrs?: Record<string, unknown>;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
}

export interface Adf {
  type: "doc";
  version: 1;
  content: AdfNode[];
}

export const ADF_REQUIRED = "Operation value must be an Atlassian Document (see the Atlassian Document Format)";

const MAX_DEPTH = 64;

/** Where a value fails to be an ADF node, or undefined when it is one. */
function nodeProblem(node: unknown, path: string, depth: number): string | undefined {
  if (depth > MAX_DEPTH) return `${path}: nested too deeply`;
  if (!isObject(node)) return `${path}: expected a node object`;
  if (typeof node["type"] !== "string" || node["type"] === "") return `${path}.type: expected a string`;
  if (node["type"] === "text" && typeof node["text"] !== "string") return `${path}.text: expected a string`;
  if (node["attrs"] !== undefined && !isObject(node["attrs"])) return `${path}.attrs: expected an object`;
  if (node["marks"] !== undefined) {
    if (!Array.isArray(node["marks"])) return `${path}.marks: expected an array`;
    for (const [index, mark] of node["marks"].entries()) {
      if (!isObject(mark) || typeof mark["type"] !== "string") return `${path}.marks[${index}]: expected a mark with a type`;
    }
  }
  if (node["content"] !== undefined) {
    if (!Array.isArray(node["content"])) return `${path}.content: expected an array`;
    for (const [index, child] of node["content"].entries()) {
      const problem = nodeProblem(child, `${path}.content[${index}]`, depth + 1);
      if (problem) return problem;
    }
  }
  return undefined;
}

/** Undefined when `value` is an ADF document, else what is wrong with it. */
export function adfProblem(value: unknown): string | undefined {
  if (!isObject(value)) return "expected a document object";
  if (value["type"] !== "doc") return "type: expected \"doc\"";
  if (value["version"] !== 1) return "version: expected 1";
  if (!Array.isArray(value["content"])) return "content: expected an array";
  for (const [index, child] of value["content"].entries()) {
    const problem = nodeProblem(child, `content[${index}]`, 1);
    if (problem) return problem;
  }
  return undefined;
}

export function isAdf(value: unknown): value is Adf {
  return adfProblem(value) === undefined;
}

const BLOCKS = new Set(["paragraph", "heading", "blockquote", "codeBlock", "listItem", "bulletList", "orderedList", "panel", "rule", "table", "tableRow", "tableCell", "tableHeader", "mediaSingle", "taskList", "taskItem", "decisionList", "decisionItem", "expand"]);

function inlineText(node: AdfNode): string {
  switch (node.type) {
    case "text":
      return node.text ?? "";
    case "hardBreak":
      return "\n";
    case "mention":
    case "emoji":
    case "status":
      return String(node.attrs?.["text"] ?? node.attrs?.["shortName"] ?? "");
    case "inlineCard":
      return String(node.attrs?.["url"] ?? "");
    case "date":
      return String(node.attrs?.["timestamp"] ?? "");
    default:
      return (node.content ?? []).map(inlineText).join("");
  }
}

function blockLines(node: AdfNode, lines: string[]): void {
  const children = node.content ?? [];
  if (children.some((child) => BLOCKS.has(child.type))) {
    for (const child of children) {
      if (BLOCKS.has(child.type)) blockLines(child, lines);
      else lines.push(inlineText(child));
    }
    return;
  }
  lines.push(inlineText(node));
}

/** The document's text, one line per block: what JQL `~` searches and what webhooks summarize. */
export function adfToText(document: Adf | null | undefined): string {
  if (!document) return "";
  const lines: string[] = [];
  for (const block of document.content) blockLines(block, lines);
  return lines.join("\n");
}

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const MARK_TAGS: Record<string, string> = { strong: "b", em: "em", code: "code", strike: "del", underline: "ins" };

function htmlOf(node: AdfNode): string {
  const inner = () => (node.content ?? []).map(htmlOf).join("");
  switch (node.type) {
    case "text": {
      let html = escapeHtml(node.text ?? "");
      for (const mark of node.marks ?? []) {
        if (mark.type === "link") html = `<a href="${escapeHtml(String(mark.attrs?.["href"] ?? ""))}">${html}</a>`;
        else if (MARK_TAGS[mark.type]) html = `<${MARK_TAGS[mark.type]}>${html}</${MARK_TAGS[mark.type]}>`;
      }
      return html;
    }
    case "paragraph":
      return `<p>${inner()}</p>`;
    case "heading": {
      const level = Math.min(6, Math.max(1, Number(node.attrs?.["level"] ?? 1) || 1));
      return `<h${level}>${inner()}</h${level}>`;
    }
    case "bulletList":
      return `<ul>${inner()}</ul>`;
    case "orderedList":
      return `<ol>${inner()}</ol>`;
    case "listItem":
      return `<li>${inner()}</li>`;
    case "blockquote":
      return `<blockquote>${inner()}</blockquote>`;
    case "codeBlock":
      return `<pre>${inner()}</pre>`;
    case "rule":
      return "<hr/>";
    case "hardBreak":
      return "<br/>";
    default:
      return node.content ? inner() : escapeHtml(inlineText(node));
  }
}

/** HTML for `renderedFields` and `renderedBody`. */
export function adfToHtml(document: Adf | null | undefined): string | null {
  return document ? document.content.map(htmlOf).join("") : null;
}

/** A document of one paragraph per line: what Jira stores for plain text. */
export function textToAdf(text: string): Adf {
  const content: AdfNode[] = text.split(/\r?\n/).map((line) => (line === "" ? { type: "paragraph", content: [] } : { type: "paragraph", content: [{ type: "text", text: line }] }));
  return { type: "doc", version: 1, content };
}

/** Wiki markup (v2 endpoints) to ADF: headings `h1.`..`h6.` and paragraphs; other markup stays text. */
export function wikiToAdf(markup: string): Adf {
  const content: AdfNode[] = [];
  for (const line of markup.split(/\r?\n/)) {
    const heading = /^h([1-6])\.\s+(.*)$/.exec(line);
    if (heading) content.push({ type: "heading", attrs: { level: Number(heading[1]) }, content: [{ type: "text", text: heading[2]! }] });
    else if (line.trim() !== "") content.push({ type: "paragraph", content: [{ type: "text", text: line }] });
  }
  return { type: "doc", version: 1, content };
}
