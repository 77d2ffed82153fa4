import { describe, expect, it } from "vitest";
import { type FieldMask, parseFields, selectFields } from "./fields.js";

function mask(text: string): FieldMask {
  const result = parseFields(text);
  if ("error" in result) throw new Error(result.error);
  return result.mask;
}

const FILE = { kind: "drive#file", id: "1", name: "a", owners: [{ displayName: "Ana", emailAddress: "ana@example.com" }], capabilities: { canEdit: true, canShare: false } };

describe("fields", () => {
  it("selects top-level fields, sub-selections and paths", () => {
    expect(selectFields(FILE, mask("id,name"))).toEqual({ id: "1", name: "a" });
    expect(selectFields(FILE, mask("owners(displayName),capabilities/canShare"))).toEqual({ owners: [{ displayName: "Ana" }], capabilities: { canShare: false } });
    expect(selectFields({ files: [FILE, FILE], nextPageToken: "t" }, mask("nextPageToken, files(id, name)"))).toEqual({ nextPageToken: "t", files: [{ id: "1", name: "a" }, { id: "1", name: "a" }] });
  });

  it("takes * for everything at a level and merges repeated paths", () => {
    expect(selectFields(FILE, mask("*"))).toEqual(FILE);
    expect(selectFields({ files: [FILE] }, mask("files(*)"))).toEqual({ files: [FILE] });
    expect(selectFields(FILE, mask("capabilities/canEdit,capabilities/canShare"))).toEqual({ capabilities: FILE.capabilities });
    expect(selectFields(FILE, mask("capabilities/canEdit,capabilities"))).toEqual({ capabilities: FILE.capabilities });
  });

  it("leaves out fields the resource does not have", () => {
    expect(selectFields(FILE, mask("id,description"))).toEqual({ id: "1" });
  });

  it("refuses malformed selectors with Google's message", () => {
    for (const text of ["", "files(id", "id,,name", "files()", "id)", "a b", "files(id)x"]) {
      expect(parseFields(text)).toEqual({ error: `Invalid field selection ${text}` });
    }
  });
});
