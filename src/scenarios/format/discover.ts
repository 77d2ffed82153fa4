/**
 * Finding scenario files: every *.yaml / *.yml under a directory, recursively and sorted, leaving
 * out `fixtures` directories (twin seed data lives there) and dot-directories.
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { LightsoutError } from "../../errors.js";

const SCENARIO_EXTENSION = /\.ya?ml$/i;

function walk(directory: string, files: string[]): void {
  const entries = readdirSync(directory, { withFileTypes: true }).sort((left, right) => (left.name < right.name ? -1 : left.name > right.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === "fixtures" || entry.name.startsWith(".")) continue;
      walk(path, files);
    } else if (entry.isFile() && SCENARIO_EXTENSION.test(entry.name)) {
      files.push(path);
    }
  }
}

/**
 * The scenario files a path names: the file itself (whatever its extension), or every scenario
 * file under a directory. Throws SCENARIO when the path does not exist.
 */
export function listScenarioFiles(pathOrDir: string): string[] {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(pathOrDir).isDirectory();
  } catch {
    throw new LightsoutError("SCENARIO", `${pathOrDir}: no such file or directory`);
  }
  if (!isDirectory) return [pathOrDir];
  const files: string[] = [];
  walk(pathOrDir, files);
  return files;
}
