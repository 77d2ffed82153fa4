import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createGoogleTwin } from "../google/index.js";
import { seedTenant } from "../kit/index.js";
import { parseQuery } from "./query.js";
import { DRIVE_ROUTES } from "./routes.js";

const FIXTURE = {
  users: [{ email: "bo@example.com" }],
  tokens: [{ token: "t", user: "user@example.com" }],
  folders: [{ id: "folder", name: "Folder" }],
  files: [{ id: "file", name: "a.txt", parents: ["folder"], content: "x" }],
  permissions: [{ file: "file", type: "user", role: "reader", emailAddress: "bo@example.com" }],
};

const segment = fc.oneof(fc.constantFrom("file", "folder", "root", "nope", "%E0%A4%A", "..", "anyoneWithLink", "head", "trash"), fc.string({ maxLength: 12 }).map(encodeURIComponent));
const queryText = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom("name contains 'a'", "'folder' in parents and trashed = false", "(", "not not starred = true", "modifiedTime > '2026'", "properties has { key='a' and value='b' }"));
const value = fc.oneof(fc.jsonValue(), fc.constantFrom("reader", "owner", "user", "anyone", ["folder"], { a: null }, "text/plain"));
const body = fc.oneof(
  fc.jsonValue(),
  fc.dictionary(fc.constantFrom("name", "mimeType", "parents", "trashed", "starred", "properties", "id", "type", "role", "emailAddress", "domain", "keepForever", "size"), value, { maxKeys: 4 }),
);

const request = fc.record({
  route: fc.constantFrom(...DRIVE_ROUTES),
  params: fc.array(segment, { minLength: 2, maxLength: 2 }),
  query: fc.dictionary(fc.constantFrom("fields", "q", "orderBy", "pageSize", "pageToken", "alt", "uploadType", "mimeType", "addParents", "removeParents", "transferOwnership", "count", "upload_id"), fc.oneof(fc.string({ maxLength: 10 }), queryText), { maxKeys: 3 }),
  body: fc.option(body, { nil: undefined }),
  contentType: fc.constantFrom("application/json", "text/plain", "multipart/related; boundary=x", "application/octet-stream"),
  contentRange: fc.option(fc.constantFrom("bytes 0-0/1", "bytes */5", "bytes 3-1/2", "nonsense"), { nil: undefined }),
});

describe("robustness", () => {
  it("parses or refuses any query text, never throws", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        const result = parseQuery(text);
        expect("query" in result || "error" in result).toBe(true);
      }),
      { numRuns: 2000, seed: 7 },
    );
  });

  it("never answers a request, however malformed, with a 5xx or a shape Drive does not use", async () => {
    const twin = createGoogleTwin({ seed: 1 });
    seedTenant(twin, twin.tenant(), FIXTURE);
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(request, async ({ route, params, query, body: payload, contentType, contentRange }) => {
        let index = 0;
        const template = route.pattern.source.replace(/^\^|\$$/g, "").replaceAll("\\/", "/").replace("/(?:resumable/)?", "/");
        const path = template.replace(/\(\[\^\/\]\+\)/g, () => params[index++]!);
        const search = new URLSearchParams(query).toString();
        const sendBody = payload !== undefined && route.httpMethod !== "GET";
        const response = await twin.fetch(
          new Request(`http://google.test${path}${search ? `?${search}` : ""}`, {
            method: route.httpMethod,
            headers: { authorization: "Bearer t", "content-type": contentType, ...(contentRange ? { "content-range": contentRange } : {}) },
            ...(sendBody ? { body: JSON.stringify(payload) } : {}),
          }),
        );
        statuses.add(response.status);
        expect(response.status, `${route.httpMethod} ${path}?${search}`).toBeLessThan(500);
        if (response.status >= 400) {
          const answer = (await response.json()) as { error: { code: number; message: string; errors: unknown[] } };
          expect(Object.keys(answer.error).sort()).toEqual(["code", "errors", "message", "status"]);
          expect(answer.error.code).toBe(response.status);
        }
      }),
      { numRuns: 800, seed: 42 },
    );
    // The requests reach the handlers: some succeed, some are refused for their content.
    expect([...statuses].sort()).toEqual(expect.arrayContaining([200, 204, 400, 403, 404]));
  });
});
