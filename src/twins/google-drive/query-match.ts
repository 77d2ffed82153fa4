/**
 * Evaluates a parsed Drive query against one file, as Drive does for the subset parsed in
 * query.ts. Approximations, documented in docs/twins/google-drive.md:
 * - `name contains 'x'` matches a prefix of the name or of any word in it, ignoring case
 *   (Drive's own rule: "HelloWorld" contains 'Hello', not 'World');
 * - `fullText contains 'x'` is a case-insensitive substring of the name, description and text
 *   content (text files, and Docs and Sheets through their plain-text export);
 * - times compare as instants; a time without a zone is UTC, as Drive reads it.
 */
import { filePermissions, roleAtLeast, type PermissionRole } from "../google-common/file-access.js";
import type { WorkspaceFile } from "../google-common/workspace-files.js";
import type { TenantState } from "../kit/index.js";
import type { QueryNode } from "./query.js";

export interface MatchContext {
  state: TenantState;
  /** The caller, lower case. */
  email: string;
  /** The caller's root folder id (what `'root' in parents` means). */
  rootFolderId: string;
  /** The caller's role on the file. */
  role: PermissionRole | undefined;
  /** The file's searchable text content (fullText), or "" when it has none. */
  textOf(file: WorkspaceFile): string;
}

function nameMatches(name: string, value: string): boolean {
  const needle = value.toLowerCase();
  const haystack = name.toLowerCase();
  for (let index = haystack.indexOf(needle); index >= 0; index = haystack.indexOf(needle, index + 1)) {
    if (index === 0 || !/[\p{L}\p{N}]/u.test(haystack[index - 1]!)) return true;
  }
  return false;
}

function timeOf(text: string): number {
  return Date.parse(/([zZ]|[+-]\d{2}:\d{2})$/.test(text) ? text : `${text}Z`);
}

function compare<T extends string | number>(left: T, operator: string, right: T): boolean {
  switch (operator) {
    case "=":
      return left === right;
    case "!=":
      return left !== right;
    case "<":
      return left < right;
    case "<=":
      return left <= right;
    case ">":
      return left > right;
    default:
      return left >= right;
  }
}

function inCollection(file: WorkspaceFile, field: string, value: string, context: MatchContext): boolean {
  if (field === "parents") return file.parents.includes(value === "root" ? context.rootFolderId : value);
  // `'me' in owners` names the caller, as on Drive.
  const email = value === "me" ? context.email : value.toLowerCase();
  const owner = file.owner.toLowerCase() === email;
  if (field === "owners") return owner;
  const permission = filePermissions(context.state, file).find((candidate) => candidate.emailAddress?.toLowerCase() === email);
  if (!permission) return false;
  return field === "writers" ? roleAtLeast(permission.role, "writer") : true;
}

export function matchesQuery(file: WorkspaceFile, node: QueryNode, context: MatchContext): boolean {
  switch (node.kind) {
    case "and":
      return matchesQuery(file, node.left, context) && matchesQuery(file, node.right, context);
    case "or":
      return matchesQuery(file, node.left, context) || matchesQuery(file, node.right, context);
    case "not":
      return !matchesQuery(file, node.operand, context);
    case "in":
      return inCollection(file, node.field, node.value, context);
    case "has": {
      const map = node.field === "properties" ? file.properties : file.appProperties;
      return map?.[node.key] === node.value;
    }
    case "contains": {
      if (node.field === "name") return nameMatches(file.name, node.value);
      if (node.field === "mimeType") return file.mimeType.toLowerCase().includes(node.value.toLowerCase());
      const needle = node.value.toLowerCase();
      return [file.name, file.description ?? "", context.textOf(file)].some((text) => text.toLowerCase().includes(needle));
    }
    case "compare": {
      const { field, operator, value } = node;
      if (value.kind === "boolean") {
        const actual = field === "trashed" ? file.trashed : field === "starred" ? file.starred : context.role !== undefined && context.role !== "owner";
        return operator === "=" ? actual === value.value : actual !== value.value;
      }
      if (field === "name") return compare(file.name, operator, value.value);
      if (field === "mimeType") return compare(file.mimeType, operator, value.value);
      const actual = field === "createdTime" ? file.createdTime : file.modifiedTime;
      return compare(timeOf(actual), operator, timeOf(value.value));
    }
  }
}
