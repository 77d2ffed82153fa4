/**
 * `@googleapis/docs` (v1) against the Google twin served on loopback: documents created, read and
 * edited with batchUpdate (indices in UTF-16 code units, replies, write control, atomic batches),
 * access through Drive's sharing, exports through Drive, fixtures, and Docs' errors as the SDK
 * surfaces them. `google-docs-contract.test.ts` checks a session's answers against the discovery
 * document.
 *
 * Each test gets its own twin on the default tenant: the client's `rootUrl` keeps only the origin.
 */
import { docs, type docs_v1 } from "@googleapis/docs";
import { drive, type drive_v3 } from "@googleapis/drive";
import { afterAll, describe, expect, it } from "vitest";
import { createGoogleTwin } from "../../src/twins/google/index.js";
import { type ServedTwin, type Twin, seedTenant, serveTwin } from "../../src/twins/kit/index.js";

const FIXTURE = {
  users: [
    { email: "ana@example.com", displayName: "Ana Alves" },
    { email: "bo@example.com", displayName: "Bo Berg" },
    { email: "cy@example.com", displayName: "Cy Cole" },
  ],
  tokens: [
    { token: "ana-token", user: "ana@example.com" },
    { token: "bo-token", user: "bo@example.com" },
    { token: "cy-token", user: "cy@example.com" },
    { token: "ana-drive-readonly", user: "ana@example.com", scopes: ["https://www.googleapis.com/auth/drive.readonly"] },
  ],
  documents: [{ id: "brief", title: "Brief", owner: "ana@example.com", text: "Hello NAME,\nWelcome aboard." }],
  permissions: [{ file: "brief", type: "user", role: "reader", emailAddress: "bo@example.com" }],
};

const servers: ServedTwin[] = [];
/** Every twin this file served, for the contract replay. */
export const docsSdkTwins = (): Twin[] => servers.map((served) => served.twin);
afterAll(async () => {
  await Promise.all(servers.map((served) => served.close()));
});

interface Session {
  twin: Twin;
  baseUrl: string;
  as(token: string): docs_v1.Docs;
  ana: docs_v1.Docs;
}

async function session(seed = 3): Promise<Session> {
  const twin = createGoogleTwin({ seed });
  seedTenant(twin, twin.tenant(), FIXTURE);
  const served = await serveTwin(twin);
  servers.push(served);
  const as = (token: string) => docs({ version: "v1", rootUrl: `${served.baseUrl}/`, headers: { authorization: `Bearer ${token}` }, retry: false } as docs_v1.Options);
  return { twin, baseUrl: served.baseUrl, as, ana: as("ana-token") };
}

/** Google's error body as the SDK surfaces it. */
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

type Element = docs_v1.Schema$StructuralElement;
const paragraphText = (element: Element) => (element.paragraph?.elements ?? []).map((item) => item.textRun?.content ?? "").join("");
const texts = (document: docs_v1.Schema$Document) => (document.body?.content ?? []).filter((element) => element.paragraph).map(paragraphText);

