/**
 * files.list `orderBy`: a comma-separated list of keys, each optionally followed by `desc`
 * (`folder,modifiedTime desc,name`). `folder` puts folders first; `name_natural` compares digit
 * runs as numbers; `recency` is the later of modified and created times. Without `orderBy` the
 * twin lists in creation order (Drive documents no default; a fixed one keeps answers deterministic).
 */
import { GOOGLE_FOLDER_MIME, type WorkspaceFile } from "../google-common/workspace-files.js";
import { invalidValue } from "./errors.js";

export interface OrderKey {
  key: string;
  descending: boolean;
}

const KEYS = new Set(["createdTime", "folder", "modifiedByMeTime", "modifiedTime", "name", "name_natural", "quotaBytesUsed", "recency", "sharedWithMeTime", "starred", "viewedByMeTime"]);

export function parseOrderBy(text: string): OrderKey[] | Response {
  if (text.trim() === "") return [];
  const keys: OrderKey[] = [];
  for (const part of text.split(",")) {
    const words = part.trim().split(/\s+/);
    const [key = "", direction] = words;
    if (!KEYS.has(key) || words.length > 2 || (direction !== undefined && direction !== "desc" && direction !== "asc")) return invalidValue("orderBy");
    keys.push({ key, descending: direction === "desc" });
  }
  return keys;
}

const collator = new Intl.Collator("en", { sensitivity: "base" });
const naturalCollator = new Intl.Collator("en", { sensitivity: "base", numeric: true });

function compareKey(left: WorkspaceFile, right: WorkspaceFile, key: string): number {
  switch (key) {
    case "folder":
      return Number(right.mimeType === GOOGLE_FOLDER_MIME) - Number(left.mimeType === GOOGLE_FOLDER_MIME);
    case "name":
      return collator.compare(left.name, right.name);
    case "name_natural":
      return naturalCollator.compare(left.name, right.name);
    case "createdTime":
      return left.createdTime.localeCompare(right.createdTime);
    case "starred":
      return Number(left.starred) - Number(right.starred);
    case "quotaBytesUsed":
      return (left.size ?? 0) - (right.size ?? 0);
    case "recency": {
      const latest = (file: WorkspaceFile) => (file.modifiedTime > file.createdTime ? file.modifiedTime : file.createdTime);
      return latest(left).localeCompare(latest(right));
    }
    default:
      return left.modifiedTime.localeCompare(right.modifiedTime);
  }
}

/** Stable comparison by the keys in turn; ties keep creation order (Array.sort is stable). */
export function compareFiles(left: WorkspaceFile, right: WorkspaceFile, keys: readonly OrderKey[]): number {
  for (const { key, descending } of keys) {
    const result = compareKey(left, right, key);
    if (result !== 0) return descending ? -result : result;
  }
  return 0;
}
