import { describe, expect, it } from "vitest";
import type { GoogleApiModule } from "../google-common/caller.js";
import { jsonResponse } from "../kit/index.js";
import { createGoogleTwin } from "./index.js";

const base = "http://google.test";

describe("createGoogleTwin", () => {
  it("starts every tenant with a user, a token and a refresh token, and describes them", () => {
    const twin = createGoogleTwin({ seed: 9 });
    const description = twin.definition.describe!(twin.tenant("t1"), `${base}/t/t1`);
    expect(description.credentials).toMatchObject({ email: "user@example.com", accessToken: expect.stringMatching(/^ya29\./), refreshToken: expect.stringMatching(/^1\/\/0/), tokenUrl: `${base}/t/t1/token` });
    expect(description.baseUrl).toBe(`${base}/t/t1/`);
    expect(description.sdkOption).toBe(`drive({ version: "v3", rootUrl: "${base}/t/t1/", headers: { authorization: "Bearer ${description.credentials.accessToken}" } })`);
    expect(createGoogleTwin({ seed: 9 }).definition.describe!(createGoogleTwin({ seed: 9 }).tenant(), base).credentials.accessToken).toBe(description.credentials.accessToken);
  });

  it("routes Drive, Docs and Sheets by path and names their methods", () => {
    const twin = createGoogleTwin();
    const method = (httpMethod: string, path: string) => twin.definition.methodOf(new Request(`${base}${path}`, { method: httpMethod }), path);
    expect(method("GET", "/drive/v3/files/abc")).toBe("drive.files.get");
    expect(method("POST", "/upload/drive/v3/files")).toBe("drive.files.create");
    expect(method("PUT", "/upload/drive/v3/files/abc")).toBe("drive.files.update");
    expect(method("GET", "/v1/documents/abc")).toBe("docs.documents.get");
    expect(method("POST", "/token")).toBe("oauth2.token");
    expect(method("GET", "/nowhere")).toBe("GET /nowhere");
  });

  it("authenticates once and hands the module the caller, after the scope check", async () => {
    const seen: string[] = [];
    const echo: GoogleApiModule = {
      methodOf: (_request, path) => (path.startsWith("/echo") ? "echo.get" : undefined),
      handle: (_context, caller) => {
        seen.push(caller.email);
        return jsonResponse({ email: caller.email });
      },
      scopesFor: () => ["https://www.googleapis.com/auth/echo"],
    };
    const twin = createGoogleTwin({ modules: [echo] });
    twin.tenant().update((state) => state);
    const token = twin.definition.describe!(twin.tenant(), base).credentials.accessToken!;
    const refused = await twin.fetch(new Request(`${base}/echo`, { headers: { authorization: `Bearer ${token}` } }));
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: Record<string, unknown> }).error).toEqual({ code: 403, message: "Request had insufficient authentication scopes.", status: "PERMISSION_DENIED" });
    expect(refused.headers.get("www-authenticate")).toContain('scope="https://www.googleapis.com/auth/echo"');
    expect((await twin.fetch(new Request(`${base}/echo`))).status).toBe(401);
    expect((await twin.fetch(new Request(`${base}/elsewhere`, { headers: { authorization: `Bearer ${token}` } }))).status).toBe(404);
    expect(seen).toEqual([]);
  });

  it("issues access tokens for refresh tokens that expire after an hour of virtual time", async () => {
    const twin = createGoogleTwin();
    const { refreshToken } = twin.definition.describe!(twin.tenant(), base).credentials;
    const issued = await twin.fetch(new Request(`${base}/token`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: `grant_type=refresh_token&refresh_token=${encodeURIComponent(refreshToken!)}` }));
    const body = (await issued.json()) as { access_token: string; expires_in: number; token_type: string };
    expect(body).toMatchObject({ expires_in: 3599, token_type: "Bearer" });
    const list = () => twin.fetch(new Request(`${base}/drive/v3/files`, { headers: { authorization: `Bearer ${body.access_token}` } }));
    expect((await list()).status).toBe(200);
    twin.tenant().advance(3_600_000);
    expect((await list()).status).toBe(401);
    const unsupported = await twin.fetch(new Request(`${base}/token`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "grant_type=password" }));
    expect([unsupported.status, ((await unsupported.json()) as { error: string }).error]).toEqual([400, "unsupported_grant_type"]);
  });

  it("restores snapshots with files, sessions and ids, and resets to the seeded state", async () => {
    const twin = createGoogleTwin({ seed: 5 });
    const tenant = twin.tenant();
    const token = twin.definition.describe!(tenant, base).credentials.accessToken!;
    const create = async () => (await (await twin.fetch(new Request(`${base}/drive/v3/files`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: '{"name":"a"}' }))).json()) as { id: string };
    const snapshot = tenant.snapshot();
    const first = await create();
    tenant.restore(snapshot);
    expect((await create()).id).toBe(first.id);
    tenant.reset();
    const listed = (await (await twin.fetch(new Request(`${base}/drive/v3/files`, { headers: { authorization: `Bearer ${token}` } }))).json()) as { files: unknown[] };
    expect(listed.files).toEqual([]);
  });

  it("answers injected server errors and exceptions in Google's shape", async () => {
    const twin = createGoogleTwin();
    const tenant = twin.tenant();
    const token = twin.definition.describe!(tenant, base).credentials.accessToken!;
    tenant.faults = { rules: [{ methods: ["drive.*"], errorRate: 1 }] };
    const failed = await twin.fetch(new Request(`${base}/drive/v3/files`, { headers: { authorization: `Bearer ${token}` } }));
    expect(failed.status).toBe(503);
    expect(((await failed.json()) as { error: { errors: { reason: string }[] } }).error.errors[0]!.reason).toBe("backendError");
    const broken: GoogleApiModule = { methodOf: () => "broken.call", handle: () => { throw new Error("bug"); } };
    const crashing = createGoogleTwin({ modules: [broken] });
    const crashToken = crashing.definition.describe!(crashing.tenant(), base).credentials.accessToken!;
    const crashed = await crashing.fetch(new Request(`${base}/x`, { headers: { authorization: `Bearer ${crashToken}` } }));
    expect([crashed.status, await crashed.json()]).toEqual([500, { error: { code: 500, message: "Internal error encountered.", status: "INTERNAL" } }]);
  });
});
