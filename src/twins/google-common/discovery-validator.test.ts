import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type DiscoveryDocument, discoveryMethods, discoveryValidator } from "./discovery-validator.js";

const load = (name: string) => JSON.parse(readFileSync(new URL(`../../../vendor/apis/google/${name}`, import.meta.url), "utf8")) as DiscoveryDocument;
const drive = discoveryValidator(load("drive-v3.discovery.json"));

describe("discoveryValidator", () => {
  it("lists every method of a document by id", () => {
    expect(drive.methods.get("drive.files.list")).toMatchObject({ httpMethod: "GET", path: "files" });
    expect(discoveryMethods(load("docs-v1.discovery.json")).has("docs.documents.batchUpdate")).toBe(true);
  });

  it("resolves $refs and Google's string formats", () => {
    expect(drive.validateResponse("drive.files.list", { kind: "drive#fileList", files: [{ id: "a", size: "12", owners: [{ me: true }], createdTime: "2026-01-01T00:00:00.000Z" }] })).toEqual([]);
    expect(drive.validateResponse("drive.files.list", { files: [{ size: 12 }] })).toEqual(["/files/0/size must be string"]);
    expect(drive.validateResponse("drive.files.list", { files: [{ size: "twelve" }] })).toEqual(['/files/0/size must match pattern "^-?[0-9]+$"']);
    expect(drive.validateResponse("drive.files.get", { createdTime: "yesterday" })).toHaveLength(1);
  });

  it("closes objects but keeps maps open", () => {
    expect(drive.validateResponse("drive.files.get", { id: "a", shoeSize: 9 })).toEqual(["/ must NOT have additional properties (shoeSize)"]);
    expect(drive.validateResponse("drive.files.get", { properties: { anything: "goes" }, exportLinks: { "text/plain": "x" } })).toEqual([]);
    expect(discoveryValidator(load("drive-v3.discovery.json"), { closed: false }).validateResponse("drive.files.get", { shoeSize: 9 })).toEqual([]);
  });

  it("accepts only an empty body for methods that answer none, and refuses unknown methods", () => {
    expect(drive.validateResponse("drive.files.delete", undefined)).toEqual([]);
    expect(drive.validateResponse("drive.files.delete", { deleted: true })).toHaveLength(1);
    expect(() => drive.validateResponse("drive.files.teleport", {})).toThrow("drive v3 has no method drive.files.teleport");
    expect(drive.validateSchema("Permission", { role: "reader", kind: "drive#permission" })).toEqual([]);
  });
});
