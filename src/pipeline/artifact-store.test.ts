import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { LightsoutError } from "../errors.js";
import { ArtifactStore, FILE_BACKING_THRESHOLD } from "./artifact-store.js";

describe("artifact store (spec 5.5)", () => {
  test("small artifacts stay in memory, large ones are written to artifacts/{id}.json", () => {
    const baseDir = mkdtempSync(join(tmpdir(), "lightsout-artifacts-"));
    const store = new ArtifactStore(baseDir, FILE_BACKING_THRESHOLD, () => 42);
    const small = store.store("plan", "The plan", { steps: 3 });
    expect(small).toEqual({ id: "plan", name: "The plan", sizeBytes: 11, storedAt: 42, isFileBacked: false });
    const big = store.store("log", "Build log", "x".repeat(FILE_BACKING_THRESHOLD + 1));
    expect(big.isFileBacked).toBe(true);
    expect(existsSync(join(baseDir, "artifacts", "log.json"))).toBe(true);
    expect(store.retrieve("plan")).toEqual({ steps: 3 });
    expect(store.retrieve("log")).toHaveLength(FILE_BACKING_THRESHOLD + 1);
    expect(store.list().map((info) => info.id)).toEqual(["plan", "log"]);
  });

  test("has, remove, clear; retrieving a missing artifact is a precise error", () => {
    const baseDir = mkdtempSync(join(tmpdir(), "lightsout-artifacts-"));
    const store = new ArtifactStore(baseDir, 10);
    store.store("a", "A", "0123456789abcdef");
    expect(store.has("a")).toBe(true);
    store.remove("a");
    expect(store.has("a")).toBe(false);
    expect(existsSync(join(baseDir, "artifacts", "a.json"))).toBe(false);
    store.store("b", "B", 1);
    store.clear();
    expect(store.size).toBe(0);
    expect(() => store.retrieve("a")).toThrow(/artifact not found: a/);
    try {
      store.retrieve("a");
    } catch (error) {
      expect(LightsoutError.isInstance(error) && error.code).toBe("ARTIFACT_NOT_FOUND");
    }
  });

  test("stored values are copies; ids cannot escape the artifacts directory", () => {
    const store = new ArtifactStore();
    const value = { list: [1] };
    store.store("v", "V", value);
    value.list.push(2);
    expect(store.retrieve("v")).toEqual({ list: [1] });
    expect(() => store.store("../escape", "bad", 1)).toThrow(/must match/);
  });
});
