/**
 * Reading one field value from a create, edit or transition request: the shapes Jira accepts
 * (`{"id"}` / `{"name"}` / `{"key"}` references, ADF for rich text, `YYYY-MM-DD` dates) and the
 * messages Jira gives for values it rejects. The result is the value as the issue record stores it.
 */
import type { TenantState } from "../kit/index.js";
import { ADF_REQUIRED, adfProblem, wikiToAdf } from "./adf.js";
import { isObject } from "./errors.js";
import { SETTABLE_SYSTEM_FIELDS } from "./field-catalog.js";
import {
  COLLECTIONS,
  type CustomFieldRecord,
  type IssueRecord,
  type IssueTypeRecord,
  type PriorityRecord,
  type ProjectRecord,
  findByIdOrName,
  findIssue,
  findProject,
  findUser,
  get,
} from "./model.js";
import { parseDate, parseDateTime } from "./time.js";

export type FieldResult = { value: unknown } | { error: string };

export interface FieldContext {
  state: TenantState;
  project: ProjectRecord;
  issueType: IssueTypeRecord | undefined;
  /** The issue being edited (undefined on create). */
  issue: IssueRecord | undefined;
  apiVersion: 2 | 3;
}

export const cannotBeSet = (id: string) => `Field '${id}' cannot be set. It is not on the appropriate screen, or unknown.`;
const NO_USER = "Specified user does not exist or you do not have required permissions";
const MUST_BE_STRING = "Operation value must be a string";

const ok = (value: unknown): FieldResult => ({ value });
const fail = (error: string): FieldResult => ({ error });

/** `{"id": "10001"}`, `{"name": "Bug"}`, `{"key": "PROJ"}` or a bare string/number. */
export function reference(value: unknown): { id?: string; name?: string; key?: string; accountId?: string | null } | undefined {
  if (typeof value === "string" || typeof value === "number") return { id: String(value), name: String(value), key: String(value) };
  if (!isObject(value)) return undefined;
  const pick = (name: string) => (typeof value[name] === "string" || typeof value[name] === "number" ? String(value[name]) : undefined);
  const accountId = value["accountId"] === null ? null : pick("accountId");
  return { id: pick("id"), name: pick("name") ?? pick("value"), key: pick("key"), ...(accountId !== undefined ? { accountId } : {}) };
}

export function readProject(state: TenantState, value: unknown): ProjectRecord | undefined {
  const ref = reference(value);
  if (!ref) return undefined;
  return (ref.id ? findProject(state, ref.id) : undefined) ?? (ref.key ? findProject(state, ref.key) : undefined);
}

export function readIssueType(state: TenantState, project: ProjectRecord, value: unknown): IssueTypeRecord | undefined {
  const ref = reference(value);
  if (!ref) return undefined;
  const type = (ref.id ? get<IssueTypeRecord>(state, COLLECTIONS.issueTypes, ref.id) : undefined) ?? (ref.name ? findByIdOrName<IssueTypeRecord>(state, COLLECTIONS.issueTypes, ref.name) : undefined);
  return type && project.issueTypeIds.includes(type.id) ? type : undefined;
}

function readRichText(value: unknown, context: FieldContext): FieldResult {
  if (value === null) return ok(null);
  if (context.apiVersion === 2 && typeof value === "string") return ok(value === "" ? null : wikiToAdf(value));
  if (context.apiVersion === 2) return fail(MUST_BE_STRING);
  return adfProblem(value) === undefined ? ok(value) : fail(ADF_REQUIRED);
}

function readUser(state: TenantState, value: unknown, allowEmpty: boolean): FieldResult {
  if (value === null) return allowEmpty ? ok(null) : fail(NO_USER);
  const ref = reference(value);
  const accountId = ref?.accountId ?? (isObject(value) ? undefined : ref?.id);
  if (accountId === null) return allowEmpty ? ok(null) : fail(NO_USER);
  if (!accountId) return fail(NO_USER);
  if (accountId === "-1") return ok("-1");
  const user = findUser(state, accountId);
  return user?.active ? ok(user.accountId) : fail(NO_USER);
}

function readLabels(value: unknown): FieldResult {
  if (value === null) return ok([]);
  if (!Array.isArray(value)) return fail("Operation value must be an array");
  const labels: string[] = [];
  for (const label of value) {
    if (typeof label !== "string") return fail(MUST_BE_STRING);
    if (label.trim() === "" || /\s/.test(label)) return fail(`The label '${label}' contains spaces which is invalid.`);
    if (label.length > 255) return fail("The label must not exceed 255 characters.");
    if (!labels.includes(label)) labels.push(label);
  }
  return ok(labels);
}

function readComponents(project: ProjectRecord, value: unknown): FieldResult {
  if (value === null) return ok([]);
  if (!Array.isArray(value)) return fail("Operation value must be an array");
  const ids: string[] = [];
  for (const item of value) {
    const ref = reference(item);
    const byName = !isObject(item) || item["id"] === undefined;
    const component = project.components.find((candidate) => (byName ? candidate.name === ref?.name : candidate.id === ref?.id));
    if (!component) return fail(byName ? `Component name '${ref?.name ?? ""}' is not valid` : `Component id '${ref?.id ?? ""}' is not valid`);
    if (!ids.includes(component.id)) ids.push(component.id);
  }
  return ok(ids);
}

