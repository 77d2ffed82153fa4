/**
 * Issue search with JQL: `GET|POST /rest/api/3/search/jql` (enhanced search: ids only unless
 * `fields` asks for more, `nextPageToken` paging with the token absent on the last page, bounded
 * queries only), `POST /search/approximate-count`, and the removed `GET|POST /rest/api/3/search`,
 * which answers 410 as Jira Cloud has since its removal (CHANGE-2046).
 */
import type { TenantState } from "../kit/index.js";
import { invalidPayload, isObject, jiraError, json } from "./errors.js";
import { fieldDefinition } from "./field-catalog.js";
import { issueJson, selectFieldIds } from "./issue-view.js";
import { type CompiledJql, JqlError, compileJql, parseJql, validate } from "./jql/index.js";
import { createFieldResolver, isKnownJqlField, jqlValueExists } from "./jql-fields.js";
import { COLLECTIONS, type IssueRecord, type ProjectRecord, type UserRecord, canBrowse, get, list } from "./model.js";
import { type JiraRequest, queryList } from "./request.js";

export const UNBOUNDED = "Unbounded JQL queries are not allowed here. Please add a search restriction to your query.";
export const SEARCH_REMOVED = "The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046";

export type CompiledSearch = { compiled: CompiledJql; ordered: boolean } | { problems: string[]; unbounded?: boolean };

/** Parses, validates and compiles `jql` for `user`; `problems` are Jira's 400 messages. */
export function compileSearch(state: TenantState, jql: string, user: UserRecord | undefined, now: number, options: { requireBounded?: boolean } = {}): CompiledSearch {
  let query;
  try {
    query = parseJql(jql);
  } catch (error) {
    if (JqlError.isInstance(error)) return { problems: [error.message] };
    return { problems: ["Error in the JQL Query: the query could not be parsed."] };
  }
  if (options.requireBounded && query.where === undefined) return { problems: [UNBOUNDED], unbounded: true };
  const problems = validate(query, (key) => isKnownJqlField(state, key), { valueExists: (field, value) => jqlValueExists(state, field, value) });
  if (problems.length > 0) return { problems: problems.map((problem) => problem.message) };
  const users = list<UserRecord>(state, COLLECTIONS.users);
  const compiled = compileJql(query, {
    currentUser: user?.accountId,
    now,
    resolveField: createFieldResolver(state),
    membersOf: (group) => users.filter((candidate) => candidate.groups.some((name) => name.toLowerCase() === group.toLowerCase())).map((candidate) => candidate.accountId),
  });
  return { compiled, ordered: query.orderBy.length > 0 };
}

/** The issues `user` may browse that match, in the query's order (newest first when it has none). */
export function runSearch(state: TenantState, user: UserRecord, search: { compiled: CompiledJql; ordered: boolean }): IssueRecord[] {
  const browsable = new Map<string, boolean>();
  const canSee = (issue: IssueRecord) => {
    let allowed = browsable.get(issue.projectId);
    if (allowed === undefined) {
      const project = get<ProjectRecord>(state, COLLECTIONS.projects, issue.projectId);
      allowed = project !== undefined && canBrowse(user, project);
      browsable.set(issue.projectId, allowed);
    }
    return allowed;
  };
  const newestFirst = (a: IssueRecord, b: IssueRecord) => b.created - a.created || Number(b.id) - Number(a.id);
  const found = list<IssueRecord>(state, COLLECTIONS.issues).filter((issue) => canSee(issue) && search.compiled.matches(issue));
  return found.sort((a, b) => (search.ordered ? search.compiled.compare(a, b) : 0) || newestFirst(a, b));
}

interface SearchParameters {
  jql: string;
  nextPageToken: string | undefined;
  maxResults: number | undefined;
  fields: string[];
  expand: string[];
}

