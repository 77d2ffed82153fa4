/**
 * Every Docs response the Google twin gave in the SDK suite (replayed here) and in the scripted
 * session below is checked against Google's discovery document,
 * `vendor/apis/google/docs-v1.discovery.json`, with `discoveryValidator` (google-common): 2xx
 * bodies against the method's response schema, closed (no field the description lacks), and
 * error bodies against Docs' error shape (`{code, message, status}`, no `errors[]`). Also:
 * determinism, the same seed and requests giving the same bytes.
 */
import { describe, expect, it } from "vitest";
import { createGoogleTwin } from "../../src/twins/google/index.js";
import { type Twin, seedTenant } from "../../src/twins/kit/index.js";
import { loggedResponseChecker } from "./google-logged-responses.js";
import { docsSdkTwins } from "./google-docs-sdk.test.js";

const problemsOf = loggedResponseChecker("docs-v1.discovery.json", "docs.");

const FIXTURE = {
  users: [{ email: "ana@example.com" }],
  tokens: [{ token: "ana-token", user: "ana@example.com" }],
  documents: [{ id: "seeded", title: "Seeded", owner: "ana@example.com", text: "one\ntwo" }],
};

/** A session that touches every supported request kind and the common errors. */
async function scriptedSession(twin: Twin): Promise<string[]> {
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await twin.fetch(new Request(`http://google.test${path}`, { method, headers: { authorization: "Bearer ana-token", "content-type": "application/json" }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }));
    return { status: response.status, text: await response.text() };
  };
  const answers: string[] = [];
  const created = await call("POST", "/v1/documents", { title: "Contract" });
  answers.push(created.text);
  const id = (JSON.parse(created.text) as { documentId: string }).documentId;
  const batch = (requests: unknown[], extra: Record<string, unknown> = {}) => call("POST", `/v1/documents/${id}:batchUpdate`, { requests, ...extra });
  const steps = [
    await batch([{ insertText: { location: { index: 1 }, text: "Heading\nbody text\n\tnested\nlast" } }]),
    await batch([
      { updateParagraphStyle: { range: { startIndex: 1, endIndex: 2 }, paragraphStyle: { namedStyleType: "HEADING_2", alignment: "CENTER" }, fields: "namedStyleType,alignment" } },
      { updateTextStyle: { range: { startIndex: 9, endIndex: 13 }, textStyle: { italic: true, fontSize: { magnitude: 14, unit: "PT" }, foregroundColor: { color: { rgbColor: { red: 1 } } } }, fields: "italic,fontSize,foregroundColor" } },
      { createParagraphBullets: { range: { startIndex: 9, endIndex: 27 }, bulletPreset: "BULLET_DISC_CIRCLE_SQUARE" } },
      { replaceAllText: { containsText: { text: "body" }, replaceText: "Body" } },
      { insertTable: { rows: 2, columns: 2, endOfSegmentLocation: {} } },
    ]),
    await call("GET", `/v1/documents/${id}`),
    await call("GET", `/v1/documents/${id}?includeTabsContent=true`),
    await batch([{ insertTableRow: { tableCellLocation: { tableStartLocation: { index: 31 }, rowIndex: 0 }, insertBelow: true } }, { deleteParagraphBullets: { range: { startIndex: 9, endIndex: 10 } } }]),
    await batch([{ deleteTableRow: { tableCellLocation: { tableStartLocation: { index: 31 }, rowIndex: 1 } } }, { deleteContentRange: { range: { startIndex: 1, endIndex: 4 } } }]),
    await call("GET", `/v1/documents/${id}`),
    await batch([{ insertPageBreak: { location: { index: 2 } } }, { updateDocumentStyle: { documentStyle: { pageSize: { width: { magnitude: 595, unit: "PT" } }, marginLeft: { magnitude: 50, unit: "PT" } }, fields: "pageSize,marginLeft" } }]),
    await batch([{ insertTableColumn: { tableCellLocation: { tableStartLocation: { index: 30 }, rowIndex: 0, columnIndex: 0 } } }, { deleteTableColumn: { tableCellLocation: { tableStartLocation: { index: 30 }, rowIndex: 0, columnIndex: 2 } } }]),
    await call("GET", `/v1/documents/${id}?fields=body(content(paragraph(elements(pageBreak,endIndex))))`),
    await batch([{ insertText: { location: { index: 999 }, text: "x" } }]),
    await batch([{ insertInlineImage: { location: { index: 1 }, uri: "https://example.com/a.png" } }]),
    await batch([{ insertText: { location: { index: 1 }, text: "x" } }], { writeControl: { requiredRevisionId: "stale" } }),
    await call("GET", "/v1/documents/seeded"),
    await call("GET", "/v1/documents/missing"),
    await call("POST", "/v1/documents", "not an object"),
  ];
  answers.push(...steps.map((step) => `${step.status} ${step.text}`));
  return answers;
}

describe("Docs v1 responses against the discovery document", () => {
  it("answers a scripted session with bodies that match the discovery schemas", async () => {
    const twin = createGoogleTwin({ seed: 11 });
    seedTenant(twin, twin.tenant(), FIXTURE);
    const answers = await scriptedSession(twin);
    const log = twin.tenant().log;
    expect(log.filter((entry) => entry.method.startsWith("docs.")).length).toBeGreaterThan(12);
    expect(log.filter((entry) => entry.status >= 400).map((entry) => entry.status)).toEqual([400, 400, 400, 404, 400]);
    expect(problemsOf(log)).toEqual([]);
    // The table row edits landed where the indices said.
    const final = JSON.parse(answers[7]!.slice(4)) as { body: { content: { table?: { rows: number } }[] } };
    expect(final.body.content.find((element) => element.table)?.table?.rows).toBe(2);
  });

  it("answered the SDK suite with bodies that match the discovery schemas", () => {
    const entries = docsSdkTwins().flatMap((twin) => twin.tenants().flatMap((tenant) => tenant.log));
    expect(entries.filter((entry) => entry.method.startsWith("docs.")).length).toBeGreaterThan(20);
    expect(problemsOf(entries)).toEqual([]);
  });

  it("gives the same bytes for the same seed and requests", async () => {
    const run = async () => {
      const twin = createGoogleTwin({ seed: 11 });
      seedTenant(twin, twin.tenant(), FIXTURE);
      return scriptedSession(twin);
    };
    expect(await run()).toEqual(await run());
  });
});