function readParent(context: FieldContext, value: unknown): FieldResult {
  if (value === null) return ok(null);
  const ref = reference(value);
  const parent = (ref?.key ? findIssue(context.state, ref.key) : undefined) ?? (ref?.id ? findIssue(context.state, ref.id) : undefined);
  if (!parent) return fail("Could not find issue by id or key.");
  if (parent.projectId !== context.project.id && context.issueType?.subtask) return fail("Given parent issue does not belong to appropriate hierarchy.");
  const parentType = get<IssueTypeRecord>(context.state, COLLECTIONS.issueTypes, parent.issueTypeId);
  const level = context.issueType?.hierarchyLevel ?? 0;
  if (!parentType || parentType.hierarchyLevel !== (level === -1 ? 0 : level + 1)) return fail("Given parent issue does not belong to appropriate hierarchy.");
  if (context.issue && parent.id === context.issue.id) return fail("Given parent issue does not belong to appropriate hierarchy.");
  return ok(parent.id);
}

function readOption(field: CustomFieldRecord, value: unknown): FieldResult {
  const ref = reference(value);
  if (!ref || (!ref.id && !ref.name)) return fail(`Specify a valid 'id' or 'name' for ${field.name}`);
  if (field.options.length === 0) return ok({ id: ref.id ?? ref.name, value: ref.name ?? ref.id });
  const option = field.options.find((candidate) => (isObject(value) ? candidate.id === ref.id || candidate.value === ref.name : candidate.value === ref.name || candidate.id === ref.id));
  return option ? ok(option) : fail(`Option value '${ref.name ?? ref.id}' is not valid`);
}

function readCustom(context: FieldContext, field: CustomFieldRecord, value: unknown): FieldResult {
  if (value === null) return ok(null);
  switch (field.type) {
    case "string":
    case "url":
      return typeof value === "string" ? (value.length > 255 ? fail("Text is too long. Please shorten it to 255 characters or less.") : ok(value === "" ? null : value)) : fail(MUST_BE_STRING);
    case "textarea":
      return readRichText(value, context);
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? ok(value) : fail("Operation value must be a number");
    case "date":
      return typeof value === "string" && parseDate(value) !== undefined ? ok(value) : fail(`Error parsing date string: ${String(value)}`);
    case "datetime": {
      const ms = typeof value === "string" ? parseDateTime(value) : undefined;
      return ms !== undefined ? ok(ms) : fail(`Error parsing date string: ${String(value)}`);
    }
    case "labels":
      return readLabels(value);
    case "option":
      return readOption(field, value);
    case "options": {
      if (!Array.isArray(value)) return fail("Operation value must be an array");
      const options: unknown[] = [];
      for (const item of value) {
        const result = readOption(field, item);
        if ("error" in result) return result;
        options.push(result.value);
      }
      return ok(options);
    }
    case "user":
      return readUser(context.state, value, true);
    case "users": {
      if (!Array.isArray(value)) return fail("Operation value must be an array");
      const ids: string[] = [];
      for (const item of value) {
        const result = readUser(context.state, item, false);
        if ("error" in result) return result;
        if (!ids.includes(String(result.value))) ids.push(String(result.value));
      }
      return ok(ids);
    }
  }
}

/** The stored value of field `id` set to `value`, or Jira's message for it. */
export function readField(context: FieldContext, id: string, value: unknown): FieldResult {
  const { state } = context;
  if (id.startsWith("customfield_")) {
    const field = get<CustomFieldRecord>(state, COLLECTIONS.fields, id);
    return field ? readCustom(context, field, value) : fail(cannotBeSet(id));
  }
  if (!SETTABLE_SYSTEM_FIELDS.has(id)) return fail(cannotBeSet(id));
  switch (id) {
    case "summary": {
      if (typeof value !== "string") return value === null ? fail("You must specify a summary of the issue.") : fail(MUST_BE_STRING);
      const summary = value.trim();
      if (summary === "") return fail("You must specify a summary of the issue.");
      if (summary.length > 255) return fail("Summary must be less than 255 characters.");
      if (/[\r\n]/.test(summary)) return fail("The summary is invalid because it contains newline characters.");
      return ok(summary);
    }
    case "description":
    case "environment":
      return readRichText(value, context);
    case "priority": {
      const ref = reference(value);
      const priority = ref ? (ref.id ? get<PriorityRecord>(state, COLLECTIONS.priorities, ref.id) : undefined) ?? (ref.name ? findByIdOrName<PriorityRecord>(state, COLLECTIONS.priorities, ref.name) : undefined) : undefined;
      return priority ? ok(priority.id) : fail("The priority selected is invalid.");
    }
    case "assignee":
      return readUser(state, value, true);
    case "reporter":
      return readUser(state, value, false);
    case "labels":
      return readLabels(value);
    case "components":
      return readComponents(context.project, value);
    case "fixVersions":
    case "versions":
      return Array.isArray(value) && value.length === 0 ? ok([]) : fail(`Version ${isObject((value as unknown[] | undefined)?.[0]) ? "id" : "name"} is not valid`);
    case "duedate":
      if (value === null || value === "") return ok(null);
      return typeof value === "string" && parseDate(value) !== undefined ? ok(value) : fail(`Error parsing date string: ${String(value)}`);
    case "parent":
      return readParent(context, value);
    case "issuetype": {
      const type = readIssueType(state, context.project, value);
      if (!type) return fail("Specify a valid issue type");
      if (context.issue) {
        const current = get<IssueTypeRecord>(state, COLLECTIONS.issueTypes, context.issue.issueTypeId);
        if (current && current.subtask !== type.subtask) return fail("Issue type cannot be changed between a sub-task and a standard type.");
      }
      return ok(type.id);
    }
    default:
      return fail(cannotBeSet(id));
  }
}

/** The assignee `-1` ("automatic") stands for: the project lead, or nobody. */
export function automaticAssignee(state: TenantState, project: ProjectRecord): string | null {
  if (project.assigneeType !== "PROJECT_LEAD") return null;
  const lead = findUser(state, project.leadAccountId);
  return lead?.active ? lead.accountId : null;
}
