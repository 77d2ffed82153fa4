/**
 * The fields an issue has: Jira's system fields (as `GET /rest/api/3/field` lists them) and the
 * tenant's custom fields (`customfield_10001`, JQL `cf[10001]`). Names and schemas here feed
 * `/field`, the `names` and `schema` expansions, changelog items and webhook payloads.
 */
import type { TenantState } from "../kit/index.js";
import { COLLECTIONS, type CustomFieldRecord, type CustomFieldType, list } from "./model.js";

export interface JsonType {
  type: string;
  items?: string;
  system?: string;
  custom?: string;
  customId?: number;
}

export interface FieldDefinition {
  id: string;
  name: string;
  custom: boolean;
  orderable: boolean;
  navigable: boolean;
  searchable: boolean;
  clauseNames: string[];
  schema?: JsonType;
}

type SystemRow = [id: string, name: string, clauseNames: string[], type?: string, items?: string, orderable?: boolean, navigable?: boolean];

const SYSTEM_ROWS: SystemRow[] = [
  ["summary", "Summary", ["summary"], "string"],
  ["issuetype", "Issue Type", ["issuetype", "type"], "issuetype"],
  ["parent", "Parent", ["parent"]],
  ["project", "Project", ["project"], "project", undefined, false],
  ["status", "Status", ["status"], "status", undefined, false],
  ["statusCategory", "Status Category", ["statusCategory"], "statusCategory", undefined, false],
  ["priority", "Priority", ["priority"], "priority"],
  ["assignee", "Assignee", ["assignee"], "user"],
  ["reporter", "Reporter", ["reporter"], "user"],
  ["creator", "Creator", ["creator"], "user", undefined, false],
  ["labels", "Labels", ["labels"], "array", "string"],
  ["components", "Components", ["component"], "array", "component"],
  ["fixVersions", "Fix versions", ["fixVersion"], "array", "version"],
  ["versions", "Affects versions", ["affectedVersion"], "array", "version"],
  ["description", "Description", ["description"], "string"],
  ["environment", "Environment", ["environment"], "string"],
  ["duedate", "Due date", ["due", "duedate"], "date"],
  ["created", "Created", ["created", "createdDate"], "datetime", undefined, false],
  ["updated", "Updated", ["updated", "updatedDate"], "datetime", undefined, false],
  ["resolution", "Resolution", ["resolution"], "resolution"],
  ["resolutiondate", "Resolved", ["resolutiondate", "resolved"], "datetime", undefined, false],
  ["statuscategorychangedate", "Status Category Changed", ["statusCategoryChangedDate"], "datetime", undefined, false],
  ["lastViewed", "Last Viewed", ["lastViewed"], "datetime", undefined, false],
  ["issuelinks", "Linked Issues", ["issueLinkType"], "array", "issuelinks"],
  ["subtasks", "Sub-tasks", ["subtasks"], "array", "issuelinks", false],
  ["comment", "Comment", ["comment"], "comments-page"],
  ["worklog", "Log Work", ["worklogAuthor", "worklogComment", "worklogDate"], "array", "worklog"],
  ["timespent", "Time Spent", ["timespent"], "number", undefined, false],
  ["aggregatetimespent", "Σ Time Spent", [], "number", undefined, false],
  ["timeestimate", "Remaining Estimate", ["remainingEstimate", "timeestimate"], "number", undefined, false],
  ["timeoriginalestimate", "Original estimate", ["originalEstimate", "timeoriginalestimate"], "number", undefined, false],
  ["aggregatetimeestimate", "Σ Remaining Estimate", [], "number", undefined, false],
  ["aggregatetimeoriginalestimate", "Σ Original Estimate", [], "number", undefined, false],
  ["timetracking", "Time tracking", [], "timetracking", undefined, true, false],
  ["progress", "Progress", ["progress"], "progress", undefined, false],
  ["aggregateprogress", "Σ Progress", [], "progress", undefined, false],
  ["workratio", "Work Ratio", ["workratio"], "number", undefined, false],
  ["watches", "Watchers", ["watchers"], "watches", undefined, false],
  ["votes", "Votes", ["votes"], "votes", undefined, false],
  ["attachment", "Attachment", ["attachments"], "array", "attachment"],
  ["security", "Security Level", ["level"], "securitylevel"],
  ["issuekey", "Key", ["id", "issue", "issuekey", "key"], undefined, undefined, false],
];