describe("Docs v1 through @googleapis/docs", () => {
  it("creates a document that is also a Drive file of the caller", async () => {
    const { ana, baseUrl } = await session();
    const created = await ana.documents.create({ requestBody: { title: "Launch plan" } });
    const document = created.data;
    expect(document.title).toBe("Launch plan");
    expect(document.documentId).toMatch(/^1[A-Za-z0-9_-]{43}$/);
    expect(document.revisionId).toBeTruthy();
    expect(document.body?.content).toEqual([
      expect.objectContaining({ endIndex: 1, sectionBreak: expect.any(Object) }),
      expect.objectContaining({ startIndex: 1, endIndex: 2, paragraph: expect.objectContaining({ elements: [{ startIndex: 1, endIndex: 2, textRun: { content: "\n", textStyle: {} } }] }) }),
    ]);
    expect(document.documentStyle?.pageSize?.width).toEqual({ magnitude: 612, unit: "PT" });
    expect(document.namedStyles?.styles?.map((style) => style.namedStyleType)).toContain("HEADING_1");

    const file = await fetch(`${baseUrl}/drive/v3/files/${document.documentId}?fields=name,mimeType,owners(emailAddress)`, { headers: { authorization: "Bearer ana-token" } });
    expect(await file.json()).toEqual({ name: "Launch plan", mimeType: "application/vnd.google-apps.document", owners: [{ emailAddress: "ana@example.com" }] });
    const partial = await ana.documents.get({ documentId: document.documentId!, fields: "title,body.content.endIndex" });
    expect(partial.data).toEqual({ title: "Launch plan", body: { content: [{ endIndex: 1 }, { endIndex: 2 }] } });
    const untitled = await ana.documents.create({ requestBody: {} });
    expect(untitled.data.title).toBe("Untitled document");
  });

  it("edits with batchUpdate: indices, replaceAllText, styles, bullets and tables", async () => {
    const { ana } = await session();
    const { documentId } = (await ana.documents.create({ requestBody: { title: "Notes" } })).data;
    const first = await ana.documents.batchUpdate({
      documentId: documentId!,
      requestBody: {
        requests: [
          { insertText: { location: { index: 1 }, text: "Title\nDear NAME, hi 👋\nitem one\nitem two" } },
          { replaceAllText: { containsText: { text: "name", matchCase: false }, replaceText: "Ada" } },
          { replaceAllText: { containsText: { text: "absent" }, replaceText: "x" } },
          { updateParagraphStyle: { range: { startIndex: 1, endIndex: 6 }, paragraphStyle: { namedStyleType: "HEADING_1" }, fields: "namedStyleType" } },
          { updateTextStyle: { range: { startIndex: 7, endIndex: 11 }, textStyle: { bold: true, link: { url: "https://example.com" } }, fields: "bold,link" } },
        ],
      },
    });
    expect(first.data.documentId).toBe(documentId);
    expect(first.data.replies).toEqual([{}, { replaceAllText: { occurrencesChanged: 1 } }, { replaceAllText: {} }, {}, {}]);
    expect(first.data.writeControl?.requiredRevisionId).toBeTruthy();

    let document = (await ana.documents.get({ documentId: documentId! })).data;
    expect(document.revisionId).toBe(first.data.writeControl?.requiredRevisionId);
    expect(texts(document)).toEqual(["Title\n", "Dear Ada, hi 👋\n", "item one\n", "item two\n"]);
    const [, heading, greeting, itemOne] = document.body!.content!;
    expect(heading!.paragraph?.paragraphStyle?.namedStyleType).toBe("HEADING_1");
    // "Dear Ada, hi " is 13 code units and the emoji 2, so the paragraph ends at 7 + 16.
    expect([greeting!.startIndex, greeting!.endIndex]).toEqual([7, 23]);
    expect(greeting!.paragraph?.elements?.[0]).toEqual({ startIndex: 7, endIndex: 11, textRun: { content: "Dear", textStyle: { bold: true, link: { url: "https://example.com" } } } });

    await ana.documents.batchUpdate({
      documentId: documentId!,
      requestBody: {
        requests: [
          // The table goes after "item two", so the bullets' range below keeps its indices.
          { insertTable: { rows: 2, columns: 3, endOfSegmentLocation: {} } },
          { createParagraphBullets: { range: { startIndex: itemOne!.startIndex!, endIndex: document.body!.content!.at(-1)!.endIndex! - 1 }, bulletPreset: "NUMBERED_DECIMAL_ALPHA_ROMAN" } },
        ],
      },
    });
    document = (await ana.documents.get({ documentId: documentId! })).data;
    const bulleted = document.body!.content!.filter((element) => element.paragraph?.bullet);
    expect(bulleted.map(paragraphText)).toEqual(["item one\n", "item two\n"]);
    const listId = bulleted[0]!.paragraph!.bullet!.listId!;
    expect(document.lists?.[listId]?.listProperties?.nestingLevels?.[0]?.glyphType).toBe("DECIMAL");
    const table = document.body!.content!.find((element) => element.table)!;
    expect(table.table).toMatchObject({ rows: 2, columns: 3 });
    const cell = table.table!.tableRows![1]!.tableCells![2]!;
    await ana.documents.batchUpdate({ documentId: documentId!, requestBody: { requests: [{ insertText: { location: { index: cell.content![0]!.startIndex! }, text: "Total" } }] } });
    document = (await ana.documents.get({ documentId: documentId! })).data;
    const filled = document.body!.content!.find((element) => element.table)!.table!.tableRows![1]!.tableCells![2]!;
    expect(paragraphText(filled.content![0]!)).toBe("Total\n");
    expect(document.body!.content!.at(-1)!.endIndex).toBe(table.endIndex! + 1 + 5);
  });

  it("applies nothing of a batch with a bad request, and says why in Google's words", async () => {
    const { ana } = await session();
    const before = (await ana.documents.get({ documentId: "brief" })).data;
    const refused = await failure(
      ana.documents.batchUpdate({ documentId: "brief", requestBody: { requests: [{ insertText: { location: { index: 1 }, text: "ok " } }, { insertText: { location: { index: 50 }, text: "late" } }] } }),
    );
    expect(refused).toEqual({
      status: 400,
      error: { code: 400, message: "Invalid requests[1].insertText: Index 50 must be less than the end index of the referenced segment, 32.", status: "INVALID_ARGUMENT" },
    });
    const after = (await ana.documents.get({ documentId: "brief" })).data;
    expect(after).toEqual(before);

    const unknown = await failure(ana.documents.batchUpdate({ documentId: "brief", requestBody: { requests: [{ insertTxt: {} } as docs_v1.Schema$Request] } }));
    expect(unknown.error.message).toBe(`Invalid JSON payload received. Unknown name "insertTxt" at 'requests[0]': Cannot find field.`);
    const empty = await failure(ana.documents.batchUpdate({ documentId: "brief", requestBody: { requests: [] } }));
    expect(empty.status).toBe(400);
  });

  it("refuses a stale requiredRevisionId and accepts the current one", async () => {
    const { ana } = await session();
    const { revisionId } = (await ana.documents.get({ documentId: "brief" })).data;
    const edit = (required: string) => ana.documents.batchUpdate({ documentId: "brief", requestBody: { requests: [{ insertText: { location: { index: 1 }, text: "x" } }], writeControl: { requiredRevisionId: required } } });
    const applied = await edit(revisionId!);
    expect(applied.data.writeControl?.requiredRevisionId).not.toBe(revisionId);
    const stale = await failure(edit(revisionId!));
    expect(stale.status).toBe(400);
    expect(stale.error.message).toMatch(/does not match the latest revision/);
  });

  it("opens a document to whoever Drive shares it with, and lets only writers edit", async () => {
    const { as } = await session();
    const shared = await as("bo-token").documents.get({ documentId: "brief" });
    expect(texts(shared.data)).toEqual(["Hello NAME,\n", "Welcome aboard.\n"]);
    const edit = await failure(as("bo-token").documents.batchUpdate({ documentId: "brief", requestBody: { requests: [{ insertText: { location: { index: 1 }, text: "x" } }] } }));
    expect(edit).toEqual({ status: 403, error: { code: 403, message: "The caller does not have permission", status: "PERMISSION_DENIED" } });
    const stranger = await failure(as("cy-token").documents.get({ documentId: "brief" }));
    expect(stranger).toEqual({ status: 404, error: { code: 404, message: "Requested entity was not found.", status: "NOT_FOUND" } });
    const missing = await failure(as("ana-token").documents.get({ documentId: "no-such-document" }));
    expect(missing.status).toBe(404);
    expect((await as("ana-drive-readonly").documents.get({ documentId: "brief" })).data.title).toBe("Brief");
    const readOnly = await failure(as("ana-drive-readonly").documents.create({ requestBody: { title: "x" } }));
    expect(readOnly.status).toBe(403);
  });

  it("opens a document made through Drive as an empty document", async () => {
    const { ana, baseUrl } = await session();
    const made = await fetch(`${baseUrl}/drive/v3/files`, { method: "POST", headers: { authorization: "Bearer ana-token", "content-type": "application/json" }, body: JSON.stringify({ name: "From Drive", mimeType: "application/vnd.google-apps.document" }) });
    const { id } = (await made.json()) as { id: string };
    const document = (await ana.documents.get({ documentId: id })).data;
    expect(document.title).toBe("From Drive");
    expect(document.body?.content?.at(-1)?.endIndex).toBe(2);
    const exported = await fetch(`${baseUrl}/drive/v3/files/${id}/export?mimeType=text/plain`, { headers: { authorization: "Bearer ana-token" } });
    expect(Buffer.from(await exported.arrayBuffer()).toString("utf8")).toBe("\ufeff\r\n");
    await ana.documents.batchUpdate({ documentId: id, requestBody: { requests: [{ insertText: { location: { index: 1 }, text: "filled" } }] } });
    expect(texts((await ana.documents.get({ documentId: id })).data)).toEqual(["filled\n"]);
  });

  it("copies a document through Drive with its content, apart from the original", async () => {
    const { as, baseUrl } = await session();
    const driveAs = (token: string) => drive({ version: "v3", rootUrl: `${baseUrl}/`, headers: { authorization: `Bearer ${token}` }, retry: false } as drive_v3.Options);
    const copy = (await driveAs("ana-token").files.copy({ fileId: "brief", requestBody: { name: "Brief for Bo" } })).data;
    const copied = (await as("ana-token").documents.get({ documentId: copy.id! })).data;
    expect(copied.title).toBe("Brief for Bo");
    expect(copied.documentId).toBe(copy.id);
    expect(texts(copied)).toEqual(["Hello NAME,\n", "Welcome aboard.\n"]);
    await as("ana-token").documents.batchUpdate({ documentId: copy.id!, requestBody: { requests: [{ replaceAllText: { containsText: { text: "NAME", matchCase: true }, replaceText: "Bo" } }] } });
    expect(texts((await as("ana-token").documents.get({ documentId: copy.id! })).data)).toEqual(["Hello Bo,\n", "Welcome aboard.\n"]);
    expect(texts((await as("ana-token").documents.get({ documentId: "brief" })).data)).toEqual(["Hello NAME,\n", "Welcome aboard.\n"]);
    // A reader may copy too: the copy is theirs, content included.
    const bosCopy = (await driveAs("bo-token").files.copy({ fileId: "brief" })).data;
    expect(texts((await as("bo-token").documents.get({ documentId: bosCopy.id! })).data)).toEqual(["Hello NAME,\n", "Welcome aboard.\n"]);
  });

  it("gives the content in a tab with includeTabsContent", async () => {
    const { ana } = await session();
    const document = (await ana.documents.get({ documentId: "brief", includeTabsContent: true })).data;
    expect(document.body).toBeUndefined();
    expect(document.tabs?.[0]?.tabProperties).toEqual({ tabId: "t.0", title: "Tab 1", index: 0 });
    expect(document.tabs?.[0]?.documentTab?.body?.content?.length).toBe(3);
  });

  it("exports through Drive as plain text and HTML", async () => {
    const { ana, baseUrl } = await session();
    await ana.documents.batchUpdate({ documentId: "brief", requestBody: { requests: [{ updateTextStyle: { range: { startIndex: 1, endIndex: 6 }, textStyle: { bold: true }, fields: "bold" } }] } });
    const exported = (mimeType: string) => fetch(`${baseUrl}/drive/v3/files/brief/export?mimeType=${encodeURIComponent(mimeType)}`, { headers: { authorization: "Bearer ana-token" } });
    const text = await exported("text/plain");
    expect(text.status).toBe(200);
    // Google's text export starts with a UTF-8 byte order mark (which text() would drop).
    const bytes = Buffer.from(await text.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString("utf8")).toBe("Hello NAME,\r\nWelcome aboard.\r\n");
    const html = await (await exported("text/html")).text();
    expect(html).toContain("<p><b>Hello</b> NAME,</p><p>Welcome aboard.</p>");
  });

  it("refuses a fixture document with a bad field, naming it", async () => {
    const twin = createGoogleTwin();
    expect(() => seedTenant(twin, twin.tenant(), { users: [{ email: "ana@example.com" }], documents: [{ title: "No owner" }] })).toThrow("documents[0].owner: required");
  });
});