function readParameters(request: JiraRequest): SearchParameters | Response {
  if (request.httpMethod === "GET") {
    const max = request.query.get("maxResults");
    return {
      jql: request.query.get("jql") ?? "",
      nextPageToken: request.query.get("nextPageToken") ?? undefined,
      maxResults: max === null || !/^-?\d+$/.test(max) ? undefined : Number(max),
      fields: queryList(request.query, "fields"),
      expand: queryList(request.query, "expand"),
    };
  }
  const body = request.body ?? {};
  if (!isObject(body)) return invalidPayload();
  const { jql = "", nextPageToken, maxResults, fields = [], expand = "" } = body;
  const stringList = (value: unknown) => Array.isArray(value) && value.every((item) => typeof item === "string");
  if (typeof jql !== "string" || (nextPageToken !== undefined && nextPageToken !== null && typeof nextPageToken !== "string") || (maxResults !== undefined && !Number.isInteger(maxResults)) || !stringList(fields) || (typeof expand !== "string" && !stringList(expand))) return invalidPayload();
  return {
    jql,
    nextPageToken: typeof nextPageToken === "string" ? nextPageToken : undefined,
    maxResults: maxResults as number | undefined,
    fields: (fields as string[]).flatMap((field) => field.split(",")).map((field) => field.trim()).filter((field) => field !== ""),
    expand: (Array.isArray(expand) ? (expand as string[]) : (expand as string).split(",")).map((item) => item.trim()).filter((item) => item !== ""),
  };
}

/** An opaque page token: the offset and a digest of the query it belongs to. */
function pageToken(offset: number, jql: string): string {
  return Buffer.from(JSON.stringify({ o: offset, q: digest(jql) })).toString("base64url");
}

function digest(text: string): number {
  let hash = 2166136261;
  for (let index = 0; index < text.length; index += 1) hash = Math.imul(hash ^ text.charCodeAt(index), 16777619) >>> 0;
  return hash;
}

function readToken(token: string, jql: string): number | undefined {
  try {
    const value = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as unknown;
    if (!isObject(value) || !Number.isInteger(value["o"]) || value["q"] !== digest(jql) || (value["o"] as number) < 0) return undefined;
    return value["o"] as number;
  } catch {
    return undefined;
  }
}

export function searchJql(request: JiraRequest): Response {
  const parameters = readParameters(request);
  if (parameters instanceof Response) return parameters;
  const { state } = request.tenant;
  const search = compileSearch(state, parameters.jql, request.caller.user, request.tenant.now(), { requireBounded: true });
  if ("problems" in search) return jiraError(400, search.problems);
  let offset = 0;
  if (parameters.nextPageToken !== undefined) {
    const decoded = readToken(parameters.nextPageToken, parameters.jql);
    if (decoded === undefined) return jiraError(400, ["The provided next page token is invalid or expired."]);
    offset = decoded;
  }
  const idsOnly = selectFieldIds(state, parameters.fields, "id").length === 0;
  const cap = idsOnly ? 5000 : 100;
  const maxResults = Math.max(1, Math.min(cap, parameters.maxResults === undefined || parameters.maxResults < 0 ? 50 : parameters.maxResults || 50));
  const found = runSearch(state, request.caller.user, search);
  const page = found.slice(offset, offset + maxResults);
  const isLast = offset + page.length >= found.length;
  const expand = parameters.expand;
  const issues = page.map((issue) => issueJson(state, request.baseUrl, issue, { fields: parameters.fields, defaultFields: "id", expand: expand.filter((item) => item !== "names" && item !== "schema") }));
  const fieldIds = selectFieldIds(state, parameters.fields, "id");
  return json({
    issues,
    ...(expand.includes("names") ? { names: Object.fromEntries(fieldIds.map((id) => [id, fieldDefinition(state, id)?.name ?? id])) } : {}),
    ...(expand.includes("schema") ? { schema: Object.fromEntries(fieldIds.flatMap((id) => { const schema = fieldDefinition(state, id)?.schema; return schema ? [[id, schema]] : []; })) } : {}),
    ...(isLast ? {} : { nextPageToken: pageToken(offset + page.length, parameters.jql) }),
    isLast,
  });
}

export function approximateCount(request: JiraRequest): Response {
  const body = request.body;
  if (!isObject(body) || (body["jql"] !== undefined && typeof body["jql"] !== "string")) return invalidPayload();
  const search = compileSearch(request.tenant.state, String(body["jql"] ?? ""), request.caller.user, request.tenant.now(), { requireBounded: true });
  if ("problems" in search) return jiraError(400, search.problems);
  return json({ count: runSearch(request.tenant.state, request.caller.user, search).length });
}

export function removedSearch(): Response {
  return jiraError(410, [SEARCH_REMOVED]);
}
