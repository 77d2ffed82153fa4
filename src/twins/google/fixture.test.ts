import { describe, expect, it } from "vitest";
import { getGoogleToken, getGoogleUser } from "../google-common/accounts.js";
import { filePermissions } from "../google-common/file-access.js";
import { getWorkspaceFile } from "../google-common/workspace-files.js";
import { TwinFixtureError, seedTenant } from "../kit/index.js";
import { createGoogleTwin } from "./index.js";

function seedError(fixture: unknown): { path: string; message: string } {
  const twin = createGoogleTwin();
  try {
    seedTenant(twin, twin.tenant(), fixture);
  } catch (error) {
    if (error instanceof TwinFixtureError) return { path: error.path, message: error.message };
    throw error;
  }
  throw new Error("expected the fixture to be refused");
}

describe("Google fixtures", () => {
  it("seeds users, tokens, folders, files and permissions", () => {
    const twin = createGoogleTwin({ seed: 4 });
    const tenant = twin.tenant();
    seedTenant(twin, tenant, {
      users: [{ email: "Ana@Example.com", displayName: "Ana", groups: ["team@example.com"] }],
      tokens: [{ token: "t1", user: "ana@example.com", scopes: ["https://www.googleapis.com/auth/drive.readonly"], expiresInSeconds: 60 }],
      folders: [{ id: "f", name: "Folder", owner: "ana@example.com" }],
      files: [{ id: "x", name: "x.bin", mimeType: "application/octet-stream", contentBase64: "AAEC", parents: ["f"], owner: "ana@example.com", properties: { a: "1" } }],
      permissions: [{ file: "f", type: "anyone", role: "reader" }],
    });
    expect(getGoogleUser(tenant.state, "ana@example.com")).toMatchObject({ displayName: "Ana", groups: ["team@example.com"] });
    expect(getGoogleToken(tenant.state, "t1")).toMatchObject({ email: "ana@example.com", expiresAt: tenant.now() + 60_000 });
    expect(getWorkspaceFile(tenant.state, "x")).toMatchObject({ parents: ["f"], size: 3, properties: { a: "1" } });
    expect(filePermissions(tenant.state, getWorkspaceFile(tenant.state, "f")!).map((permission) => permission.id)).toEqual([expect.stringMatching(/^\d{20}$/), "anyoneWithLink"]);
  });

  it("names the bad field by its path", () => {
    expect(seedError({ user: [] })).toMatchObject({ path: "user" });
    expect(seedError({ users: [{ email: "not-an-email" }] })).toMatchObject({ path: "users[0].email", message: 'users[0].email: expected an email address, got "not-an-email"' });
    expect(seedError({ tokens: [{ token: "t", user: "nobody@example.com" }] })).toMatchObject({ path: "tokens[0].user" });
    expect(seedError({ tokens: [{ token: "t", user: "user@example.com", scopes: ["drive"] }] })).toMatchObject({ path: "tokens[0].scopes[0]" });
    expect(seedError({ files: [{ name: "a", parents: ["missing"] }] })).toMatchObject({ path: "files[0].parents[0]" });
    expect(seedError({ files: [{ name: "a", mimeType: "application/vnd.google-apps.document", content: "x" }] })).toMatchObject({ path: "files[0].content" });
    expect(seedError({ files: [{ id: "a", name: "a" }, { id: "a", name: "b" }] })).toMatchObject({ path: "files[1].id" });
    expect(seedError({ folders: [{ name: "F", mimeType: "text/plain" }] })).toMatchObject({ path: "folders[0].mimeType" });
    expect(seedError({ permissions: [{ file: "nope", type: "anyone", role: "reader" }] })).toMatchObject({ path: "permissions[0].file" });
    expect(seedError({ files: [{ id: "a", name: "a" }], permissions: [{ file: "a", type: "user", role: "owner", emailAddress: "x@example.com" }] })).toMatchObject({ path: "permissions[0].role" });
    expect(seedError({ files: [{ id: "a", name: "a" }], permissions: [{ file: "a", type: "domain", role: "reader" }] })).toMatchObject({ path: "permissions[0].domain" });
  });

  it("shares documents made by the Docs section", () => {
    const twin = createGoogleTwin();
    const tenant = twin.tenant();
    seedTenant(twin, tenant, {
      users: [{ email: "bo@example.com" }],
      documents: [{ id: "doc", title: "Minutes", owner: "user@example.com", text: "hello" }],
      permissions: [{ file: "doc", type: "user", role: "writer", emailAddress: "bo@example.com" }],
    });
    const document = getWorkspaceFile(tenant.state, "doc")!;
    expect(filePermissions(tenant.state, document).map((permission) => [permission.role, permission.emailAddress])).toEqual([["owner", "user@example.com"], ["writer", "bo@example.com"]]);
  });

  it("seeds all or nothing", () => {
    const twin = createGoogleTwin();
    const tenant = twin.tenant();
    const before = tenant.state;
    expect(() => seedTenant(twin, tenant, { folders: [{ id: "f", name: "F" }], files: [{ name: 3 }] })).toThrow(TwinFixtureError);
    expect(tenant.state).toBe(before);
  });
});
