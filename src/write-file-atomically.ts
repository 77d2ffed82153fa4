/**
 * Writes a file whole or not at all: to a temporary name beside it, then a rename, which POSIX
 * makes atomic. A crash mid-write leaves the previous file (or none), never half of one. Shared
 * by checkpoints, trajectories and run reports.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

export function writeFileAtomically(path: string, text: string, options: { createDirectory?: boolean } = {}): void {
  if (options.createDirectory) mkdirSync(dirname(path), { recursive: true });
  // Unique per process and call, so two writers of one path never share a temporary file.
  const temporary = `${path}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`;
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
