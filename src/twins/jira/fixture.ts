/**
 * Seeding a tenant from a fixture (JSON or YAML, through the admin plane or from code):
 *
 *   users:        [{ email, displayName?, accountId?, active?, admin?, groups?, apiToken?, bearerToken?, app?, scopes? }]
 *   customFields: [{ name, type, id?, description?, options? }]
 *   projects:     [{ key, name, lead?, description?, issueTypes?, workflow?, components?, members?, assigneeType? }]
 *   issues:       [{ project, summary, key?, type?, status?, assignee?, reporter?, priority?, labels?, description?,
 *                    created?, updated?, duedate?, parent?, components?, fields?, comments? }]
 *   links:        [{ type, inward, outward }]
 *   webhooks:     [{ url, events, jqlFilter?, secret? }]   (the admin-registered kind)
 *
 * Every problem is a TwinFixtureError naming the first bad path, e.g. `issues[2].status`.
 * Users are named by accountId, email or display name; a workflow is a list of status names (To Do
 * style categories by name) or `{ statuses: [{name, category}], transitions?: [{name, to, from?}] }`.
 */
import { type Tenant, TwinFixtureError } from "../kit/index.js";
import { isAdf, textToAdf } from "./adf.js";
import { isObject } from "./errors.js";
import { customTypeOf } from "./field-catalog.js";
import { applyInput } from "./issue-write.js";
import { COLLECTIONS, type CustomFieldRecord, type IssueRecord, type IssueTypeRecord, type PriorityRecord, type ProjectRecord, type StatusCategoryKey, type StatusRecord, type UserRecord, type WorkflowRecord, findByIdOrName, findIssue, findProject, get, list, nextId, put, site } from "./model.js";
import { addCredential, addProject, addStatus, addUser, addWorkflow, newApiToken } from "./site.js";
import { parseDateTime } from "./time.js";
import { configWebhooks } from "./webhook-delivery.js";
import { moveToStatus } from "./workflow.js";

type Row = Record<string, unknown>;

const fail = (path: string, message: string): never => {
  throw new TwinFixtureError(path, message);
};

function rows(value: unknown, path: string, allowed: string[]): Row[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) fail(path, "expected a list");
  return (value as unknown[]).map((row, index) => {
    if (!isObject(row)) fail(`${path}[${index}]`, "expected an object");
    for (const key of Object.keys(row as Row)) if (!allowed.includes(key)) fail(`${path}[${index}].${key}`, `unknown field (expected ${allowed.join(", ")})`);
    return row as Row;
  });
}

function text(row: Row, key: string, path: string, required = false): string | undefined {
  const value = row[key];
  if (value === undefined || value === null) return required ? fail(`${path}.${key}`, "required") : undefined;
  if (typeof value !== "string" || value.trim() === "") fail(`${path}.${key}`, "expected a non-empty string");
  return value as string;
}

function strings(row: Row, key: string, path: string): string[] | undefined {
  const value = row[key];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) fail(`${path}.${key}`, "expected a list of strings");
  return value as string[];
}

function time(row: Row, key: string, path: string): number | undefined {
  const value = text(row, key, path);
  if (value === undefined) return undefined;
  return parseDateTime(value) ?? fail(`${path}.${key}`, `not a date or timestamp: ${JSON.stringify(value)}`);
}

export function findUserRef(tenant: Tenant, ref: string): UserRecord | undefined {
  const lower = ref.toLowerCase();
  return get<UserRecord>(tenant.state, COLLECTIONS.users, ref) ?? list<UserRecord>(tenant.state, COLLECTIONS.users).find((user) => user.emailAddress.toLowerCase() === lower || user.displayName.toLowerCase() === lower);
}

function userRef(tenant: Tenant, row: Row, key: string, path: string): UserRecord | undefined {
  const ref = text(row, key, path);
  if (ref === undefined) return undefined;
  return findUserRef(tenant, ref) ?? fail(`${path}.${key}`, `no user ${JSON.stringify(ref)} (name users by accountId, email or display name)`);
}

const CATEGORY_NAMES: Record<string, StatusCategoryKey> = { new: "new", "to do": "new", todo: "new", indeterminate: "indeterminate", "in progress": "indeterminate", done: "done" };

