/**
 * The records a Jira tenant holds, one collection each, and the lookups every handler shares.
 * Records are immutable JSON values: a write replaces the record (`putRecord`).
 */
import { type Tenant, type TenantState, getRecord, listRecords, putRecord } from "../kit/index.js";
import type { Adf } from "./adf.js";

export const COLLECTIONS = {
  users: "users",
  credentials: "credentials",
  statuses: "statuses",
  issueTypes: "issueTypes",
  priorities: "priorities",
  resolutions: "resolutions",
  workflows: "workflows",
  projects: "projects",
  projectKeys: "projectKeys",
  fields: "customFields",
  issues: "issues",
  issueKeys: "issueKeys",
  comments: "comments",
  worklogs: "worklogs",
  links: "issueLinks",
  linkTypes: "issueLinkTypes",
  webhooks: "webhooks",
  site: "site",
} as const;

export interface UserRecord {
  accountId: string;
  accountType: "atlassian" | "app";
  emailAddress: string;
  displayName: string;
  active: boolean;
  timeZone: string;
  locale: string;
  groups: string[];
}

/** An API token (Basic `email:token`) or a bearer token (OAuth 2.0 access token / PAT). */
export interface CredentialRecord {
  token: string;
  kind: "api_token" | "bearer";
  accountId: string;
  /** Bearer tokens of OAuth 2.0 apps may register dynamic webhooks. */
  app: boolean;
  /** Classic OAuth scopes; absent = every scope. */
  scopes?: string[];
}

export type StatusCategoryKey = "new" | "indeterminate" | "done";

export interface StatusRecord {
  id: string;
  name: string;
  description: string;
  category: StatusCategoryKey;
}

export interface IssueTypeRecord {
  id: string;
  name: string;
  description: string;
  subtask: boolean;
  hierarchyLevel: number;
  avatarId: number;
}

export interface PriorityRecord {
  id: string;
  name: string;
  description: string;
  statusColor: string;
  isDefault: boolean;
}

export interface ResolutionRecord {
  id: string;
  name: string;
  description: string;
}

export interface TransitionRecord {
  id: string;
  name: string;
  to: string;
  /** Status ids the transition leaves from; empty = global (from any status). */
  from: string[];
}

export interface WorkflowRecord {
  id: string;
  name: string;
  statusIds: string[];
  initialStatusId: string;
  transitions: TransitionRecord[];
}

export interface ComponentRecord {
  id: string;
  name: string;
}

export interface ProjectRecord {
  id: string;
  key: string;
  name: string;
  description: string;
  leadAccountId: string;
  projectTypeKey: "software" | "service_desk" | "business";
  assigneeType: "PROJECT_LEAD" | "UNASSIGNED";
  issueTypeIds: string[];
  workflowId: string;
  components: ComponentRecord[];
  /** When set, only these accounts (and admins) can browse the project. */
  members?: string[];
}

export type CustomFieldType = "string" | "textarea" | "number" | "date" | "datetime" | "labels" | "option" | "options" | "user" | "users" | "url";

export interface CustomFieldRecord {
  id: string;
  name: string;
  description: string;
  type: CustomFieldType;
  /** Allowed values of select fields; empty = any value. */
  options: { id: string; value: string }[];
}

export interface ChangeItem {
  field: string;
  fieldtype: "jira" | "custom";
  fieldId: string;
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

export interface ChangelogRecord {
  id: string;
  authorId: string;
  created: number;
  items: ChangeItem[];
}

export interface IssueRecord {
  id: string;
  key: string;
  projectId: string;
  issueTypeId: string;
  statusId: string;
  priorityId: string | null;
  summary: string;
  description: Adf | null;
  environment: Adf | null;
  assigneeId: string | null;
  reporterId: string | null;
  creatorId: string;
  labels: string[];
  componentIds: string[];
  duedate: string | null;
  created: number;
  updated: number;
  statusCategoryChanged: number;
  resolutionId: string | null;
  resolutionDate: number | null;
  parentId: string | null;
  custom: Record<string, unknown>;
  timeSpentSeconds: number;
  watchers: string[];
  history: ChangelogRecord[];
}

export interface CommentRecord {
  id: string;
  issueId: string;
  authorId: string;
  updateAuthorId: string;
  body: Adf;
  created: number;
  updated: number;
  visibility: { type: "group" | "role"; value: string } | null;
}

export interface WorklogRecord {
  id: string;
  issueId: string;
  authorId: string;
  updateAuthorId: string;
  comment: Adf | null;
  started: number;
  timeSpentSeconds: number;
  created: number;
  updated: number;
}

export interface LinkTypeRecord {
  id: string;
  name: string;
  inward: string;
  outward: string;
}

export interface LinkRecord {
  id: string;
  typeId: string;
  inwardIssueId: string;
  outwardIssueId: string;
}

export interface WebhookRecord {
  id: number;
  /** The token of the app that registered it: each app sees its own. */
  owner: string;
  url: string;
  events: string[];
  jqlFilter: string;
  fieldIdsFilter?: string[];
  expirationDate: number;
}

export interface SiteRecord {
  title: string;
  adminAccountId: string;
}

export const ADMIN_GROUPS = ["site-admins", "jira-admins", "administrators"];

export function isAdmin(user: UserRecord): boolean {
  return user.groups.some((group) => ADMIN_GROUPS.includes(group));
}

export const get = <T>(state: TenantState, collection: string, id: string) => getRecord<T>(state, collection, id);
export const list = <T>(state: TenantState, collection: string) => listRecords<T>(state, collection);

export function put<T>(tenant: Tenant, collection: string, id: string, value: T): void {
  tenant.update((state) => putRecord(state, collection, id, value));
}

/** A numeric id string from a per-kind counter: `10000 + n`. */
export function nextId(tenant: Tenant, kind: string, base = 10000): string {
  return String(base + tenant.nextCounter(kind));
}

export function findIssue(state: TenantState, idOrKey: string): IssueRecord | undefined {
  const byId = get<IssueRecord>(state, COLLECTIONS.issues, idOrKey);
  if (byId) return byId;
  const id = get<string>(state, COLLECTIONS.issueKeys, idOrKey.toUpperCase());
  return id ? get<IssueRecord>(state, COLLECTIONS.issues, id) : undefined;
}

export function findProject(state: TenantState, idOrKey: string): ProjectRecord | undefined {
  const byId = get<ProjectRecord>(state, COLLECTIONS.projects, idOrKey);
  if (byId) return byId;
  const id = get<string>(state, COLLECTIONS.projectKeys, idOrKey.toUpperCase());
  return id ? get<ProjectRecord>(state, COLLECTIONS.projects, id) : undefined;
}

export function findUser(state: TenantState, accountId: string): UserRecord | undefined {
  return get<UserRecord>(state, COLLECTIONS.users, accountId);
}

export function findByIdOrName<T extends { id: string; name: string }>(state: TenantState, collection: string, idOrName: string): T | undefined {
  return get<T>(state, collection, idOrName) ?? list<T>(state, collection).find((record) => record.name.toLowerCase() === idOrName.toLowerCase());
}

export function canBrowse(user: UserRecord, project: ProjectRecord): boolean {
  return !project.members || isAdmin(user) || project.members.includes(user.accountId);
}

export function site(state: TenantState): SiteRecord {
  return get<SiteRecord>(state, COLLECTIONS.site, "site") ?? { title: "Jira", adminAccountId: "" };
}
