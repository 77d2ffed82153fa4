/**
 * `@googleapis/drive` (v3) against the Google twin served on loopback: files, folders, uploads,
 * `fields`, the `q` language and paging, updates, copies, trash, sharing and access, exports of
 * Docs and Sheets, revisions, about, and Google's errors as the SDK surfaces them.
 * `google-drive-contract.test.ts` replays this file and checks every response against the
 * discovery document.
 *
 * Each test gets its own twin on the default tenant: the client's global `rootUrl` keeps only the
 * origin (googleapis-common resolves paths against it), so a `/t/{tenant}` prefix would be lost.
 */
import { auth as googleAuth, drive, type drive_v3 } from "@googleapis/drive";
import { Readable } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { createGoogleTwin } from "../../src/twins/google/index.js";
import { type ServedTwin, type Twin, serveTwin, seedTenant } from "../../src/twins/kit/index.js";

const FOLDER = "application/vnd.google-apps.folder";
const DOCUMENT = "application/vnd.google-apps.document";
const SPREADSHEET = "application/vnd.google-apps.spreadsheet";
const AUTH = "https://www.googleapis.com/auth/";

const FIXTURE = {
  users: [
    { email: "ana@example.com", displayName: "Ana Alves" },
    { email: "bo@example.com", displayName: "Bo Berg" },
    { email: "cy@other.org", displayName: "Cy Cole" },
    { email: "dee@example.com", displayName: "Dee Diaz", groups: ["team@example.com"] },
  ],
  tokens: [
    { token: "ana-token", refreshToken: "ana-refresh", user: "ana@example.com" },
    { token: "bo-token", user: "bo@example.com" },
    { token: "cy-token", user: "cy@other.org" },
    { token: "dee-token", user: "dee@example.com" },
    { token: "ana-readonly", user: "ana@example.com", scopes: [`${AUTH}drive.readonly`] },
    { token: "ana-metadata", user: "ana@example.com", scopes: [`${AUTH}drive.metadata.readonly`] },
    { token: "ana-short", user: "ana@example.com", expiresInSeconds: 60 },
  ],
  folders: [{ id: "reports", name: "Reports", owner: "ana@example.com" }],
  files: [
    { id: "q3", name: "Q3 numbers.txt", mimeType: "text/plain", parents: ["reports"], owner: "ana@example.com", content: "revenue grew by 42 percent" },
    { id: "plan", name: "plan.md", mimeType: "text/markdown", owner: "ana@example.com", content: "# Plan", starred: true },
  ],
};

const servers: ServedTwin[] = [];
/** Every twin this file served, for the contract replay. */
export const googleSdkTwins = (): Twin[] => servers.map((served) => served.twin);

afterAll(async () => {
  await Promise.all(servers.map((served) => served.close()));
});

interface Session {
  twin: Twin;
  rootUrl: string;
  /** A Drive client for a token of the fixture. */
  as(token: string): drive_v3.Drive;
  ana: drive_v3.Drive;
  raw(method: string, path: string, init?: { token?: string; body?: string | Uint8Array; headers?: Record<string, string> }): Promise<Response>;
}

async function session(seed = 7): Promise<Session> {
  const twin = createGoogleTwin({ seed });
  seedTenant(twin, twin.tenant(), FIXTURE);
  const served = await serveTwin(twin);
  servers.push(served);
  const rootUrl = `${served.baseUrl}/`;
  const as = (token: string) => drive({ version: "v3", rootUrl, headers: { authorization: `Bearer ${token}` }, retry: false } as drive_v3.Options);
  return {
    twin,
    rootUrl,
    as,
    ana: as("ana-token"),
    raw: (method, path, init = {}) =>
      fetch(`${served.baseUrl}${path}`, { method, headers: { authorization: `Bearer ${init.token ?? "ana-token"}`, ...init.headers }, ...(init.body !== undefined ? { body: init.body } : {}) }),
  };
}

