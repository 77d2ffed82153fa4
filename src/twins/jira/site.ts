/**
 * A new tenant's site: statuses To Do / In Progress / Done, issue types Task, Bug, Story, Epic and
 * Subtask, five priorities, resolutions, link types, a simplified workflow whose transitions reach
 * each status from any other, an admin with an API token, an OAuth 2.0 app with a bearer token,
 * and the project DEMO. The builders here are shared with fixtures.
 */
import type { Tenant } from "../kit/index.js";
import {
  COLLECTIONS,
  type CredentialRecord,
  type IssueTypeRecord,
  type LinkTypeRecord,
  type PriorityRecord,
  type ProjectRecord,
  type ResolutionRecord,
  type SiteRecord,
  type StatusCategoryKey,
  type StatusRecord,
  type UserRecord,
  type WorkflowRecord,
  findByIdOrName,
  nextId,
  put,
} from "./model.js";

export const DEFAULT_ADMIN_EMAIL = "admin@example.com";
export const DEFAULT_APP_EMAIL = "app@connect.example.com";

/** `length` hex digits from the tenant's seeded generator. */
export function randomHex(tenant: Tenant, length: number): string {
  let text = "";
  while (text.length < length) text += Math.floor(tenant.random() * 0x100000000).toString(16).padStart(8, "0");
  return text.slice(0, length);
}

export function newAccountId(tenant: Tenant): string {
  return `712020:${randomHex(tenant, 8)}-${randomHex(tenant, 4)}-${randomHex(tenant, 4)}-${randomHex(tenant, 4)}-${randomHex(tenant, 12)}`;
}

export function newApiToken(tenant: Tenant): string {
  return `ATATT3xFfGF0${randomHex(tenant, 64).toUpperCase()}=${randomHex(tenant, 8).toUpperCase()}`;
}

export function newBearerToken(tenant: Tenant): string {
  const header = Buffer.from(JSON.stringify({ kid: "lightsout-twin", alg: "RS256" })).toString("base64url");
  const claims = Buffer.from(JSON.stringify({ jti: randomHex(tenant, 32), iss: "https://auth.atlassian.com" })).toString("base64url");
  return `${header}.${claims}.${randomHex(tenant, 86)}`;
}

export function addUser(tenant: Tenant, user: Partial<UserRecord> & { emailAddress: string }): UserRecord {
  const record: UserRecord = {
    accountId: user.accountId ?? newAccountId(tenant),
    accountType: user.accountType ?? "atlassian",
    emailAddress: user.emailAddress,
    displayName: user.displayName ?? user.emailAddress.split("@")[0]!,
    active: user.active ?? true,
    timeZone: user.timeZone ?? "Etc/UTC",
    locale: user.locale ?? "en_US",
    groups: user.groups ?? ["jira-software-users"],
  };
  put(tenant, COLLECTIONS.users, record.accountId, record);
  return record;
}

export function addCredential(tenant: Tenant, credential: CredentialRecord): CredentialRecord {
  put(tenant, COLLECTIONS.credentials, credential.token, credential);
  return credential;
}

export function addStatus(tenant: Tenant, name: string, category: StatusCategoryKey): StatusRecord {
  const existing = findByIdOrName<StatusRecord>(tenant.state, COLLECTIONS.statuses, name);
  if (existing) return existing;
  const status: StatusRecord = { id: nextId(tenant, "status", 9999), name, description: "", category };
  put(tenant, COLLECTIONS.statuses, status.id, status);
  return status;
}

/** A workflow over `statuses` (the first is initial) with a global transition into each. */
export function addWorkflow(tenant: Tenant, name: string, statuses: StatusRecord[], transitions?: { name: string; to: string; from: string[] }[]): WorkflowRecord {
  const workflow: WorkflowRecord = {
    id: nextId(tenant, "workflow", 9999),
    name,
    statusIds: statuses.map((status) => status.id),
    initialStatusId: statuses[0]!.id,
    transitions: transitions
      ? transitions.map((transition, index) => ({ id: String((index + 1) * 10 + 1), ...transition }))
      : statuses.map((status, index) => ({ id: String((index + 1) * 10 + 1), name: status.name, to: status.id, from: [] })),
  };
  put(tenant, COLLECTIONS.workflows, workflow.id, workflow);
  return workflow;
}

