/**
 * Every Drive response the Google twin gave in the SDK suite (replayed here) and in the raw
 * requests below is checked against Google's discovery document,
 * `vendor/apis/google/drive-v3.discovery.json`, with `discoveryValidator` (google-common): 2xx
 * bodies against the method's response schema, closed (no field the description lacks), and
 * error bodies against Google's error shape with Drive's `errors[]`. Also: resumable uploads,
 * which the SDK does not use, the scope table against the document, and determinism.
 */
import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { type DiscoveryDocument, discoveryValidator } from "../../src/twins/google-common/discovery-validator.js";
import { createGoogleTwin } from "../../src/twins/google/index.js";
import { DRIVE_METHOD_SCOPES } from "../../src/twins/google-drive/scopes.js";
import { type RequestLogEntry, type Twin, seedTenant } from "../../src/twins/kit/index.js";
import { googleSdkTwins } from "./google-drive-sdk.test.js";

const document = JSON.parse(readFileSync(new URL("../../vendor/apis/google/drive-v3.discovery.json", import.meta.url), "utf8")) as DiscoveryDocument;
const drive = discoveryValidator(document);

const ajv = new Ajv({ strict: false, allErrors: true });
const driveError = ajv.compile({
  type: "object",
  required: ["error"],
  additionalProperties: false,
  properties: {
    error: {
      type: "object",
      required: ["code", "message", "errors", "status"],
      additionalProperties: false,
      properties: {
        code: { type: "integer", minimum: 400, maximum: 599 },
        message: { type: "string", minLength: 1 },
        status: { enum: ["INVALID_ARGUMENT", "UNAUTHENTICATED", "PERMISSION_DENIED", "NOT_FOUND", "ABORTED", "FAILED_PRECONDITION", "RESOURCE_EXHAUSTED", "INTERNAL", "UNAVAILABLE"] },
        errors: {
          type: "array",
          minItems: 1,
          items: {
            type: "object",
            required: ["message", "domain", "reason"],
            additionalProperties: false,
            properties: { message: { type: "string" }, domain: { type: "string" }, reason: { type: "string" }, location: { type: "string" }, locationType: { enum: ["parameter", "header", "other"] } },
          },
        },
      },
    },
  },
});

export interface ContractProblem {
  request: string;
  status: number;
  problems: string;
}

/** The problems of one logged Drive response against the description (undefined: fine, or not Drive's). */
export function checkEntry(entry: RequestLogEntry): ContractProblem | undefined {
  if (!entry.method.startsWith("drive.") && !entry.path.includes("/drive/v3")) return undefined;
  const request = `${entry.httpMethod} ${entry.path}`;
  if (entry.status >= 400) {
    if (driveError(entry.response)) {
      const code = (entry.response as { error: { code: number } }).error.code;
      return code === entry.status ? undefined : { request, status: entry.status, problems: `error.code ${code} differs from the HTTP status` };
    }
    return { request, status: entry.status, problems: ajv.errorsText(driveError.errors) };
  }
  if (entry.status === 308 || entry.response === undefined) return undefined;
  if (!drive.methods.has(entry.method)) return { request, status: entry.status, problems: `${entry.method} is not in the description` };
  const problems = drive.validateResponse(entry.method, entry.response);
  return problems.length === 0 ? undefined : { request, status: entry.status, problems: problems.join("\n") };
}

const FIXTURE = {
  users: [{ email: "ana@example.com" }],
  tokens: [{ token: "ana-token", user: "ana@example.com" }],
  files: [{ id: "notes", name: "notes.txt", owner: "ana@example.com", content: "first" }],
};

function rawTwin(seed = 3): { twin: Twin; call(method: string, path: string, init?: { body?: string | Uint8Array; headers?: Record<string, string> }): Promise<Response> } {
  const twin = createGoogleTwin({ seed });
  seedTenant(twin, twin.tenant(), FIXTURE);
  return {
    twin,
    call: (method, path, init = {}) => twin.fetch(new Request(`http://google.test${path}`, { method, headers: { authorization: "Bearer ana-token", ...init.headers }, ...(init.body !== undefined ? { body: init.body } : {}) })),
  };
}

const rawTwins: Twin[] = [];

