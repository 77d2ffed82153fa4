/**
 * Applying `fields` and `update` (set/add/remove) to an issue, the way create, edit and
 * transition share it: every value is read with Jira's validation, errors are collected per field,
 * and each real change becomes a changelog item. Comments and links asked for through `update`
 * come back as effects for the caller to carry out after the issue is saved.
 */
import type { Tenant, TenantState } from "../kit/index.js";
import { type Adf, adfToText, isAdf } from "./adf.js";
import { isObject } from "./errors.js";
import { type FieldContext, automaticAssignee, cannotBeSet, readField, reference } from "./field-input.js";
import {
  COLLECTIONS,
  type ChangeItem,
  type ChangelogRecord,
  type CustomFieldRecord,
  type IssueRecord,
  type IssueTypeRecord,
  type LinkTypeRecord,
  type PriorityRecord,
  type ResolutionRecord,
  type StatusRecord,
  findByIdOrName,
  findIssue,
  findUser,
  get,
  nextId,
  put,
} from "./model.js";

export interface IssueInput {
  fields: Record<string, unknown>;
  update: Record<string, unknown>;
}

export type Effect = { kind: "comment"; body: Adf } | { kind: "link"; typeId: string; inwardIssueId: string; outwardIssueId: string };

export type Applied = { issue: IssueRecord; items: ChangeItem[]; effects: Effect[] } | { errors: Record<string, string> };

/** `fields` and `update` of a request body, or undefined when either is not an object. */
export function readInput(body: unknown): IssueInput | undefined {
  if (!isObject(body)) return undefined;
  const fields = body["fields"] ?? {};
  const update = body["update"] ?? {};
  if (!isObject(fields) || !isObject(update)) return undefined;
  return { fields, update };
}

const ARRAY_FIELDS = new Set(["labels", "components", "fixVersions", "versions"]);

function currentValue(issue: IssueRecord, id: string): unknown {
  switch (id) {
    case "summary": return issue.summary;
    case "description": return issue.description;
    case "environment": return issue.environment;
    case "priority": return issue.priorityId;
    case "assignee": return issue.assigneeId;
    case "reporter": return issue.reporterId;
    case "labels": return issue.labels;
    case "components": return issue.componentIds;
    case "duedate": return issue.duedate;
    case "parent": return issue.parentId;
    case "issuetype": return issue.issueTypeId;
    case "fixVersions":
    case "versions": return [];
    default: return id.startsWith("customfield_") ? issue.custom[id] ?? null : undefined;
  }
}

function withValue(issue: IssueRecord, id: string, value: unknown): IssueRecord {
  switch (id) {
    case "summary": return { ...issue, summary: value as string };
    case "description": return { ...issue, description: value as Adf | null };
    case "environment": return { ...issue, environment: value as Adf | null };
    case "priority": return { ...issue, priorityId: value as string };
    case "assignee": return { ...issue, assigneeId: value as string | null };
    case "reporter": return { ...issue, reporterId: value as string | null };
    case "labels": return { ...issue, labels: value as string[] };
    case "components": return { ...issue, componentIds: value as string[] };
    case "duedate": return { ...issue, duedate: value as string | null };
    case "parent": return { ...issue, parentId: value as string | null };
    case "issuetype": return { ...issue, issueTypeId: value as string };
    default:
      if (!id.startsWith("customfield_")) return issue;
      if (value === null || (Array.isArray(value) && value.length === 0)) {
        const custom = { ...issue.custom };
        delete custom[id];
        return { ...issue, custom };
      }
      return { ...issue, custom: { ...issue.custom, [id]: value } };
  }
}

/** A stored value as the changelog writes it: the raw id and the text a person reads. */
export function describeValue(state: TenantState, id: string, value: unknown): { raw: string | null; text: string | null } {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return { raw: null, text: null };
  const named = <T extends { name: string }>(collection: string) => ({ raw: String(value), text: get<T>(state, collection, String(value))?.name ?? String(value) });
  switch (id) {
    case "priority": return named<PriorityRecord>(COLLECTIONS.priorities);
    case "issuetype": return named<IssueTypeRecord>(COLLECTIONS.issueTypes);
    case "status": return named<StatusRecord>(COLLECTIONS.statuses);
    case "resolution": return named<ResolutionRecord>(COLLECTIONS.resolutions);
    case "assignee":
    case "reporter": return { raw: String(value), text: findUser(state, String(value))?.displayName ?? String(value) };
    case "parent": return { raw: String(value), text: get<IssueRecord>(state, COLLECTIONS.issues, String(value))?.key ?? String(value) };
    case "description":
    case "environment": return { raw: null, text: adfToText(value as Adf) };
    case "labels": return { raw: null, text: (value as string[]).join(" ") };
    default:
      if (isAdf(value)) return { raw: null, text: adfToText(value) };
      if (Array.isArray(value)) return { raw: null, text: value.map((item) => (isObject(item) ? String(item["value"]) : String(findUser(state, String(item))?.displayName ?? item))).join(",") };
      if (isObject(value)) return { raw: String(value["id"] ?? ""), text: String(value["value"] ?? "") };
      return { raw: null, text: String(value) };
  }
}

const FIELD_LABELS: Record<string, string> = { components: "Component", fixVersions: "Fix Version", versions: "Version", parent: "Parent" };

