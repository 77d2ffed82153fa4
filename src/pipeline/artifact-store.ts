/**
 * Named storage for large stage outputs that do not belong in the context (spec 5.5).
 * Values above the threshold are written to `{baseDir}/artifacts/{id}.json` and read back on demand.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { LightsoutError } from "../errors.js";

export interface ArtifactInfo {
  id: string;
  name: string;
  sizeBytes: number;
  storedAt: number;
  isFileBacked: boolean;
}

export const FILE_BACKING_THRESHOLD = 100 * 1024;
const SAFE_ID = /^[A-Za-z0-9_.-]+$/;

export class ArtifactStore {
  private readonly artifacts = new Map<string, { info: ArtifactInfo; data: unknown }>();

  constructor(
    private readonly baseDir?: string,
    private readonly threshold = FILE_BACKING_THRESHOLD,
    private readonly now: () => number = Date.now,
  ) {}

  store(id: string, name: string, data: unknown): ArtifactInfo {
    if (!SAFE_ID.test(id) || id === "." || id === "..") {
      throw new LightsoutError("INPUT", `artifact id "${id}" must match [A-Za-z0-9_.-]+`);
    }
    const serialized = JSON.stringify(data) ?? "null";
    const sizeBytes = Buffer.byteLength(serialized);
    const isFileBacked = sizeBytes > this.threshold && this.baseDir !== undefined;
    let stored: unknown = structuredClone(data);
    if (isFileBacked) {
      const directory = join(this.baseDir!, "artifacts");
      mkdirSync(directory, { recursive: true });
      stored = join(directory, `${id}.json`);
      writeFileSync(stored as string, serialized);
    }
    const info: ArtifactInfo = { id, name, sizeBytes, storedAt: this.now(), isFileBacked };
    this.artifacts.set(id, { info, data: stored });
    return info;
  }

  retrieve(id: string): unknown {
    const entry = this.artifacts.get(id);
    if (!entry) throw new LightsoutError("ARTIFACT_NOT_FOUND", `artifact not found: ${id}`);
    if (entry.info.isFileBacked) return JSON.parse(readFileSync(entry.data as string, "utf8"));
    return structuredClone(entry.data);
  }

  has(id: string): boolean {
    return this.artifacts.has(id);
  }

  list(): ArtifactInfo[] {
    return [...this.artifacts.values()].map((entry) => ({ ...entry.info }));
  }

  remove(id: string): void {
    const entry = this.artifacts.get(id);
    if (entry?.info.isFileBacked) rmSync(entry.data as string, { force: true });
    this.artifacts.delete(id);
  }

  clear(): void {
    for (const id of [...this.artifacts.keys()]) this.remove(id);
  }

  get size(): number {
    return this.artifacts.size;
  }
}
