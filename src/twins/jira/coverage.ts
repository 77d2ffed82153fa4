/**
 * What the Jira twin covers of Jira Cloud platform REST v3, keyed by method and swagger path
 * template, with the test that proves each (a generator builds docs/twins/coverage.md from it).
 * `partial` says what is missing; everything not listed is not implemented (404 from the twin).
 */
import { type CoverageEntry, testReference as t } from "../kit/index.js";
export type { CoverageEntry } from "../kit/index.js";

const SDK = "test/twins/jira-sdk.test.ts";
const CONTRACT = "test/twins/jira-contract.test.ts";

const META = t(SDK, "reads the site: server info, myself, projects, types, statuses, priorities, resolutions, fields");
const PROJECTS = t(SDK, "pages projects with startAt, maxResults, total and isLast, and creates one");
const ISSUES = t(SDK, "creates, reads, edits, assigns, transitions and deletes issues");
const COMMENTS = t(SDK, "adds, pages, reads, updates and deletes comments with ADF bodies");
const WORKLOGS = t(SDK, "logs and lists work");
const LINKS = t(SDK, "links issues and reads the links from both sides");
const USERS = t(SDK, "finds users by accountId, query and project");
const SEARCH = t(SDK, "searches with JQL and pages with nextPageToken, absent on the last page");
const WEBHOOKS = t(SDK, "registers dynamic webhooks for an app and delivers Jira's payloads");
const RAW = t(CONTRACT, "answers the deprecated lists and the removed search as Jira Cloud does");

const WEBHOOK_NOTE = "OAuth 2.0 app bearer tokens only (others get 403); the app's URL domain is not checked; issue_property_* events never fire";