export function addProject(tenant: Tenant, project: Omit<ProjectRecord, "id">): ProjectRecord {
  const record: ProjectRecord = { id: nextId(tenant, "project", 9999), ...project };
  put(tenant, COLLECTIONS.projects, record.id, record);
  put(tenant, COLLECTIONS.projectKeys, record.key, record.id);
  return record;
}

const ISSUE_TYPES: [string, string, number, number][] = [
  ["Task", "A small, distinct piece of work.", 0, 10318],
  ["Bug", "A problem or error.", 0, 10303],
  ["Story", "A user story: a feature from the user's point of view.", 0, 10315],
  ["Epic", "A collection of related bugs, stories, and tasks.", 1, 10307],
  ["Subtask", "A small piece of work that's part of a larger task.", -1, 10316],
];

const PRIORITIES: [string, string, string][] = [
  ["Highest", "This problem will block progress.", "#d04437"],
  ["High", "Serious problem that could block progress.", "#f15C75"],
  ["Medium", "Has the potential to affect progress.", "#f79232"],
  ["Low", "Minor problem or easily worked around.", "#707070"],
  ["Lowest", "Trivial problem with little or no impact on progress.", "#999999"],
];

export function initializeSite(tenant: Tenant): void {
  const statuses = [addStatus(tenant, "To Do", "new"), addStatus(tenant, "In Progress", "indeterminate"), addStatus(tenant, "Done", "done")];
  const issueTypes = ISSUE_TYPES.map(([name, description, hierarchyLevel, avatarId]) => {
    const type: IssueTypeRecord = { id: nextId(tenant, "issuetype"), name, description, subtask: hierarchyLevel === -1, hierarchyLevel, avatarId };
    put(tenant, COLLECTIONS.issueTypes, type.id, type);
    return type;
  });
  PRIORITIES.forEach(([name, description, statusColor], index) => {
    const priority: PriorityRecord = { id: String(index + 1), name, description, statusColor, isDefault: name === "Medium" };
    put(tenant, COLLECTIONS.priorities, priority.id, priority);
  });
  for (const [name, description] of [["Done", "Work has been completed on this issue."], ["Won't Do", "This issue won't be actioned."], ["Duplicate", "The problem is a duplicate of an existing issue."], ["Cannot Reproduce", "All attempts at reproducing this issue failed."]] as const) {
    const resolution: ResolutionRecord = { id: nextId(tenant, "resolution", 9999), name, description };
    put(tenant, COLLECTIONS.resolutions, resolution.id, resolution);
  }
  for (const [name, inward, outward] of [["Blocks", "is blocked by", "blocks"], ["Cloners", "is cloned by", "clones"], ["Duplicate", "is duplicated by", "duplicates"], ["Relates", "relates to", "relates to"]] as const) {
    const type: LinkTypeRecord = { id: nextId(tenant, "linktype", 9999), name, inward, outward };
    put(tenant, COLLECTIONS.linkTypes, type.id, type);
  }
  const workflow = addWorkflow(tenant, "Software Simplified Workflow", statuses);
  const admin = addUser(tenant, { emailAddress: DEFAULT_ADMIN_EMAIL, displayName: "Site Admin", groups: ["site-admins", "jira-admins", "jira-software-users"] });
  addCredential(tenant, { token: newApiToken(tenant), kind: "api_token", accountId: admin.accountId, app: false });
  const app = addUser(tenant, { emailAddress: DEFAULT_APP_EMAIL, displayName: "Lightsout App", accountType: "app", groups: ["atlassian-addons-admin"] });
  addCredential(tenant, { token: newBearerToken(tenant), kind: "bearer", accountId: app.accountId, app: true });
  put<SiteRecord>(tenant, COLLECTIONS.site, "site", { title: "Jira", adminAccountId: admin.accountId });
  addProject(tenant, {
    key: "DEMO",
    name: "Demo",
    description: "The demo project every new site starts with.",
    leadAccountId: admin.accountId,
    projectTypeKey: "software",
    assigneeType: "UNASSIGNED",
    issueTypeIds: issueTypes.map((type) => type.id),
    workflowId: workflow.id,
    components: [],
  });
}
