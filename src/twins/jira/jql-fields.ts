/**
 * What the JQL engine (`./jql`) sees of an issue: `resolveField(issue, key)` gives each field's
 * values (names and ids for statuses, priorities, types and projects; accountIds, display names
 * and emails for users; epoch ms for dates; plain text for ADF), and the validation hooks tell
 * Jira's "field does not exist" and "value does not exist" apart for this tenant.
 */
import type { TenantState } from "../kit/index.js";
import { adfToText, isAdf } from "./adf.js";
import { SYSTEM_FIELDS, customNumber } from "./field-catalog.js";
import { commentsOf } from "./indexes.js";
import type { JqlFieldValue } from "./jql/index.js";
import {
  COLLECTIONS,
  type ComponentRecord,
  type CustomFieldRecord,
  type IssueRecord,
  type IssueTypeRecord,
  type PriorityRecord,
  type ProjectRecord,
  type ResolutionRecord,
  type StatusRecord,
  type UserRecord,
  findUser,
  get,
  list,
} from "./model.js";
import { parseDate } from "./time.js";
import { statusCategoryId, statusCategoryName } from "./views.js";

type Values = Array<string | number>;

/**
 * ORDER BY priority follows the priorities' order (DESC puts Highest first), so the first value is
 * a sort key no query can type: a control character and the rank, which `=` never matches.
 */
function priorityRank(rank: number): string {
  return `\u0001${String(rank).padStart(4, "0")}`;
}

function named(record: { id: string; name: string } | undefined): Values | null {
  return record ? [record.name, record.id] : null;
}

function userValues(state: TenantState, accountId: string | null): Values | null {
  if (!accountId) return null;
  const user = findUser(state, accountId);
  return user ? [user.displayName, user.accountId, user.emailAddress] : [accountId];
}

function customFields(state: TenantState): CustomFieldRecord[] {
  return list<CustomFieldRecord>(state, COLLECTIONS.fields);
}

/** The custom field a JQL key names: `cf[10001]` or its name (lowercase). */
export function customFieldFor(state: TenantState, key: string): CustomFieldRecord | undefined {
  const byId = /^cf\[(\d+)\]$/.exec(key);
  return customFields(state).find((field) => (byId ? customNumber(field.id) === Number(byId[1]) : field.name.toLowerCase() === key || field.id === key));
}

function customValues(state: TenantState, field: CustomFieldRecord, value: unknown): JqlFieldValue {
  if (value === undefined || value === null) return null;
  switch (field.type) {
    case "textarea":
      return isAdf(value) ? adfToText(value) : null;
    case "date":
      return parseDate(String(value)) ?? null;
    case "option": {
      const option = value as { id: string; value: string };
      return [option.value, option.id];
    }
    case "options":
      return (value as { id: string; value: string }[]).flatMap((option) => [option.value, option.id]);
    case "user":
      return userValues(state, String(value));
    case "users":
      return (value as string[]).flatMap((id) => userValues(state, id) ?? []);
    default:
      return value as JqlFieldValue;
  }
}

function textOf(state: TenantState, issue: IssueRecord): string {
  const texts = [issue.summary, adfToText(issue.description), adfToText(issue.environment), ...commentsOf(state, issue.id).map((comment) => adfToText(comment.body))];
  for (const field of customFields(state)) {
    const value = issue.custom[field.id];
    if (field.type === "string" || field.type === "url") texts.push(String(value ?? ""));
    if (field.type === "textarea" && isAdf(value)) texts.push(adfToText(value));
  }
  return texts.filter((text) => text !== "").join("\n");
}