interface GoogleErrorShape {
  status: number;
  code: number;
  reason: string | undefined;
  message: string;
}

/** What the SDK threw, as Google's error body says it. */
async function failure(promise: Promise<unknown>): Promise<GoogleErrorShape> {
  try {
    await promise;
  } catch (error) {
    const response = (error as { response?: { status: number; data: { error: { code: number; message: string; errors?: { reason: string }[] } } } }).response;
    if (!response) throw error;
    return { status: response.status, code: response.data.error.code, reason: response.data.error.errors?.[0]?.reason, message: response.data.error.message };
  }
  throw new Error("expected the call to fail");
}

const names = (files: drive_v3.Schema$File[] | undefined) => (files ?? []).map((file) => file.name);

describe("Drive v3 through @googleapis/drive", () => {
  it("creates folders and files with metadata, media and multipart uploads, and downloads them", async () => {
    const { ana, rootUrl } = await session();
    const folder = await ana.files.create({ requestBody: { name: "Inbox", mimeType: FOLDER }, fields: "id,name,mimeType,parents" });
    expect(folder.data).toMatchObject({ name: "Inbox", mimeType: FOLDER });
    const about = await ana.about.get({ fields: "user(emailAddress)" });
    expect(about.data.user?.emailAddress).toBe("ana@example.com");
    const root = await ana.files.get({ fileId: "root", fields: "id,name" });
    expect(folder.data.parents).toEqual([root.data.id]);
    expect(root.data.name).toBe("My Drive");

    const metadataOnly = await ana.files.create({ requestBody: { name: "empty.txt", mimeType: "text/plain", parents: [folder.data.id!] } });
    expect(Object.keys(metadataOnly.data).sort()).toEqual(["id", "kind", "mimeType", "name"]);

    const bytes = Buffer.from([0, 255, 13, 10, 45, 45, 1, 2, 3]);
    const multipart = await ana.files.create(
      { requestBody: { name: "blob.bin", parents: [folder.data.id!], description: "binary" }, media: { mimeType: "application/octet-stream", body: Readable.from([bytes]) }, fields: "id,name,size,md5Checksum,parents,description,mimeType" },
      { rootUrl },
    );
    expect(multipart.data).toMatchObject({ name: "blob.bin", size: "9", mimeType: "application/octet-stream", description: "binary", parents: [folder.data.id] });
    expect(multipart.data.md5Checksum).toMatch(/^[0-9a-f]{32}$/);
    const download = await ana.files.get({ fileId: multipart.data.id!, alt: "media" }, { responseType: "arraybuffer" });
    expect(Buffer.from(download.data as unknown as ArrayBuffer)).toEqual(bytes);

    const media = await ana.files.create({ media: { mimeType: "text/csv", body: "a,b\n1,2\n" }, fields: "id,name,mimeType,size" }, { rootUrl });
    expect(media.data).toMatchObject({ name: "Untitled", mimeType: "text/csv", size: "8" });
    const text = await ana.files.get({ fileId: media.data.id!, alt: "media" }, { responseType: "text" });
    expect(text.data).toBe("a,b\n1,2\n");

    const inside = await ana.files.list({ q: `'${folder.data.id}' in parents`, fields: "files(name)" });
    expect(names(inside.data.files)).toEqual(["empty.txt", "blob.bin"]);
    const notFolder = await failure(ana.files.create({ requestBody: { name: "x", parents: ["q3"] } }));
    expect(notFolder).toMatchObject({ status: 400, reason: "invalid" });
    const twoParents = await failure(ana.files.create({ requestBody: { name: "x", parents: ["reports", folder.data.id!] } }));
    expect(twoParents).toMatchObject({ status: 403, reason: "cannotAddParent" });
  });

  it("gets files with fields and lists them with q, orderBy and pageToken paging", async () => {
    const { ana } = await session();
    const full = await ana.files.get({ fileId: "q3", fields: "*" });
    expect(full.data).toMatchObject({ kind: "drive#file", id: "q3", name: "Q3 numbers.txt", parents: ["reports"], trashed: false, ownedByMe: true, size: "26" });
    expect(full.data.owners?.[0]).toMatchObject({ emailAddress: "ana@example.com", displayName: "Ana Alves", me: true });
    const partial = await ana.files.get({ fileId: "q3", fields: "name,owners(displayName),capabilities/canEdit" });
    expect(partial.data).toEqual({ name: "Q3 numbers.txt", owners: [{ displayName: "Ana Alves" }], capabilities: { canEdit: true } });
    const badField = await failure(ana.files.get({ fileId: "q3", fields: "name,shoeSize" }));
    expect(badField).toMatchObject({ status: 400, reason: "invalidParameter", message: "Invalid field selection shoeSize" });

    for (const name of ["delta.txt", "alpha.txt", "Charlie report.txt", "bravo.txt"]) await ana.files.create({ requestBody: { name, mimeType: "text/plain" } });
    const defaults = await ana.files.list({});
    expect(defaults.data.kind).toBe("drive#fileList");
    expect(Object.keys(defaults.data.files![0]!).sort()).toEqual(["id", "kind", "mimeType", "name"]);

    const query = async (q: string, orderBy?: string) => names((await ana.files.list({ q, fields: "files(name)", ...(orderBy ? { orderBy } : {}) })).data.files);
    expect(await query("name = 'alpha.txt'")).toEqual(["alpha.txt"]);
    expect(await query("name contains 'report'")).toEqual(["Reports", "Charlie report.txt"]);
    expect(await query("name contains 'eport'")).toEqual([]);
    expect(await query(`mimeType = '${FOLDER}'`)).toEqual(["Reports"]);
    expect(await query(`mimeType != 'text/plain' and mimeType != '${FOLDER}'`)).toEqual(["plan.md"]);
    expect(await query("'reports' in parents")).toEqual(["Q3 numbers.txt"]);
    expect(await query("starred = true")).toEqual(["plan.md"]);
    expect(await query("fullText contains 'GREW by 42'")).toEqual(["Q3 numbers.txt"]);
    expect(await query("not name contains 'a' and (starred = true or name = 'delta.txt')")).toEqual(["plan.md", "delta.txt"]);
    expect(await query("name contains 'p' and not mimeType = 'text/plain'", "name")).toEqual(["plan.md"]);
    expect(await query("modifiedTime > '2026-01-01T00:00:03' and trashed = false", "name desc")).toEqual(["delta.txt", "Charlie report.txt", "bravo.txt", "alpha.txt"]);
    expect(await query("'ana@example.com' in owners and mimeType = 'text/plain'", "folder,name")).toEqual(["alpha.txt", "bravo.txt", "Charlie report.txt", "delta.txt", "Q3 numbers.txt"]);

    const syntax = await failure(ana.files.list({ q: "name = 'unterminated" }));
    expect(syntax).toMatchObject({ status: 400, code: 400, reason: "invalid", message: "Invalid Value" });
    expect(await failure(ana.files.list({ q: "size > 3" }))).toMatchObject({ status: 400, reason: "invalid" });
    expect(await failure(ana.files.list({ orderBy: "shoeSize" }))).toMatchObject({ status: 400, reason: "invalid" });
    expect(await failure(ana.files.list({ pageSize: 1001 }))).toMatchObject({ status: 400, reason: "invalid" });

    const seen: string[] = [];
    let pageToken: string | undefined;
    let pages = 0;
    do {
      const page = await ana.files.list({ pageSize: 2, orderBy: "name", fields: "nextPageToken,files(name)", ...(pageToken ? { pageToken } : {}) });
      seen.push(...names(page.data.files).map(String));
      pageToken = page.data.nextPageToken ?? undefined;
      pages += 1;
    } while (pageToken);
    expect(pages).toBe(4);
    expect(seen).toEqual(["alpha.txt", "bravo.txt", "Charlie report.txt", "delta.txt", "plan.md", "Q3 numbers.txt", "Reports"]);
    const firstPage = await ana.files.list({ pageSize: 2, orderBy: "name" });
    expect(await failure(ana.files.list({ pageSize: 2, orderBy: "name desc", pageToken: firstPage.data.nextPageToken! }))).toMatchObject({ status: 400, reason: "invalid" });
  });

  it("updates, moves, copies, trashes, restores and deletes files", async () => {
    const { ana, rootUrl } = await session();
    const renamed = await ana.files.update({ fileId: "plan", requestBody: { name: "plan v2.md", description: "next", starred: false, properties: { stage: "draft" } }, fields: "name,description,starred,properties,version" });
    expect(renamed.data).toMatchObject({ name: "plan v2.md", description: "next", starred: false, properties: { stage: "draft" } });
    const cleared = await ana.files.update({ fileId: "plan", requestBody: { properties: { stage: null } as unknown as Record<string, string> }, fields: "properties" });
    expect(cleared.data.properties).toBeUndefined();
    expect(await failure(ana.files.update({ fileId: "plan", requestBody: { parents: ["reports"] } }))).toMatchObject({ status: 403, reason: "fieldNotWritable" });
    expect(await failure(ana.files.update({ fileId: "plan", requestBody: { size: "3" } }))).toMatchObject({ status: 403, reason: "fieldNotWritable" });

    const root = (await ana.files.get({ fileId: "root" })).data.id!;
    const moved = await ana.files.update({ fileId: "plan", addParents: "reports", removeParents: root, fields: "parents" });
    expect(moved.data.parents).toEqual(["reports"]);

    const rewritten = await ana.files.update({ fileId: "q3", media: { mimeType: "text/plain", body: "revenue fell" }, fields: "size,version" }, { rootUrl });
    expect(rewritten.data.size).toBe("12");

    const copy = await ana.files.copy({ fileId: "q3", fields: "id,name,parents,size" });
    expect(copy.data).toMatchObject({ name: "Copy of Q3 numbers.txt", parents: ["reports"], size: "12" });
    const copied = await ana.files.get({ fileId: copy.data.id!, alt: "media" }, { responseType: "text" });
    expect(copied.data).toBe("revenue fell");
    const named = await ana.files.copy({ fileId: "q3", requestBody: { name: "archive.txt", parents: [root] }, fields: "name,parents" });
    expect(named.data).toEqual({ name: "archive.txt", parents: [root] });
    expect(await failure(ana.files.copy({ fileId: "reports" }))).toMatchObject({ status: 403, reason: "cannotCopyFile" });

    const trashed = await ana.files.update({ fileId: "reports", requestBody: { trashed: true }, fields: "trashed,explicitlyTrashed" });
    expect(trashed.data).toEqual({ trashed: true, explicitlyTrashed: true });
    const child = await ana.files.get({ fileId: "q3", fields: "trashed,explicitlyTrashed" });
    expect(child.data).toEqual({ trashed: true, explicitlyTrashed: false });
    expect(names((await ana.files.list({ q: "trashed = false", fields: "files(name)" })).data.files)).toEqual(["archive.txt"]);
    await ana.files.update({ fileId: "reports", requestBody: { trashed: false } });
    expect((await ana.files.get({ fileId: "q3", fields: "trashed" })).data.trashed).toBe(false);

    const deleted = await ana.files.delete({ fileId: copy.data.id! });
    expect(deleted.status).toBe(204);
    expect(await failure(ana.files.get({ fileId: copy.data.id! }))).toMatchObject({ status: 404, reason: "notFound", message: `File not found: ${copy.data.id}.` });

    await ana.files.update({ fileId: "reports", requestBody: { trashed: true } });
    const emptied = await ana.files.emptyTrash({});
    expect(emptied.status).toBe(204);
    for (const id of ["reports", "q3", "plan"]) expect((await failure(ana.files.get({ fileId: id }))).status).toBe(404);
    expect(names((await ana.files.list({ fields: "files(name)" })).data.files)).toEqual(["archive.txt"]);
  });

  it("shares files with permissions; a file not shared with the caller is not found", async () => {
    const { ana, as } = await session();
    const bo = as("bo-token");
    expect(await failure(bo.files.get({ fileId: "q3" }))).toMatchObject({ status: 404, reason: "notFound", message: "File not found: q3." });
    expect((await bo.files.list({ fields: "files(id)" })).data.files).toEqual([]);

    const shared = await ana.permissions.create({ fileId: "q3", requestBody: { type: "user", role: "reader", emailAddress: "Bo@Example.com" }, fields: "id,type,role,emailAddress,displayName" });
    expect(shared.data).toMatchObject({ type: "user", role: "reader", emailAddress: "bo@example.com", displayName: "Bo Berg" });
    const seen = await bo.files.get({ fileId: "q3", fields: "name,ownedByMe,capabilities(canEdit,canShare)" });
    expect(seen.data).toEqual({ name: "Q3 numbers.txt", ownedByMe: false, capabilities: { canEdit: false, canShare: false } });
    expect(names((await bo.files.list({ q: "sharedWithMe = true", fields: "files(name)" })).data.files)).toEqual(["Q3 numbers.txt"]);
    expect(await failure(bo.files.update({ fileId: "q3", requestBody: { name: "mine" } }))).toMatchObject({ status: 403, reason: "insufficientFilePermissions" });

    const list = await ana.permissions.list({ fileId: "q3", fields: "permissions(id,role,emailAddress)" });
    expect(list.data.permissions?.map((permission) => [permission.role, permission.emailAddress])).toEqual([["owner", "ana@example.com"], ["reader", "bo@example.com"]]);
    const got = await ana.permissions.get({ fileId: "q3", permissionId: shared.data.id! });
    expect(got.data).toEqual({ kind: "drive#permission", id: shared.data.id, type: "user", role: "reader" });
    await ana.permissions.update({ fileId: "q3", permissionId: shared.data.id!, requestBody: { role: "writer" } });
    expect((await bo.files.update({ fileId: "q3", requestBody: { name: "edited by Bo.txt" }, fields: "name,lastModifyingUser(emailAddress)" })).data).toEqual({ name: "edited by Bo.txt", lastModifyingUser: { emailAddress: "bo@example.com" } });
    expect(await failure(bo.files.delete({ fileId: "q3" }))).toMatchObject({ status: 403, reason: "insufficientFilePermissions" });
    expect((await ana.permissions.delete({ fileId: "q3", permissionId: shared.data.id! })).status).toBe(204);
    expect((await failure(bo.files.get({ fileId: "q3" }))).status).toBe(404);
    expect(await failure(ana.permissions.get({ fileId: "q3", permissionId: shared.data.id! }))).toMatchObject({ status: 404, reason: "notFound" });

    // A folder's permissions reach what it holds; groups and domains reach their members.
    await ana.permissions.create({ fileId: "reports", requestBody: { type: "group", role: "commenter", emailAddress: "team@example.com" } });
    expect((await as("dee-token").files.get({ fileId: "q3", fields: "name" })).data.name).toBe("edited by Bo.txt");
    expect((await failure(bo.files.get({ fileId: "q3" }))).status).toBe(404);
    await ana.permissions.create({ fileId: "plan", requestBody: { type: "domain", role: "reader", domain: "other.org" } });
    expect((await as("cy-token").files.get({ fileId: "plan", fields: "name" })).data.name).toBe("plan.md");
    expect((await failure(bo.files.get({ fileId: "plan" }))).status).toBe(404);
    const anyone = await ana.permissions.create({ fileId: "plan", requestBody: { type: "anyone", role: "reader" }, fields: "id,allowFileDiscovery" });
    expect(anyone.data).toEqual({ id: "anyoneWithLink", allowFileDiscovery: false });
    expect((await bo.files.get({ fileId: "plan", fields: "name" })).data.name).toBe("plan.md");
    expect((await bo.files.list({ fields: "files(id)" })).data.files).toEqual([]);
    await ana.permissions.create({ fileId: "plan", requestBody: { type: "anyone", role: "reader", allowFileDiscovery: true } });
    expect(names((await bo.files.list({ fields: "files(name)" })).data.files)).toEqual(["plan.md"]);

    expect(await failure(ana.permissions.create({ fileId: "plan", requestBody: { type: "user", role: "owner", emailAddress: "bo@example.com" } }))).toMatchObject({ status: 403, reason: "forbidden" });
    expect(await failure(ana.permissions.create({ fileId: "plan", requestBody: { type: "user", role: "boss", emailAddress: "bo@example.com" } }))).toMatchObject({ status: 400, reason: "invalid" });
    expect(await failure(ana.permissions.create({ fileId: "plan", requestBody: { type: "user", role: "reader" } }))).toMatchObject({ status: 400, reason: "required" });
    await ana.permissions.create({ fileId: "plan", transferOwnership: true, requestBody: { type: "user", role: "owner", emailAddress: "bo@example.com" } });
    expect((await bo.files.get({ fileId: "plan", fields: "ownedByMe" })).data.ownedByMe).toBe(true);
    const after = await ana.permissions.list({ fileId: "plan", fields: "permissions(id,role,emailAddress,type)" });
    expect(after.data.permissions?.map(({ role, emailAddress }) => [role, emailAddress])).toContainEqual(["writer", "ana@example.com"]);
    const owner = after.data.permissions!.find((permission) => permission.role === "owner")!;
    expect(owner.emailAddress).toBe("bo@example.com");
    expect(await failure(ana.permissions.delete({ fileId: "plan", permissionId: owner.id! }))).toMatchObject({ status: 403, reason: "cannotRemoveOwner" });
  });

  it("exports Docs as text and HTML and Sheets as CSV", async () => {
    const { ana, raw } = await session();
    const created = await raw("POST", "/v1/documents", { body: JSON.stringify({ title: "Minutes" }), headers: { "content-type": "application/json" } });
    expect(created.status).toBe(200);
    const { documentId } = (await created.json()) as { documentId: string };
    const edit = await raw("POST", `/v1/documents/${documentId}:batchUpdate`, { body: JSON.stringify({ requests: [{ insertText: { location: { index: 1 }, text: "Decisions were made" } }] }), headers: { "content-type": "application/json" } });
    expect(edit.status).toBe(200);

    const file = await ana.files.get({ fileId: documentId, fields: "name,mimeType,exportLinks" });
    expect(file.data).toMatchObject({ name: "Minutes", mimeType: DOCUMENT });
    expect(Object.keys(file.data.exportLinks ?? {})).toEqual(["text/plain", "text/html"]);
    const plain = await ana.files.export({ fileId: documentId, mimeType: "text/plain" }, { responseType: "text" });
    expect(String(plain.data)).toContain("Decisions were made");
    const html = await ana.files.export({ fileId: documentId, mimeType: "text/html" }, { responseType: "text" });
    expect(String(html.data)).toMatch(/<html>.*Decisions were made.*<\/html>/s);
    expect(names((await ana.files.list({ q: "fullText contains 'decisions'", fields: "files(name)" })).data.files)).toEqual(["Minutes"]);

    expect(await failure(ana.files.export({ fileId: documentId, mimeType: "application/pdf" }))).toMatchObject({ status: 400, reason: "badRequest" });
    expect(await failure(ana.files.export({ fileId: "q3", mimeType: "text/plain" }))).toMatchObject({ status: 403, reason: "fileNotExportable" });
    expect(await failure(ana.files.get({ fileId: documentId, alt: "media" }))).toMatchObject({ status: 403, reason: "fileNotDownloadable" });

    const json = { "content-type": "application/json" };
    const sheet = (await (await raw("POST", "/v4/spreadsheets", { body: JSON.stringify({ properties: { title: "Budget" } }), headers: json })).json()) as { spreadsheetId: string };
    const values = await raw("PUT", `/v4/spreadsheets/${sheet.spreadsheetId}/values/A1:B2?valueInputOption=RAW`, { body: JSON.stringify({ values: [["item", "cost"], ["tea, green", "3"]] }), headers: json });
    expect(values.status).toBe(200);
    expect((await ana.files.get({ fileId: sheet.spreadsheetId, fields: "name,mimeType" })).data).toEqual({ name: "Budget", mimeType: SPREADSHEET });
    const csv = await ana.files.export({ fileId: sheet.spreadsheetId, mimeType: "text/csv" }, { responseType: "text" });
    expect(String(csv.data).split(/\r?\n/).filter(Boolean)).toEqual(["item,cost", '"tea, green",3']);
    const tsv = await ana.files.export({ fileId: sheet.spreadsheetId, mimeType: "text/tab-separated-values" }, { responseType: "text" });
    expect(String(tsv.data)).toContain("tea, green\t3");
    expect(names((await ana.files.list({ q: "fullText contains 'green'", fields: "files(name)" })).data.files)).toEqual(["Budget"]);
  });

  it("keeps a revision per upload of a binary file", async () => {
    const { ana, as, rootUrl } = await session();
    await ana.files.update({ fileId: "q3", media: { mimeType: "text/plain", body: "second" } }, { rootUrl });
    await ana.files.update({ fileId: "q3", media: { mimeType: "text/plain", body: "third!" } }, { rootUrl });
    const revisions = await ana.revisions.list({ fileId: "q3", fields: "revisions(id,size,lastModifyingUser(emailAddress))" });
    expect(revisions.data.revisions?.map((revision) => revision.size)).toEqual(["26", "6", "6"]);
    const [first, , head] = revisions.data.revisions!;
    expect((await ana.files.get({ fileId: "q3", fields: "headRevisionId" })).data.headRevisionId).toBe(head!.id);
    const old = await ana.revisions.get({ fileId: "q3", revisionId: first!.id!, alt: "media" }, { responseType: "text" });
    expect(old.data).toBe("revenue grew by 42 percent");
    const meta = await ana.revisions.get({ fileId: "q3", revisionId: head!.id! });
    expect(Object.keys(meta.data).sort()).toEqual(["id", "kind", "mimeType", "modifiedTime"]);
    expect(await failure(ana.revisions.get({ fileId: "q3", revisionId: "nope" }))).toMatchObject({ status: 404, reason: "notFound", message: "Revision not found: nope." });
    await ana.permissions.create({ fileId: "q3", requestBody: { type: "user", role: "reader", emailAddress: "bo@example.com" } });
    expect(await failure(as("bo-token").revisions.list({ fileId: "q3" }))).toMatchObject({ status: 403, reason: "insufficientFilePermissions" });
  });

  it("reads about and generates ids", async () => {
    const { ana } = await session();
    const about = await ana.about.get({ fields: "kind,user,storageQuota,exportFormats" });
    expect(about.data.user).toMatchObject({ displayName: "Ana Alves", emailAddress: "ana@example.com", me: true });
    expect(about.data.storageQuota?.usage).toBe("32");
    expect(about.data.exportFormats?.[DOCUMENT]).toEqual(["text/plain", "text/html"]);
    expect(await failure(ana.about.get({}))).toMatchObject({ status: 400, reason: "required" });
    const ids = await ana.files.generateIds({ count: 3 });
    expect(ids.data.ids).toHaveLength(3);
    const made = await ana.files.create({ requestBody: { id: ids.data.ids![0]!, name: "pre-named" }, fields: "id" });
    expect(made.data.id).toBe(ids.data.ids![0]);
    expect(await failure(ana.files.create({ requestBody: { id: ids.data.ids![0]!, name: "again" } }))).toMatchObject({ status: 409 });
  });

  it("answers Google's errors for tokens, scopes, rate limits and quotas", async () => {
    const { twin, as, raw, rootUrl } = await session();
    const missing = await raw("GET", "/drive/v3/files", { headers: { authorization: "" } });
    expect(missing.status).toBe(401);
    expect(await failure(as("not-a-token").files.list({}))).toMatchObject({ status: 401, reason: "authError" });
    expect(await failure(as("ana-readonly").files.create({ requestBody: { name: "x" } }))).toMatchObject({ status: 403, reason: "insufficientPermissions", message: "Request had insufficient authentication scopes." });
    expect((await as("ana-readonly").files.get({ fileId: "q3", alt: "media" }, { responseType: "text" })).data).toBe("revenue grew by 42 percent");
    expect((await as("ana-metadata").files.get({ fileId: "q3", fields: "name" })).data.name).toBe("Q3 numbers.txt");
    expect(await failure(as("ana-metadata").files.get({ fileId: "q3", alt: "media" }))).toMatchObject({ status: 403, reason: "insufficientPermissions" });

    const tenant = twin.tenant();
    expect((await as("ana-short").files.list({})).status).toBe(200);
    tenant.advance(60_000);
    expect(await failure(as("ana-short").files.list({}))).toMatchObject({ status: 401, reason: "authError" });

    // The refresh-token grant at /token, with the SDK's own OAuth2 client.
    const oauth = new googleAuth.OAuth2({ clientId: "client", clientSecret: "secret", endpoints: { oauth2TokenUrl: `${rootUrl}token` } });
    oauth.setCredentials({ refresh_token: "ana-refresh" });
    const refreshed = drive({ version: "v3", rootUrl, auth: oauth, retry: false } as drive_v3.Options);
    expect((await refreshed.files.get({ fileId: "q3", fields: "name" })).data.name).toBe("Q3 numbers.txt");
    const badGrant = await fetch(`${rootUrl}token`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "grant_type=refresh_token&refresh_token=nope" });
    expect([badGrant.status, await badGrant.json()]).toEqual([400, { error: "invalid_grant", error_description: "Bad Request" }]);

    tenant.faults = { rules: [{ methods: ["drive.files.list"], rateLimit: { limit: 1, windowMs: 60_000 } }] };
    const ana = as("ana-token");
    expect((await ana.files.list({})).status).toBe(200);
    expect(await failure(ana.files.list({}))).toMatchObject({ status: 403, reason: "userRateLimitExceeded", message: "User rate limit exceeded." });
    tenant.config = { ...tenant.config, driveRateLimitStatus: 429 };
    const tooMany = await raw("GET", "/drive/v3/files");
    expect(tooMany.status).toBe(429);
    expect(((await tooMany.json()) as { error: { status: string } }).error.status).toBe("RESOURCE_EXHAUSTED");
    tenant.faults = { rules: [] };

    tenant.config = { ...tenant.config, quotas: { perUserPerMinute: 2 } };
    tenant.advance(60_000);
    expect((await ana.files.get({ fileId: "q3" })).status).toBe(200);
    expect((await ana.files.get({ fileId: "q3" })).status).toBe(200);
    const quota = await failure(ana.files.get({ fileId: "q3" }));
    expect(quota).toMatchObject({ status: 429, reason: "rateLimitExceeded" });
    expect(quota.message).toContain("Queries per minute per user");
    expect((await as("bo-token").files.list({})).status).toBe(200);
    tenant.advance(60_000);
    expect((await ana.files.get({ fileId: "q3" })).status).toBe(200);
  });
});