export const SYSTEM_FIELDS: FieldDefinition[] = SYSTEM_ROWS.map(([id, name, clauseNames, type, items, orderable = true, navigable = true]) => ({
  id,
  name,
  custom: false,
  orderable,
  navigable,
  searchable: clauseNames.length > 0 && id !== "issuekey",
  clauseNames,
  ...(type ? { schema: { type, ...(items ? { items } : {}), system: id } } : {}),
}));

/** The fields a create or edit may set (others answer "cannot be set"). */
export const SETTABLE_SYSTEM_FIELDS = new Set(["summary", "issuetype", "parent", "project", "priority", "assignee", "reporter", "labels", "components", "fixVersions", "versions", "description", "environment", "duedate"]);

interface CustomKind {
  typeKey: string;
  searcherKey: string;
  schema: { type: string; items?: string };
}

const PREFIX = "com.atlassian.jira.plugin.system.customfieldtypes:";

export const CUSTOM_KINDS: Record<CustomFieldType, CustomKind> = {
  string: { typeKey: `${PREFIX}textfield`, searcherKey: `${PREFIX}textsearcher`, schema: { type: "string" } },
  textarea: { typeKey: `${PREFIX}textarea`, searcherKey: `${PREFIX}textsearcher`, schema: { type: "string" } },
  number: { typeKey: `${PREFIX}float`, searcherKey: `${PREFIX}exactnumber`, schema: { type: "number" } },
  date: { typeKey: `${PREFIX}datepicker`, searcherKey: `${PREFIX}daterange`, schema: { type: "date" } },
  datetime: { typeKey: `${PREFIX}datetime`, searcherKey: `${PREFIX}datetimerange`, schema: { type: "datetime" } },
  labels: { typeKey: `${PREFIX}labels`, searcherKey: `${PREFIX}labelsearcher`, schema: { type: "array", items: "string" } },
  option: { typeKey: `${PREFIX}select`, searcherKey: `${PREFIX}multiselectsearcher`, schema: { type: "option" } },
  options: { typeKey: `${PREFIX}multiselect`, searcherKey: `${PREFIX}multiselectsearcher`, schema: { type: "array", items: "option" } },
  user: { typeKey: `${PREFIX}userpicker`, searcherKey: `${PREFIX}userpickergroupsearcher`, schema: { type: "user" } },
  users: { typeKey: `${PREFIX}multiuserpicker`, searcherKey: `${PREFIX}userpickergroupsearcher`, schema: { type: "array", items: "user" } },
  url: { typeKey: `${PREFIX}url`, searcherKey: `${PREFIX}exacttextsearcher`, schema: { type: "string" } },
};

/** The twin's field type for a Jira custom field type key (full or short: `textfield`). */
export function customTypeOf(typeKey: string): CustomFieldType | undefined {
  const short = typeKey.startsWith(PREFIX) ? typeKey.slice(PREFIX.length) : typeKey;
  const found = (Object.entries(CUSTOM_KINDS) as [CustomFieldType, CustomKind][]).find(([type, kind]) => kind.typeKey === `${PREFIX}${short}` || type === short);
  return found?.[0];
}

export function customNumber(id: string): number {
  return Number(id.replace("customfield_", ""));
}

export function customFieldDefinition(field: CustomFieldRecord): FieldDefinition {
  const kind = CUSTOM_KINDS[field.type];
  const number = customNumber(field.id);
  return {
    id: field.id,
    name: field.name,
    custom: true,
    orderable: true,
    navigable: true,
    searchable: true,
    clauseNames: [`cf[${number}]`, field.name],
    schema: { ...kind.schema, custom: kind.typeKey, customId: number },
  };
}

export function allFields(state: TenantState): FieldDefinition[] {
  return [...SYSTEM_FIELDS, ...list<CustomFieldRecord>(state, COLLECTIONS.fields).map(customFieldDefinition)];
}

export function fieldDefinition(state: TenantState, id: string): FieldDefinition | undefined {
  if (id.startsWith("customfield_")) {
    const field = list<CustomFieldRecord>(state, COLLECTIONS.fields).find((candidate) => candidate.id === id);
    return field ? customFieldDefinition(field) : undefined;
  }
  return SYSTEM_FIELDS.find((field) => field.id === id);
}

/** The JSON of one field for `GET /rest/api/3/field` (FieldDetails). */
export function fieldDetailsJson(field: FieldDefinition): Record<string, unknown> {
  return { id: field.id, key: field.id, name: field.name, custom: field.custom, orderable: field.orderable, navigable: field.navigable, searchable: field.searchable, clauseNames: field.clauseNames, ...(field.schema ? { schema: field.schema } : {}) };
}
