import { describe, expect, it } from "vitest";
import { adfProblem, adfToHtml, adfToText, isAdf, textToAdf, wikiToAdf } from "./adf.js";

const doc = (...content: unknown[]) => ({ type: "doc", version: 1, content });

describe("Atlassian Document Format", () => {
  it("accepts documents and names what is wrong with anything else", () => {
    expect(isAdf(doc({ type: "paragraph", content: [{ type: "text", text: "hi", marks: [{ type: "strong" }] }] }))).toBe(true);
    expect(isAdf(doc())).toBe(true);
    expect(adfProblem("plain text")).toBe("expected a document object");
    expect(adfProblem({ type: "doc", version: 2, content: [] })).toBe("version: expected 1");
    expect(adfProblem({ type: "doc", version: 1 })).toBe("content: expected an array");
    expect(adfProblem(doc({ type: "paragraph", content: [{ type: "text" }] }))).toBe("content[0].content[0].text: expected a string");
    expect(adfProblem(doc({ content: [] }))).toBe("content[0].type: expected a string");
    expect(adfProblem(doc({ type: "text", text: "x", marks: {} }))).toBe("content[0].marks: expected an array");
    let deep: Record<string, unknown> = { type: "text", text: "x" };
    for (let index = 0; index < 100; index += 1) deep = { type: "blockquote", content: [deep] };
    expect(adfProblem(doc(deep))).toMatch(/nested too deeply/);
  });

  it("derives the plain text one block per line, and HTML", () => {
    const document = doc(
      { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Title" }] },
      { type: "paragraph", content: [{ type: "text", text: "plain " }, { type: "text", text: "bold", marks: [{ type: "strong" }] }, { type: "hardBreak" }, { type: "mention", attrs: { text: "@Alice" } }] },
      { type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "one" }] }] }] },
    );
    expect(adfToText(document as never)).toBe("Title\nplain bold\n@Alice\none");
    expect(adfToHtml(document as never)).toBe("<h2>Title</h2><p>plain <b>bold</b><br/>@Alice</p><ul><li><p>one</p></li></ul>");
    expect(adfToHtml(doc({ type: "paragraph", content: [{ type: "text", text: "<a>", marks: [{ type: "link", attrs: { href: "https://x.test/?a=1&b=2" } }] }] }) as never)).toBe('<p><a href="https://x.test/?a=1&amp;b=2">&lt;a&gt;</a></p>');
    expect(adfToText(null)).toBe("");
  });

  it("turns text and wiki markup into documents", () => {
    expect(textToAdf("a\n\nb")).toEqual(doc({ type: "paragraph", content: [{ type: "text", text: "a" }] }, { type: "paragraph", content: [] }, { type: "paragraph", content: [{ type: "text", text: "b" }] }));
    expect(wikiToAdf("h1. Big\n\nbody")).toEqual(doc({ type: "heading", attrs: { level: 1 }, content: [{ type: "text", text: "Big" }] }, { type: "paragraph", content: [{ type: "text", text: "body" }] }));
  });
});
