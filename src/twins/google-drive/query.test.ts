import { describe, expect, it } from "vitest";
import { DEFAULT_SCOPES } from "../google-common/accounts.js";
import { createGoogleTwin } from "../google/index.js";
import type { WorkspaceFile } from "../google-common/workspace-files.js";
import { seedTenant } from "../kit/index.js";
import { matchesQuery } from "./query-match.js";
import { parseQuery, type QueryNode } from "./query.js";

function parsed(text: string): QueryNode {
  const result = parseQuery(text);
  if ("error" in result) throw new Error(result.error);
  return result.query;
}

function errorOf(text: string): string {
  const result = parseQuery(text);
  return "error" in result ? result.error : "parsed";
}

describe("parseQuery", () => {
  it("reads terms, with and binding tighter than or, not and parentheses", () => {
    expect(parsed("name = 'a' or name = 'b' and starred = true")).toEqual({
      kind: "or",
      left: { kind: "compare", field: "name", operator: "=", value: { kind: "string", value: "a" } },
      right: {
        kind: "and",
        left: { kind: "compare", field: "name", operator: "=", value: { kind: "string", value: "b" } },
        right: { kind: "compare", field: "starred", operator: "=", value: { kind: "boolean", value: true } },
      },
    });
    expect(parsed("not (trashed = true or starred = false)")).toMatchObject({ kind: "not", operand: { kind: "or" } });
    expect(parsed("'root' in parents AND name contains 'x'")).toMatchObject({ kind: "and", left: { kind: "in", value: "root", field: "parents" } });
  });

  it("unescapes quotes in strings and takes properties has", () => {
    expect(parsed("name = 'it\\'s'")).toMatchObject({ value: { value: "it's" } });
    expect(parsed("appProperties has { key='stage' and value='draft' }")).toEqual({ kind: "has", field: "appProperties", key: "stage", value: "draft" });
  });

  it("says what is wrong and where", () => {
    expect(errorOf("name = 'open")).toBe("unterminated string at 7");
    expect(errorOf("name contains")).toBe("expected a quoted string, found the end");
    expect(errorOf("size > 3")).toBe('expected a search term, found "size" at 0');
    expect(errorOf("trashed = maybe")).toBe('expected true or false, found "maybe" at 10');
    expect(errorOf("name > 'a'")).toBe("name takes =, != or contains");
    expect(errorOf("modifiedTime > 'yesterday'")).toBe("modifiedTime needs an RFC 3339 time, got 'yesterday'");
    expect(errorOf("'x' in name")).toBe('expected parents, owners, writers or readers, found "name" at 7');
    expect(errorOf("(name = 'a'")).toBe('expected ")", found the end');
    expect(errorOf("name = 'a' name = 'b'")).toBe('unexpected "name" at 11');
    expect(errorOf("   ")).toBe("empty query");
    expect(errorOf("starred = true;")).toBe('unexpected ";" at 14');
  });
});

describe("matchesQuery", () => {
  const twin = createGoogleTwin();
  const tenant = twin.tenant();
  seedTenant(twin, tenant, { users: [{ email: "bo@example.com" }], tokens: [{ token: "bo", user: "bo@example.com", scopes: [...DEFAULT_SCOPES] }] });
  const file: WorkspaceFile = {
    id: "f1",
    name: "HelloWorld budget-2026.txt",
    mimeType: "text/plain",
    parents: ["folder"],
    owner: "user@example.com",
    createdTime: "2026-01-01T00:00:10.000Z",
    modifiedTime: "2026-03-01T12:00:00.000Z",
    trashed: false,
    starred: true,
    version: 1,
    description: "Numbers for the board",
    properties: { stage: "draft" },
  };
  const matches = (text: string, role: "owner" | "reader" = "owner") =>
    matchesQuery(file, parsed(text), { state: tenant.state, email: role === "owner" ? "user@example.com" : "bo@example.com", rootFolderId: "folder", role, textOf: () => "Quarterly REVENUE" });

  it("matches name prefixes of words, as Drive does, ignoring case", () => {
    expect(matches("name contains 'hello'")).toBe(true);
    expect(matches("name contains 'World'")).toBe(false);
    expect(matches("name contains 'budget'")).toBe(true);
    expect(matches("name contains '2026'")).toBe(true);
    expect(matches("name = 'HelloWorld budget-2026.txt'")).toBe(true);
    expect(matches("name != 'HelloWorld budget-2026.txt'")).toBe(false);
  });

  it("searches full text in the name, description and content", () => {
    expect(matches("fullText contains 'board'")).toBe(true);
    expect(matches("fullText contains 'revenue'")).toBe(true);
    expect(matches("fullText contains 'profit'")).toBe(false);
  });

  it("compares times as instants, a time without a zone being UTC", () => {
    expect(matches("modifiedTime > '2026-03-01T11:59:59'")).toBe(true);
    expect(matches("modifiedTime > '2026-03-01T13:00:00+02:00'")).toBe(true);
    expect(matches("modifiedTime >= '2026-03-01T12:00:00Z' and modifiedTime <= '2026-03-01T12:00:00Z'")).toBe(true);
    expect(matches("createdTime < '2026-01-01T00:00:10'")).toBe(false);
  });

  it("reads booleans, collections, sharing and properties", () => {
    expect(matches("starred = true and trashed = false")).toBe(true);
    expect(matches("starred != true")).toBe(false);
    expect(matches("'root' in parents")).toBe(true);
    expect(matches("'user@example.com' in owners")).toBe(true);
    expect(matches("'me' in owners")).toBe(true);
    expect(matches("'me' in owners", "reader")).toBe(false);
    expect(matches("'bo@example.com' in readers")).toBe(false);
    expect(matches("sharedWithMe = true")).toBe(false);
    expect(matches("sharedWithMe = true", "reader")).toBe(true);
    expect(matches("properties has { key='stage' and value='draft' }")).toBe(true);
    expect(matches("not properties has { key='stage' and value='final' }")).toBe(true);
    expect(matches("mimeType contains 'text'")).toBe(true);
  });
});