export const JIRA_COVERAGE: Record<string, CoverageEntry> = {
  "GET /rest/api/3/serverInfo": { status: "supported", test: META },
  "GET /rest/api/3/myself": { status: "supported", test: META },
  "GET /rest/api/3/project": { status: "partial", test: RAW, note: "expand takes description, lead, issueTypes; recent and properties are ignored" },
  "POST /rest/api/3/project": { status: "partial", test: PROJECTS, note: "key, name, projectTypeKey, leadAccountId, description, assigneeType; templates and schemes are ignored (every project gets the site's issue types and default workflow)" },
  "GET /rest/api/3/project/search": { status: "partial", test: PROJECTS, note: "keys, id, query, typeKey, orderBy key/name/id; categoryId, action, status and properties are ignored" },
  "GET /rest/api/3/project/{projectIdOrKey}": { status: "supported", test: META, note: "versions are always empty; roles are not listed" },
  "GET /rest/api/3/project/{projectIdOrKey}/statuses": { status: "supported", test: META },
  "GET /rest/api/3/issuetype": { status: "supported", test: META },
  "GET /rest/api/3/issuetype/{id}": { status: "supported", test: META },
  "GET /rest/api/3/status": { status: "supported", test: META },
  "GET /rest/api/3/status/{idOrName}": { status: "supported", test: META },
  "GET /rest/api/3/statuscategory": { status: "supported", test: META },
  "GET /rest/api/3/statuscategory/{idOrKey}": { status: "supported", test: META },
  "GET /rest/api/3/priority": { status: "supported", test: RAW },
  "GET /rest/api/3/priority/search": { status: "partial", test: META, note: "startAt and maxResults only; the id, projectId and priorityName filters are ignored" },
  "GET /rest/api/3/priority/{id}": { status: "supported", test: META },
  "GET /rest/api/3/resolution": { status: "supported", test: RAW },
  "GET /rest/api/3/resolution/{id}": { status: "supported", test: META },
  "GET /rest/api/3/field": { status: "supported", test: META },
  "POST /rest/api/3/field": { status: "partial", test: META, note: "text, textarea, number, date, datetime, labels, select, multiselect, user, multiuser and url types; no contexts, so select options come only from fixtures" },
  "POST /rest/api/3/issue": { status: "partial", test: ISSUES, note: "fields, update (set/add/remove, issuelinks) and transition; properties and historyMetadata are ignored; no screens, so every settable field is accepted" },
  "POST /rest/api/3/issue/bulk": { status: "supported", test: ISSUES },
  "GET /rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes": { status: "supported", test: META },
  "GET /rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes/{issueTypeId}": { status: "partial", test: META, note: "no screens: every settable field is listed, required ones being summary, issuetype, project (and parent for subtasks)" },
  "GET /rest/api/3/issue/{issueIdOrKey}/editmeta": { status: "partial", test: META, note: "no screens: every settable field is listed; the override flags are ignored" },
  "GET /rest/api/3/issue/{issueIdOrKey}": { status: "partial", test: ISSUES, note: "fields and the renderedFields, names, schema, transitions, changelog and versionedRepresentations expansions; operations, editmeta, properties and fieldsByKeys are ignored" },
  "PUT /rest/api/3/issue/{issueIdOrKey}": { status: "partial", test: ISSUES, note: "fields and update (set/add/remove; comment add; issuelinks add), returnIssue; notifyUsers, override flags and properties are ignored" },
  "DELETE /rest/api/3/issue/{issueIdOrKey}": { status: "supported", test: ISSUES },
  "PUT /rest/api/3/issue/{issueIdOrKey}/assignee": { status: "supported", test: ISSUES },
  "GET /rest/api/3/issue/{issueIdOrKey}/changelog": { status: "supported", test: ISSUES },
  "GET /rest/api/3/issue/{issueIdOrKey}/transitions": { status: "partial", test: ISSUES, note: "no transition screens or conditions: transitions.fields is always empty" },
  "POST /rest/api/3/issue/{issueIdOrKey}/transitions": { status: "partial", test: ISSUES, note: "no screens or validators; entering a done status sets the resolution (given or Done), leaving it clears it" },
  "GET /rest/api/3/issue/{issueIdOrKey}/comment": { status: "supported", test: COMMENTS },
  "POST /rest/api/3/issue/{issueIdOrKey}/comment": { status: "partial", test: COMMENTS, note: "visibility is stored but not enforced; properties are ignored" },
  "GET /rest/api/3/issue/{issueIdOrKey}/comment/{id}": { status: "supported", test: COMMENTS },
  "PUT /rest/api/3/issue/{issueIdOrKey}/comment/{id}": { status: "supported", test: COMMENTS },
  "DELETE /rest/api/3/issue/{issueIdOrKey}/comment/{id}": { status: "supported", test: COMMENTS },
  "GET /rest/api/3/issue/{issueIdOrKey}/worklog": { status: "supported", test: WORKLOGS },
  "POST /rest/api/3/issue/{issueIdOrKey}/worklog": { status: "partial", test: WORKLOGS, note: "no estimates: adjustEstimate, newEstimate and reduceBy are ignored" },
  "GET /rest/api/3/issue/{issueIdOrKey}/worklog/{id}": { status: "supported", test: WORKLOGS },
  "PUT /rest/api/3/issue/{issueIdOrKey}/worklog/{id}": { status: "partial", test: WORKLOGS, note: "no estimates: adjustEstimate and newEstimate are ignored" },
  "DELETE /rest/api/3/issue/{issueIdOrKey}/worklog/{id}": { status: "partial", test: WORKLOGS, note: "no estimates: adjustEstimate, newEstimate and increaseBy are ignored" },
  "GET /rest/api/3/issueLinkType": { status: "supported", test: META },
  "GET /rest/api/3/issueLinkType/{issueLinkTypeId}": { status: "supported", test: META },
  "POST /rest/api/3/issueLink": { status: "supported", test: LINKS },
  "GET /rest/api/3/issueLink/{linkId}": { status: "supported", test: LINKS },
  "DELETE /rest/api/3/issueLink/{linkId}": { status: "supported", test: LINKS },
  "GET /rest/api/3/user": { status: "supported", test: USERS },
  "GET /rest/api/3/user/bulk": { status: "supported", test: RAW },
  "GET /rest/api/3/user/search": { status: "partial", test: USERS, note: "query and accountId; the property search is not supported" },
  "GET /rest/api/3/users/search": { status: "supported", test: USERS },
  "GET /rest/api/3/users": { status: "supported", test: USERS },
  "GET /rest/api/3/user/assignable/search": { status: "partial", test: USERS, note: "project, issueKey/issueId, query, accountId; actionDescriptorId and recommend are ignored" },
  "GET /rest/api/3/search/jql": { status: "partial", test: SEARCH, note: "the JQL subset of src/twins/jira/jql; properties, fieldsByKeys, failFast and reconcileIssues are ignored" },
  "POST /rest/api/3/search/jql": { status: "partial", test: SEARCH, note: "the JQL subset of src/twins/jira/jql; properties, fieldsByKeys, failFast and reconcileIssues are ignored" },
  "POST /rest/api/3/search/approximate-count": { status: "supported", test: SEARCH, note: "the count is exact" },
  "GET /rest/api/3/search": { status: "partial", test: RAW, note: "answers 410 Gone, as Jira Cloud does since the endpoint's removal (CHANGE-2046)" },
  "POST /rest/api/3/search": { status: "partial", test: RAW, note: "answers 410 Gone, as Jira Cloud does since the endpoint's removal (CHANGE-2046)" },
  "POST /rest/api/3/webhook": { status: "partial", test: WEBHOOKS, note: WEBHOOK_NOTE },
  "GET /rest/api/3/webhook": { status: "partial", test: WEBHOOKS, note: WEBHOOK_NOTE },
  "DELETE /rest/api/3/webhook": { status: "partial", test: WEBHOOKS, note: WEBHOOK_NOTE },
  "PUT /rest/api/3/webhook/refresh": { status: "supported", test: WEBHOOKS },
};

/** The v2 wiki-markup variants jira.js v6 sends for string rich text (not in the v3 description). */
export const JIRA_V2_COVERAGE: Record<string, CoverageEntry> = {
  "POST /rest/api/2/issue": { status: "partial", test: t(SDK, "creates issues from wiki markup through the v2 fallback jira.js uses for strings"), note: "headings and paragraphs; other markup stays text" },
  "POST /rest/api/2/issue/{issueIdOrKey}/comment": { status: "partial", test: t(SDK, "creates issues from wiki markup through the v2 fallback jira.js uses for strings"), note: "headings and paragraphs; other markup stays text" },
  "PUT /rest/api/2/issue/{issueIdOrKey}/comment/{id}": { status: "partial", test: "src/twins/jira/routes.test.ts", note: "headings and paragraphs; other markup stays text" },
  "POST /rest/api/2/issue/{issueIdOrKey}/worklog": { status: "partial", test: "src/twins/jira/routes.test.ts", note: "headings and paragraphs; other markup stays text" },
  "PUT /rest/api/2/issue/{issueIdOrKey}/worklog/{id}": { status: "partial", test: "src/twins/jira/routes.test.ts", note: "headings and paragraphs; other markup stays text" },
};