describe("Google twin's Drive responses against the discovery document", () => {
  it("uploads in chunks through a resumable session", async () => {
    const { twin, call } = rawTwin();
    rawTwins.push(twin);
    const content = Buffer.from("0123456789abcdefghij");
    const start = await call("POST", "/upload/drive/v3/files?uploadType=resumable&fields=id,name,size,mimeType", {
      body: JSON.stringify({ name: "chunks.txt" }),
      headers: { "content-type": "application/json; charset=UTF-8", "x-upload-content-type": "text/plain", "x-upload-content-length": String(content.length) },
    });
    expect(start.status).toBe(200);
    const location = start.headers.get("location")!;
    expect(location).toMatch(/^http:\/\/google\.test\/upload\/drive\/v3\/files\?uploadType=resumable&upload_id=[A-Za-z0-9_-]+$/);
    const path = location.slice("http://google.test".length);

    const first = await call("PUT", path, { body: content.subarray(0, 8), headers: { "content-range": `bytes 0-7/${content.length}` } });
    expect([first.status, first.headers.get("range")]).toEqual([308, "bytes=0-7"]);
    const status = await call("PUT", path, { headers: { "content-range": `bytes */${content.length}` } });
    expect([status.status, status.headers.get("range")]).toEqual([308, "bytes=0-7"]);
    const gap = await call("PUT", path, { body: content.subarray(10), headers: { "content-range": `bytes 10-19/${content.length}` } });
    expect(gap.status).toBe(400);
    const last = await call("PUT", path, { body: content.subarray(8), headers: { "content-range": `bytes 8-19/${content.length}` } });
    expect(last.status).toBe(200);
    const file = (await last.json()) as { id: string; name: string; size: string; mimeType: string };
    expect(file).toMatchObject({ name: "chunks.txt", size: "20", mimeType: "text/plain" });
    const media = await call("GET", `/drive/v3/files/${file.id}?alt=media`);
    expect(await media.text()).toBe(content.toString());
    expect((await call("PUT", path, { body: "x", headers: { "content-range": "bytes 20-20/21" } })).status).toBe(404);

    const update = await call("PATCH", "/upload/drive/v3/files/notes?uploadType=resumable", { body: "{}", headers: { "content-type": "application/json", "x-upload-content-type": "text/plain" } });
    const updatePath = update.headers.get("location")!.slice("http://google.test".length);
    expect(updatePath).toMatch(/^\/upload\/drive\/v3\/files\/notes\?/);
    const whole = await call("PUT", updatePath, { body: "second" });
    expect(whole.status).toBe(200);
    expect(await (await call("GET", "/drive/v3/files/notes?alt=media")).text()).toBe("second");

    // Revisions of the updated file: keep the first forever, then delete it.
    const revisions = (await (await call("GET", "/drive/v3/files/notes/revisions")).json()) as { revisions: { id: string }[] };
    expect(revisions.revisions).toHaveLength(2);
    const kept = await call("PATCH", `/drive/v3/files/notes/revisions/${revisions.revisions[0]!.id}?fields=keepForever`, { body: JSON.stringify({ keepForever: true }), headers: { "content-type": "application/json" } });
    expect(await kept.json()).toEqual({ keepForever: true });
    expect((await call("DELETE", `/drive/v3/files/notes/revisions/${revisions.revisions[0]!.id}`)).status).toBe(204);
    const only = await call("DELETE", `/drive/v3/files/notes/revisions/${revisions.revisions[1]!.id}`);
    expect(only.status).toBe(400);
  });

  it("answers malformed requests with Drive's errors", async () => {
    const { twin, call } = rawTwin();
    rawTwins.push(twin);
    const json = { "content-type": "application/json" };
    expect((await call("POST", "/drive/v3/files", { body: JSON.stringify({ name: 7 }), headers: json })).status).toBe(400);
    expect((await call("POST", "/drive/v3/files", { body: JSON.stringify({ shoeSize: 7 }), headers: json })).status).toBe(400);
    expect((await call("POST", "/upload/drive/v3/files?uploadType=multipart", { body: "not multipart", headers: { "content-type": "text/plain" } })).status).toBe(400);
    expect((await call("POST", "/upload/drive/v3/files?uploadType=sideways", { body: "x" })).status).toBe(400);
    expect((await call("POST", "/upload/drive/v3/files", { body: "x" })).status).toBe(400);
    expect((await call("GET", "/drive/v3/files?fields=files(id")).status).toBe(400);
    expect((await call("GET", "/drive/v3/files?pageToken=forged")).status).toBe(400);
    expect((await call("GET", "/drive/v3/files?corpora=allDrives")).status).toBe(400);
    expect((await call("GET", "/drive/v3/files/notes/export")).status).toBe(400);
    expect((await call("GET", "/drive/v3/changes")).status).toBe(404);
    const unauthenticated = await twin.fetch(new Request("http://google.test/drive/v3/files"));
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.headers.get("www-authenticate")).toContain("Bearer");
  });

  it("catches a response that strays from the description", () => {
    const entry = (method: string, status: number, response: unknown): RequestLogEntry => ({ seq: 1, time: 0, method, httpMethod: "GET", path: "/drive/v3/files", query: {}, body: undefined, status, response });
    expect(checkEntry(entry("drive.files.get", 200, { kind: "drive#file", shoeSize: 9 }))).toBeDefined();
    expect(checkEntry(entry("drive.files.get", 200, { size: 9 }))).toBeDefined();
    expect(checkEntry(entry("drive.files.list", 200, { files: [{ starred: "yes" }] }))).toBeDefined();
    expect(checkEntry(entry("drive.files.get", 404, { error: { code: 404, message: "nope", status: "NOT_FOUND" } }))).toBeDefined();
    expect(checkEntry(entry("drive.files.get", 404, { error: { code: 400, message: "x", status: "NOT_FOUND", errors: [{ message: "x", domain: "global", reason: "notFound" }] } }))).toBeDefined();
    expect(checkEntry(entry("drive.files.get", 200, { kind: "drive#file", id: "a", size: "9", createdTime: "2026-01-01T00:00:00.000Z" }))).toBeUndefined();
  });

  it("declares the scopes the discovery document gives each method", () => {
    for (const [method, scopes] of Object.entries(DRIVE_METHOD_SCOPES)) {
      expect([method, [...scopes].sort()]).toEqual([method, [...(drive.methods.get(method)?.scopes ?? [])].sort()]);
    }
  });

  it("answers the same bytes for the same seed and requests", async () => {
    const script = async (seed: number): Promise<string[]> => {
      const { call } = rawTwin(seed);
      const texts: string[] = [];
      const json = { "content-type": "application/json" };
      const folder = (await (await call("POST", "/drive/v3/files?fields=*", { body: JSON.stringify({ name: "F", mimeType: "application/vnd.google-apps.folder" }), headers: json })).json()) as { id: string };
      for (const response of [
        await call("POST", "/upload/drive/v3/files?uploadType=media&fields=*", { body: "hello", headers: { "content-type": "text/plain" } }),
        await call("POST", "/drive/v3/files?fields=*", { body: JSON.stringify({ name: "child", parents: [folder.id] }), headers: json }),
        await call("POST", "/drive/v3/files/notes/copy?fields=*", { body: "{}", headers: json }),
        await call("POST", "/drive/v3/files/notes/permissions?fields=*", { body: JSON.stringify({ type: "anyone", role: "reader" }), headers: json }),
        await call("GET", "/drive/v3/files?fields=*&pageSize=2"),
        await call("GET", "/drive/v3/files/notes/revisions?fields=*"),
        await call("GET", "/drive/v3/files/generateIds?count=2"),
      ]) {
        texts.push(`${response.status} ${await response.text()}`);
      }
      return texts;
    };
    const first = await script(11);
    expect(await script(11)).toEqual(first);
    expect(await script(12)).not.toEqual(first);
  });

  it("every Drive response of the SDK suite and of these requests matches the description", () => {
    const entries = [...googleSdkTwins(), ...rawTwins].flatMap((twin) => twin.tenants().flatMap((tenant) => tenant.log));
    const driveEntries = entries.filter((entry) => entry.method.startsWith("drive."));
    expect(driveEntries.length).toBeGreaterThan(150);
    expect(entries.map(checkEntry).filter((problem) => problem !== undefined)).toEqual([]);
    const methods = new Set(driveEntries.filter((entry) => entry.status < 300).map((entry) => entry.method));
    expect(methods.size).toBeGreaterThanOrEqual(19);
    expect(new Set(driveEntries.filter((entry) => entry.status >= 400).map((entry) => entry.status))).toEqual(new Set([400, 401, 403, 404, 409, 429]));
  });
});