function guessCategory(name: string, index: number, count: number): StatusCategoryKey {
  return CATEGORY_NAMES[name.toLowerCase()] ?? (index === 0 ? "new" : index === count - 1 ? "done" : "indeterminate");
}

function seedUsers(tenant: Tenant, value: unknown): void {
  rows(value, "users", ["email", "displayName", "accountId", "active", "admin", "groups", "apiToken", "bearerToken", "app", "scopes", "timeZone"]).forEach((row, index) => {
    const path = `users[${index}]`;
    const email = text(row, "email", path, true)!;
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) fail(`${path}.email`, "not an email address");
    const accountId = text(row, "accountId", path);
    const clash = list<UserRecord>(tenant.state, COLLECTIONS.users).find((user) => user.emailAddress.toLowerCase() === email.toLowerCase() && user.accountId !== accountId);
    if (clash) fail(`${path}.email`, `${email} is already the email of user ${clash.accountId}`);
    for (const key of ["active", "admin", "app"]) if (row[key] !== undefined && typeof row[key] !== "boolean") fail(`${path}.${key}`, "expected true or false");
    const app = row["app"] === true;
    const groups = strings(row, "groups", path) ?? ["jira-software-users", ...(row["admin"] === true ? ["site-admins", "jira-admins"] : [])];
    const user = addUser(tenant, { emailAddress: email, displayName: text(row, "displayName", path), ...(accountId ? { accountId } : {}), active: row["active"] !== false, accountType: app ? "app" : "atlassian", groups, timeZone: text(row, "timeZone", path) });
    const apiToken = row["apiToken"] === undefined && !app && row["bearerToken"] === undefined ? newApiToken(tenant) : text(row, "apiToken", path);
    if (apiToken) addCredential(tenant, { token: apiToken, kind: "api_token", accountId: user.accountId, app: false });
    const bearer = text(row, "bearerToken", path);
    const scopes = strings(row, "scopes", path);
    if (bearer) addCredential(tenant, { token: bearer, kind: "bearer", accountId: user.accountId, app, ...(scopes ? { scopes } : {}) });
  });
}

function seedCustomFields(tenant: Tenant, value: unknown): void {
  rows(value, "customFields", ["name", "type", "id", "description", "options"]).forEach((row, index) => {
    const path = `customFields[${index}]`;
    const name = text(row, "name", path, true)!;
    const typeKey = text(row, "type", path, true)!;
    const type = customTypeOf(typeKey) ?? fail(`${path}.type`, `unknown type ${JSON.stringify(typeKey)} (expected string, textarea, number, date, datetime, labels, option, options, user, users, url or a Jira type key)`);
    const id = text(row, "id", path) ?? `customfield_${nextId(tenant, "customfield")}`;
    if (!/^customfield_\d+$/.test(id)) fail(`${path}.id`, "expected customfield_<number>");
    if (get(tenant.state, COLLECTIONS.fields, id)) fail(`${path}.id`, `${id} already exists`);
    const options = (strings(row, "options", path) ?? []).map((option) => ({ id: nextId(tenant, "customfieldoption"), value: option }));
    const field: CustomFieldRecord = { id, name, description: text(row, "description", path) ?? "", type, options };
    put(tenant, COLLECTIONS.fields, id, field);
  });
}

function seedWorkflow(tenant: Tenant, value: unknown, path: string, name: string): WorkflowRecord {
  if (Array.isArray(value)) {
    if (value.length === 0 || !value.every((item) => typeof item === "string")) fail(path, "expected a list of status names");
    const names = value as string[];
    return addWorkflow(tenant, name, names.map((status, index) => addStatus(tenant, status, guessCategory(status, index, names.length))));
  }
  if (!isObject(value)) return fail(path, "expected a list of status names or {statuses, transitions}");
  const statuses = rows(value["statuses"], `${path}.statuses`, ["name", "category"]).map((row, index, all) => {
    const statusName = text(row, "name", `${path}.statuses[${index}]`, true)!;
    const category = text(row, "category", `${path}.statuses[${index}]`);
    const key = category ? CATEGORY_NAMES[category.toLowerCase()] ?? fail(`${path}.statuses[${index}].category`, "expected new, indeterminate or done") : guessCategory(statusName, index, all.length);
    return addStatus(tenant, statusName, key);
  });
  if (statuses.length === 0) fail(`${path}.statuses`, "at least one status is required");
  const byName = (ref: string, at: string) => statuses.find((status) => status.name.toLowerCase() === ref.toLowerCase()) ?? fail(at, `no status ${JSON.stringify(ref)} in this workflow`);
  const transitions = value["transitions"] === undefined ? undefined : rows(value["transitions"], `${path}.transitions`, ["name", "to", "from"]).map((row, index) => {
    const at = `${path}.transitions[${index}]`;
    return { name: text(row, "name", at, true)!, to: byName(text(row, "to", at, true)!, `${at}.to`).id, from: (strings(row, "from", at) ?? []).map((from) => byName(from, `${at}.from`).id) };
  });
  return addWorkflow(tenant, name, statuses, transitions);
}

