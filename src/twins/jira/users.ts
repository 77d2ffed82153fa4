/**
 * Users by accountId: `/myself`, `GET /user?accountId=`, `/user/bulk`, the searches
 * (`/user/search`, `/users/search`, `/users`) and the assignable-user search.
 */
import { jiraError, json } from "./errors.js";
import { COLLECTIONS, type IssueRecord, type ProjectRecord, type UserRecord, canBrowse, findIssue, findProject, findUser, get, list } from "./model.js";
import { type JiraRequest, pageOf, queryInt, queryList } from "./request.js";
import { userJson } from "./views.js";

export function myself(request: JiraRequest): Response {
  return json(userJson(request.baseUrl, request.caller.user, queryList(request.query, "expand")));
}

export function getUser(request: JiraRequest): Response {
  const accountId = request.query.get("accountId");
  if (!accountId) {
    if (request.query.get("username") !== null || request.query.get("key") !== null) return jiraError(400, ["The username and key query parameters are not supported: specify the accountId."]);
    return jiraError(400, ["The accountId query parameter needs to be provided."]);
  }
  const user = findUser(request.tenant.state, accountId);
  if (!user) return jiraError(404, [`Specified user does not exist or you do not have required permissions`]);
  return json(userJson(request.baseUrl, user, queryList(request.query, "expand")));
}

export function bulkUsers(request: JiraRequest): Response {
  const ids = queryList(request.query, "accountId");
  if (ids.length === 0) return jiraError(400, ["The accountId query parameter needs to be provided."]);
  const users = ids.map((id) => findUser(request.tenant.state, id)).filter((user): user is UserRecord => user !== undefined);
  const startAt = queryInt(request.query, "startAt", 0);
  const maxResults = Math.min(200, queryInt(request.query, "maxResults", 10));
  const page = pageOf(users, startAt, maxResults);
  const self = `${request.baseUrl}/rest/api/3/user/bulk?${request.query.toString()}`;
  return json({ self, maxResults: page.maxResults, startAt: page.startAt, total: page.total, isLast: page.isLast, values: page.values.map((user) => userJson(request.baseUrl, user)) });
}

function matchesQuery(user: UserRecord, query: string): boolean {
  const needle = query.toLowerCase();
  if (needle === "") return true;
  const words = user.displayName.toLowerCase().split(/\s+/);
  return user.accountId === query || user.emailAddress.toLowerCase().startsWith(needle) || user.displayName.toLowerCase().startsWith(needle) || words.some((word) => word.startsWith(needle));
}

function page(request: JiraRequest, users: UserRecord[], cap = 1000): Response {
  const startAt = queryInt(request.query, "startAt", 0);
  const maxResults = Math.min(cap, queryInt(request.query, "maxResults", 50));
  return json(users.slice(startAt, startAt + maxResults).map((user) => userJson(request.baseUrl, user)));
}

export function findUsers(request: JiraRequest): Response {
  const query = request.query.get("query");
  const accountId = request.query.get("accountId");
  if (query === null && accountId === null && request.query.get("property") === null) return jiraError(400, ["One of 'query' or 'accountId' or 'property' query parameters must be provided."]);
  if (query !== null && accountId !== null) return jiraError(400, ["Only one of 'query' or 'accountId' query parameters may be provided."]);
  const users = list<UserRecord>(request.tenant.state, COLLECTIONS.users).filter((user) => user.active && (accountId !== null ? user.accountId === accountId : matchesQuery(user, query ?? "")));
  return page(request, users);
}

export function allUsers(request: JiraRequest): Response {
  return page(request, list<UserRecord>(request.tenant.state, COLLECTIONS.users));
}

export function assignableUsers(request: JiraRequest): Response {
  const { state } = request.tenant;
  const projectRef = request.query.get("project");
  const issueRef = request.query.get("issueKey") ?? request.query.get("issueId");
  if (!projectRef && !issueRef) return jiraError(400, ["The 'project' or 'issueKey' or 'issueId' query parameter must be provided."]);
  let project: ProjectRecord | undefined;
  if (issueRef) {
    const issue: IssueRecord | undefined = findIssue(state, issueRef);
    project = issue ? get<ProjectRecord>(state, COLLECTIONS.projects, issue.projectId) : undefined;
    if (!project) return jiraError(404, [`Issue '${issueRef}' not found.`]);
  } else {
    project = findProject(state, projectRef ?? "");
    if (!project) return jiraError(404, [`Project '${projectRef ?? ""}' not found.`]);
  }
  const query = request.query.get("query") ?? "";
  const accountId = request.query.get("accountId");
  const users = list<UserRecord>(state, COLLECTIONS.users).filter((user) => user.active && user.accountType === "atlassian" && canBrowse(user, project) && (accountId ? user.accountId === accountId : matchesQuery(user, query)));
  return page(request, users);
}