export function changeItem(state: TenantState, id: string, from: unknown, to: unknown): ChangeItem {
  const custom = id.startsWith("customfield_");
  const before = describeValue(state, id, from);
  const after = describeValue(state, id, to);
  const name = custom ? get<CustomFieldRecord>(state, COLLECTIONS.fields, id)?.name ?? id : FIELD_LABELS[id] ?? id;
  return { field: name, fieldtype: custom ? "custom" : "jira", fieldId: id, from: before.raw, fromString: before.text, to: after.raw, toString: after.text };
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function isArrayField(context: FieldContext, id: string): boolean {
  if (ARRAY_FIELDS.has(id)) return true;
  const field = id.startsWith("customfield_") ? get<CustomFieldRecord>(context.state, COLLECTIONS.fields, id) : undefined;
  return field !== undefined && ["labels", "options", "users"].includes(field.type);
}

function readLinkOp(state: TenantState, issue: IssueRecord, value: unknown): Effect | string {
  if (!isObject(value)) return "Issue link is not valid.";
  const typeRef = reference(value["type"]);
  const type = typeRef ? (typeRef.id ? get<LinkTypeRecord>(state, COLLECTIONS.linkTypes, typeRef.id) : undefined) ?? (typeRef.name ? findByIdOrName<LinkTypeRecord>(state, COLLECTIONS.linkTypes, typeRef.name) : undefined) : undefined;
  if (!type) return `No issue link type with name '${typeRef?.name ?? typeRef?.id ?? ""}' found.`;
  const otherRef = reference(value["outwardIssue"] ?? value["inwardIssue"]);
  const other = otherRef ? findIssue(state, otherRef.key ?? otherRef.id ?? "") : undefined;
  if (!other) return "Issue does not exist or you do not have permission to see it.";
  return value["outwardIssue"] !== undefined
    ? { kind: "link", typeId: type.id, inwardIssueId: issue.id, outwardIssueId: other.id }
    : { kind: "link", typeId: type.id, inwardIssueId: other.id, outwardIssueId: issue.id };
}

/**
 * Applies `input` to `base` (a new issue's defaults on create). `allowComment` is false on
 * create, where Jira does not take comments through `update`.
 */
export function applyInput(context: FieldContext, base: IssueRecord, input: IssueInput, options: { skip?: string[]; allowComment?: boolean } = {}): Applied {
  const errors: Record<string, string> = {};
  const effects: Effect[] = [];
  let issue = base;
  const skip = new Set(options.skip ?? []);
  const set = (id: string, raw: unknown) => {
    const result = readField(context, id, raw);
    if ("error" in result) errors[id] = result.error;
    else issue = withValue(issue, id, id === "assignee" && result.value === "-1" ? automaticAssignee(context.state, context.project) : result.value);
  };
  for (const [id, raw] of Object.entries(input.fields)) if (!skip.has(id)) set(id, raw);
  for (const [id, operations] of Object.entries(input.update)) {
    if (skip.has(id)) continue;
    if (id in input.fields) {
      errors[id] = `Field '${id}' cannot be set in both 'fields' and 'update'.`;
      continue;
    }
    if (!Array.isArray(operations)) {
      errors[id] = "Operation value must be an array";
      continue;
    }
    for (const operation of operations) {
      const [verb, value] = isObject(operation) && Object.keys(operation).length === 1 ? Object.entries(operation)[0]! : ["", undefined];
      if (id === "comment") {
        if (verb !== "add" || !options.allowComment) errors[id] = cannotBeSet(id);
        else if (!isObject(value) || !isAdf(value["body"])) errors[id] = "Comment body is not valid!";
        else effects.push({ kind: "comment", body: value["body"] });
      } else if (id === "issuelinks") {
        const link = verb === "add" ? readLinkOp(context.state, issue, value) : cannotBeSet(id);
        if (typeof link === "string") errors[id] = link;
        else effects.push(link);
      } else if (verb === "set") {
        set(id, value);
      } else if ((verb === "add" || verb === "remove") && isArrayField(context, id)) {
        const current = (currentValue(issue, id) as unknown[] | null) ?? [];
        const result = readField(context, id, [value]);
        if ("error" in result) errors[id] = result.error;
        else {
          const [item] = result.value as unknown[];
          const matches = (candidate: unknown) => sameValue(candidate, item);
          const next = verb === "add" ? (current.some(matches) ? current : [...current, item]) : current.filter((candidate) => !matches(candidate));
          issue = withValue(issue, id, next);
        }
      } else if (!id.startsWith("customfield_") && !["summary", "description", "environment", "priority", "assignee", "reporter", "duedate", "parent", "issuetype", ...ARRAY_FIELDS].includes(id)) {
        errors[id] = cannotBeSet(id);
      } else {
        errors[id] = `Operation '${verb}' is not supported for field '${id}'.`;
      }
    }
  }
  if (Object.keys(errors).length > 0) return { errors };
  const items: ChangeItem[] = [];
  for (const id of new Set([...Object.keys(input.fields), ...Object.keys(input.update)])) {
    if (skip.has(id) || id === "comment" || id === "issuelinks") continue;
    const before = currentValue(base, id);
    const after = currentValue(issue, id);
    if (!sameValue(before, after)) items.push(changeItem(context.state, id, before, after));
  }
  return { issue, items, effects };
}

/** Saves an issue, appending a changelog entry when there are items; returns that entry. */
export function saveIssue(tenant: Tenant, issue: IssueRecord, authorId: string, items: ChangeItem[]): { issue: IssueRecord; changelog: ChangelogRecord | undefined } {
  let saved = issue;
  let changelog: ChangelogRecord | undefined;
  if (items.length > 0) {
    changelog = { id: nextId(tenant, "changelog"), authorId, created: tenant.now(), items };
    saved = { ...issue, updated: tenant.now(), history: [...issue.history, changelog] };
  }
  put(tenant, COLLECTIONS.issues, saved.id, saved);
  return { issue: saved, changelog };
}