function seedProjects(tenant: Tenant, value: unknown): void {
  const defaultWorkflow = list<WorkflowRecord>(tenant.state, COLLECTIONS.workflows)[0];
  rows(value, "projects", ["key", "name", "lead", "description", "issueTypes", "workflow", "components", "members", "assigneeType", "type"]).forEach((row, index) => {
    const path = `projects[${index}]`;
    const key = text(row, "key", path, true)!;
    if (!/^[A-Z][A-Z0-9]{1,9}$/.test(key)) fail(`${path}.key`, "expected 2-10 uppercase letters and digits, starting with a letter");
    if (findProject(tenant.state, key)) fail(`${path}.key`, `project ${key} already exists`);
    const lead = userRef(tenant, row, "lead", path) ?? get<UserRecord>(tenant.state, COLLECTIONS.users, site(tenant.state).adminAccountId);
    const typeNames = strings(row, "issueTypes", path);
    const issueTypeIds = typeNames ? typeNames.map((name, typeIndex) => findByIdOrName<IssueTypeRecord>(tenant.state, COLLECTIONS.issueTypes, name)?.id ?? fail(`${path}.issueTypes[${typeIndex}]`, `no issue type ${JSON.stringify(name)}`)) : list<IssueTypeRecord>(tenant.state, COLLECTIONS.issueTypes).map((type) => type.id);
    const workflow = row["workflow"] === undefined ? defaultWorkflow : seedWorkflow(tenant, row["workflow"], `${path}.workflow`, `${key} workflow`);
    const members = strings(row, "members", path)?.map((ref, memberIndex) => findUserRef(tenant, ref)?.accountId ?? fail(`${path}.members[${memberIndex}]`, `no user ${JSON.stringify(ref)}`));
    const assigneeType = row["assigneeType"] ?? "UNASSIGNED";
    if (assigneeType !== "UNASSIGNED" && assigneeType !== "PROJECT_LEAD") fail(`${path}.assigneeType`, "expected UNASSIGNED or PROJECT_LEAD");
    const type = row["type"] ?? "software";
    if (type !== "software" && type !== "business" && type !== "service_desk") fail(`${path}.type`, "expected software, business or service_desk");
    addProject(tenant, {
      key,
      name: text(row, "name", path, true)!,
      description: text(row, "description", path) ?? "",
      leadAccountId: lead?.accountId ?? "",
      projectTypeKey: type as ProjectRecord["projectTypeKey"],
      assigneeType: assigneeType as ProjectRecord["assigneeType"],
      issueTypeIds,
      workflowId: workflow?.id ?? "",
      components: (strings(row, "components", path) ?? []).map((name) => ({ id: nextId(tenant, "component", 9999), name })),
      ...(members ? { members } : {}),
    });
  });
}

function setCounter(tenant: Tenant, prefix: string, atLeast: number): void {
  tenant.update((state) => (state.meta.counters.get(prefix) ?? 0) >= atLeast ? state : { ...state, meta: { ...state.meta, counters: state.meta.counters.set(prefix, atLeast) } });
}

const ISSUE_KEYS = ["project", "summary", "key", "type", "issuetype", "status", "assignee", "reporter", "priority", "labels", "description", "created", "updated", "duedate", "parent", "components", "fields", "comments", "resolution"];