/** `resolveField` for `compileJql`, over one state of the tenant. */
export function createFieldResolver(state: TenantState): (issue: unknown, field: string) => JqlFieldValue {
  return (value: unknown, field: string): JqlFieldValue => {
    const issue = value as IssueRecord;
    switch (field) {
      case "project": {
        const project = get<ProjectRecord>(state, COLLECTIONS.projects, issue.projectId);
        return project ? [project.key, project.id, project.name] : null;
      }
      case "key":
      case "issuekey":
      case "issue":
        return [issue.key, Number(issue.id)];
      case "id":
        return Number(issue.id);
      case "summary":
        return issue.summary;
      case "description":
        return adfToText(issue.description);
      case "environment":
        return adfToText(issue.environment);
      case "comment":
        return commentsOf(state, issue.id).map((comment) => adfToText(comment.body));
      case "text":
        return textOf(state, issue);
      case "status":
        return named(get<StatusRecord>(state, COLLECTIONS.statuses, issue.statusId));
      case "statuscategory": {
        const status = get<StatusRecord>(state, COLLECTIONS.statuses, issue.statusId);
        return status ? [statusCategoryName(status.category), status.category, statusCategoryId(status.category)] : null;
      }
      case "issuetype":
      case "type":
        return named(get<IssueTypeRecord>(state, COLLECTIONS.issueTypes, issue.issueTypeId));
      case "priority": {
        if (!issue.priorityId) return null;
        const all = list<PriorityRecord>(state, COLLECTIONS.priorities);
        const priority = all.find((candidate) => candidate.id === issue.priorityId);
        return priority ? [priorityRank(all.length - all.indexOf(priority)), priority.name, priority.id] : null;
      }
      case "resolution":
        return issue.resolutionId ? named(get<ResolutionRecord>(state, COLLECTIONS.resolutions, issue.resolutionId)) : null;
      case "assignee":
        return userValues(state, issue.assigneeId);
      case "reporter":
        return userValues(state, issue.reporterId);
      case "creator":
        return userValues(state, issue.creatorId);
      case "labels":
        return issue.labels;
      case "created":
      case "createddate":
        return issue.created;
      case "updated":
      case "updateddate":
        return issue.updated;
      case "due":
      case "duedate":
        return issue.duedate ? parseDate(issue.duedate) ?? null : null;
      case "resolved":
      case "resolutiondate":
        return issue.resolutionDate;
      case "statuscategorychangeddate":
        return issue.statusCategoryChanged;
      case "parent": {
        const parent = issue.parentId ? get<IssueRecord>(state, COLLECTIONS.issues, issue.parentId) : undefined;
        return parent ? [parent.key, Number(parent.id)] : null;
      }
      case "component":
      case "components": {
        const project = get<ProjectRecord>(state, COLLECTIONS.projects, issue.projectId);
        return issue.componentIds.flatMap((id) => {
          const component = project?.components.find((candidate: ComponentRecord) => candidate.id === id);
          return component ? [component.name, Number(component.id)] : [];
        });
      }
      case "fixversion":
      case "affectedversion":
        return null;
      case "watchers":
        return issue.watchers.length;
      case "timespent":
        return issue.timeSpentSeconds > 0 ? issue.timeSpentSeconds : null;
      default: {
        const custom = customFieldFor(state, field);
        return custom ? customValues(state, custom, issue.custom[custom.id]) : undefined;
      }
    }
  };
}

const EXTRA_KEYS = ["key", "issue", "id", "text", "statuscategory", "type", "component", "components", "statuscategorychangeddate", "createddate", "updateddate"];

/** True when the tenant knows a JQL field key (system clause names, `cf[n]`, custom field names). */
export function isKnownJqlField(state: TenantState, key: string): boolean {
  if (EXTRA_KEYS.includes(key)) return true;
  if (SYSTEM_FIELDS.some((field) => field.clauseNames.some((name) => name.toLowerCase() === key))) return true;
  return customFieldFor(state, key) !== undefined;
}

/** False when a value can name nothing of the field, so Jira answers "The value 'x' does not exist". */
export function jqlValueExists(state: TenantState, key: string, value: string): boolean {
  const lower = value.toLowerCase();
  const matchNamed = <T extends { id: string; name: string }>(collection: string) => list<T>(state, collection).some((record) => record.id === value || record.name.toLowerCase() === lower);
  switch (key) {
    case "project":
      return list<ProjectRecord>(state, COLLECTIONS.projects).some((project) => project.id === value || project.key.toLowerCase() === lower || project.name.toLowerCase() === lower);
    case "status":
      return matchNamed<StatusRecord>(COLLECTIONS.statuses);
    case "priority":
      return matchNamed<PriorityRecord>(COLLECTIONS.priorities);
    case "issuetype":
    case "type":
      return matchNamed<IssueTypeRecord>(COLLECTIONS.issueTypes);
    case "resolution":
      return lower === "unresolved" || matchNamed<ResolutionRecord>(COLLECTIONS.resolutions);
    case "statuscategory":
      return ["to do", "in progress", "done", "no category", "new", "indeterminate", "undefined", "1", "2", "3", "4"].includes(lower);
    case "assignee":
    case "reporter":
    case "creator":
      return list<UserRecord>(state, COLLECTIONS.users).some((user) => user.accountId === value || user.emailAddress.toLowerCase() === lower || user.displayName.toLowerCase() === lower);
    default:
      return true;
  }
}