function seedIssue(tenant: Tenant, row: Row, path: string): void {
  const state = tenant.state;
  const projectRef = text(row, "project", path, true)!;
  const project = findProject(state, projectRef) ?? fail(`${path}.project`, `no project ${JSON.stringify(projectRef)}`);
  const typeName = text(row, "type", path) ?? text(row, "issuetype", path) ?? "Task";
  const issueType = findByIdOrName<IssueTypeRecord>(state, COLLECTIONS.issueTypes, typeName);
  if (!issueType || !project.issueTypeIds.includes(issueType.id)) fail(`${path}.type`, `project ${project.key} has no issue type ${JSON.stringify(typeName)}`);
  const workflow = get<WorkflowRecord>(state, COLLECTIONS.workflows, project.workflowId)!;
  const created = time(row, "created", path) ?? tenant.now();
  const updated = time(row, "updated", path) ?? created;
  const user = (key: string) => userRef(tenant, row, key, path);
  const reporter = user("reporter") ?? get<UserRecord>(state, COLLECTIONS.users, project.leadAccountId);
  const fields: Row = { summary: text(row, "summary", path, true) };
  const assignee = user("assignee");
  if (assignee) fields["assignee"] = { accountId: assignee.accountId };
  if (row["priority"] !== undefined) fields["priority"] = { name: text(row, "priority", path) };
  if (row["labels"] !== undefined) fields["labels"] = row["labels"];
  if (row["description"] !== undefined) fields["description"] = typeof row["description"] === "string" ? textToAdf(row["description"]) : row["description"];
  if (row["duedate"] !== undefined) fields["duedate"] = row["duedate"];
  if (row["parent"] !== undefined) fields["parent"] = { key: text(row, "parent", path) };
  if (row["components"] !== undefined) fields["components"] = (strings(row, "components", path) ?? []).map((name) => ({ name }));
  if (row["fields"] !== undefined) {
    if (!isObject(row["fields"])) fail(`${path}.fields`, "expected an object of field values");
    for (const [name, value] of Object.entries(row["fields"] as Row)) {
      const field = list<CustomFieldRecord>(state, COLLECTIONS.fields).find((candidate) => candidate.id === name || candidate.name.toLowerCase() === name.toLowerCase());
      fields[field?.id ?? name] = field?.type === "textarea" && typeof value === "string" ? textToAdf(value) : value;
    }
  }
  const priority = list<PriorityRecord>(state, COLLECTIONS.priorities).find((candidate) => candidate.isDefault);
  const base: IssueRecord = { id: "", key: "", projectId: project.id, issueTypeId: issueType!.id, statusId: workflow.initialStatusId, priorityId: priority?.id ?? null, summary: "", description: null, environment: null, assigneeId: null, reporterId: reporter?.accountId ?? null, creatorId: reporter?.accountId ?? "", labels: [], componentIds: [], duedate: null, created, updated, statusCategoryChanged: created, resolutionId: null, resolutionDate: null, parentId: null, custom: {}, timeSpentSeconds: 0, watchers: reporter ? [reporter.accountId] : [], history: [] };
  const applied = applyInput({ state, project, issueType, issue: undefined, apiVersion: 3 }, base, { fields, update: {} });
  if ("errors" in applied) {
    const [field, message] = Object.entries(applied.errors)[0]!;
    const where = field === "issuetype" ? "type" : ["summary", "assignee", "priority", "labels", "description", "duedate", "parent", "components"].includes(field) ? field : `fields.${field}`;
    fail(`${path}.${where}`, message);
  }
  let issue = (applied as { issue: IssueRecord }).issue;
  const statusName = text(row, "status", path);
  if (statusName) {
    const status = workflow.statusIds.map((id) => get<StatusRecord>(state, COLLECTIONS.statuses, id)!).find((candidate) => candidate.name.toLowerCase() === statusName.toLowerCase());
    if (!status) fail(`${path}.status`, `no status ${JSON.stringify(statusName)} in the workflow of ${project.key} (expected one of ${workflow.statusIds.map((id) => get<StatusRecord>(state, COLLECTIONS.statuses, id)?.name).join(", ")})`);
    const resolutionName = text(row, "resolution", path);
    const resolution = resolutionName ? findByIdOrName<{ id: string; name: string }>(state, COLLECTIONS.resolutions, resolutionName) ?? fail(`${path}.resolution`, `no resolution ${JSON.stringify(resolutionName)}`) : undefined;
    issue = { ...moveToStatus(state, issue, status!.id, updated, resolution?.id).issue, statusCategoryChanged: updated };
  }
  const key = text(row, "key", path);
  let number: number;
  if (key) {
    const match = new RegExp(`^${project.key}-(\\d+)$`).exec(key);
    if (!match) fail(`${path}.key`, `expected ${project.key}-<number>`);
    if (findIssue(state, key)) fail(`${path}.key`, `issue ${key} already exists`);
    number = Number(match![1]);
    setCounter(tenant, `issue-number:${project.id}`, number);
  } else {
    number = tenant.nextCounter(`issue-number:${project.id}`);
  }
  const id = nextId(tenant, "issue", 9999);
  issue = { ...issue, id, key: `${project.key}-${number}`, updated };
  put(tenant, COLLECTIONS.issues, id, issue);
  put(tenant, COLLECTIONS.issueKeys, issue.key, id);
  rows(row["comments"], `${path}.comments`, ["author", "body", "created"]).forEach((comment, index) => {
    const at = `${path}.comments[${index}]`;
    const author = userRef(tenant, comment, "author", at) ?? reporter;
    const body = typeof comment["body"] === "string" ? textToAdf(comment["body"]) : isAdf(comment["body"]) ? comment["body"] : fail(`${at}.body`, "expected text or an ADF document");
    const when = time(comment, "created", at) ?? updated;
    const commentId = nextId(tenant, "comment");
    put(tenant, COLLECTIONS.comments, commentId, { id: commentId, issueId: id, authorId: author?.accountId ?? "", updateAuthorId: author?.accountId ?? "", body, created: when, updated: when, visibility: null });
  });
}

function seedLinks(tenant: Tenant, value: unknown): void {
  rows(value, "links", ["type", "inward", "outward"]).forEach((row, index) => {
    const path = `links[${index}]`;
    const type = findByIdOrName<{ id: string; name: string }>(tenant.state, COLLECTIONS.linkTypes, text(row, "type", path, true)!) ?? fail(`${path}.type`, "no such link type (Blocks, Cloners, Duplicate, Relates)");
    const issue = (key: string) => findIssue(tenant.state, text(row, key, path, true)!) ?? fail(`${path}.${key}`, "no such issue");
    const link = { id: nextId(tenant, "issuelink"), typeId: type.id, inwardIssueId: issue("inward").id, outwardIssueId: issue("outward").id };
    put(tenant, COLLECTIONS.links, link.id, link);
  });
}

function seedWebhooks(tenant: Tenant, value: unknown): void {
  const given = rows(value, "webhooks", ["url", "events", "jqlFilter", "secret"]);
  given.forEach((row, index) => {
    text(row, "url", `webhooks[${index}]`, true);
    if (!strings(row, "events", `webhooks[${index}]`)) fail(`webhooks[${index}].events`, "required");
  });
  if (given.length > 0) tenant.config = { ...tenant.config, webhooks: [...configWebhooks(tenant.config), ...given] };
}

const TOP_LEVEL = ["users", "customFields", "projects", "issues", "links", "webhooks"];

export function seedJira(tenant: Tenant, fixture: unknown): void {
  if (fixture === undefined || fixture === null) return;
  if (!isObject(fixture)) fail("", "expected an object");
  for (const key of Object.keys(fixture as Row)) if (!TOP_LEVEL.includes(key)) fail(key, `unknown section (expected ${TOP_LEVEL.join(", ")})`);
  const sections = fixture as Row;
  const [state, config] = [tenant.state, tenant.config];
  try {
    seedUsers(tenant, sections["users"]);
    seedCustomFields(tenant, sections["customFields"]);
    seedProjects(tenant, sections["projects"]);
    rows(sections["issues"], "issues", ISSUE_KEYS).forEach((row, index) => seedIssue(tenant, row, `issues[${index}]`));
    seedLinks(tenant, sections["links"]);
    seedWebhooks(tenant, sections["webhooks"]);
  } catch (error) {
    tenant.state = state;
    tenant.config = config;
    throw error;
  }
}
