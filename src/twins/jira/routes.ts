/**
 * The operations the twin serves, by the swagger's method and path template, with the classic
 * OAuth 2.0 scopes the swagger lists for each (a scoped bearer token must hold them). The v2
 * routes are the wiki-markup variants jira.js v6 sends when a rich-text value is a string.
 */
import * as comments from "./comments.js";
import * as issueMeta from "./issue-meta.js";
import * as issues from "./issues.js";
import * as links from "./links.js";
import * as metadata from "./metadata.js";
import * as projects from "./projects.js";
import type { Route } from "./router.js";
import * as search from "./search.js";
import * as users from "./users.js";
import * as webhooks from "./webhooks.js";
import * as workflow from "./workflow.js";
import * as worklogs from "./worklogs.js";

const READ = ["read:jira-work"];
const WRITE = ["write:jira-work"];
const USER = ["read:jira-user"];
const CONFIG = ["manage:jira-configuration"];
const WEBHOOK = ["read:jira-work", "manage:jira-webhook"];

const route = (method: Route["method"], template: string, handler: Route["handler"], scopes: string[], anonymous = false): Route => ({ method, template, handler, scopes, ...(anonymous ? { anonymous } : {}) });

const V3 = "/rest/api/3";
const V2 = "/rest/api/2";

export const ROUTES: Route[] = [
  route("GET", `${V3}/serverInfo`, metadata.serverInfo, [], true),
  route("GET", `${V3}/myself`, users.myself, USER),
  route("GET", `${V3}/project`, projects.listProjects, READ),
  route("POST", `${V3}/project`, projects.createProject, CONFIG),
  route("GET", `${V3}/project/search`, projects.searchProjects, READ),
  route("GET", `${V3}/project/{projectIdOrKey}`, projects.getProject, READ),
  route("GET", `${V3}/project/{projectIdOrKey}/statuses`, projects.projectStatuses, READ),
  route("GET", `${V3}/issuetype`, metadata.listIssueTypes, READ),
  route("GET", `${V3}/issuetype/{id}`, metadata.getIssueType, READ),
  route("GET", `${V3}/status`, metadata.listStatuses, READ),
  route("GET", `${V3}/status/{idOrName}`, metadata.getStatus, READ),
  route("GET", `${V3}/statuscategory`, metadata.listStatusCategories, READ),
  route("GET", `${V3}/statuscategory/{idOrKey}`, metadata.getStatusCategory, READ),
  route("GET", `${V3}/priority`, metadata.listPriorities, READ),
  route("GET", `${V3}/priority/search`, metadata.searchPriorities, CONFIG),
  route("GET", `${V3}/priority/{id}`, metadata.getPriority, READ),
  route("GET", `${V3}/resolution`, metadata.listResolutions, READ),
  route("GET", `${V3}/resolution/{id}`, metadata.getResolution, READ),
  route("GET", `${V3}/field`, metadata.listFields, READ),
  route("POST", `${V3}/field`, metadata.createCustomField, CONFIG),
  route("POST", `${V3}/issue`, issues.createIssue, WRITE),
  route("POST", `${V3}/issue/bulk`, issues.createIssues, WRITE),
  route("GET", `${V3}/issue/createmeta/{projectIdOrKey}/issuetypes`, issueMeta.createMetaIssueTypes, READ),
  route("GET", `${V3}/issue/createmeta/{projectIdOrKey}/issuetypes/{issueTypeId}`, issueMeta.createMetaFields, READ),
  route("GET", `${V3}/issue/{issueIdOrKey}`, issues.getIssue, READ),
  route("GET", `${V3}/issue/{issueIdOrKey}/editmeta`, issueMeta.editMeta, READ),
  route("PUT", `${V3}/issue/{issueIdOrKey}`, issues.editIssue, WRITE),
  route("DELETE", `${V3}/issue/{issueIdOrKey}`, issues.deleteIssue, WRITE),
  route("PUT", `${V3}/issue/{issueIdOrKey}/assignee`, issues.assignIssue, WRITE),
  route("GET", `${V3}/issue/{issueIdOrKey}/changelog`, issues.getChangelog, READ),
  route("GET", `${V3}/issue/{issueIdOrKey}/transitions`, workflow.getTransitions, READ),
  route("POST", `${V3}/issue/{issueIdOrKey}/transitions`, workflow.doTransition, WRITE),
  route("GET", `${V3}/issue/{issueIdOrKey}/comment`, comments.listComments, READ),
  route("POST", `${V3}/issue/{issueIdOrKey}/comment`, comments.addComment, WRITE),
  route("GET", `${V3}/issue/{issueIdOrKey}/comment/{id}`, comments.getComment, READ),
  route("PUT", `${V3}/issue/{issueIdOrKey}/comment/{id}`, comments.updateComment, WRITE),
  route("DELETE", `${V3}/issue/{issueIdOrKey}/comment/{id}`, comments.deleteComment, WRITE),
  route("GET", `${V3}/issue/{issueIdOrKey}/worklog`, worklogs.listWorklogs, READ),
  route("POST", `${V3}/issue/{issueIdOrKey}/worklog`, worklogs.addWorklog, WRITE),
  route("GET", `${V3}/issue/{issueIdOrKey}/worklog/{id}`, worklogs.getWorklog, READ),
  route("PUT", `${V3}/issue/{issueIdOrKey}/worklog/{id}`, worklogs.updateWorklog, WRITE),
  route("DELETE", `${V3}/issue/{issueIdOrKey}/worklog/{id}`, worklogs.deleteWorklog, WRITE),
  route("GET", `${V3}/issueLinkType`, links.listLinkTypes, READ),
  route("GET", `${V3}/issueLinkType/{issueLinkTypeId}`, links.getLinkType, READ),
  route("POST", `${V3}/issueLink`, links.createIssueLink, WRITE),
  route("GET", `${V3}/issueLink/{linkId}`, links.getIssueLink, READ),
  route("DELETE", `${V3}/issueLink/{linkId}`, links.deleteIssueLink, WRITE),
  route("GET", `${V3}/user`, users.getUser, USER),
  route("GET", `${V3}/user/bulk`, users.bulkUsers, USER),
  route("GET", `${V3}/user/search`, users.findUsers, USER),
  route("GET", `${V3}/users/search`, users.allUsers, USER),
  route("GET", `${V3}/users`, users.allUsers, USER),
  route("GET", `${V3}/user/assignable/search`, users.assignableUsers, USER),
  route("GET", `${V3}/search/jql`, search.searchJql, READ),
  route("POST", `${V3}/search/jql`, search.searchJql, READ),
  route("POST", `${V3}/search/approximate-count`, search.approximateCount, READ),
  route("GET", `${V3}/search`, search.removedSearch, READ),
  route("POST", `${V3}/search`, search.removedSearch, READ),
  route("POST", `${V3}/webhook`, webhooks.registerWebhooks, WEBHOOK),
  route("GET", `${V3}/webhook`, webhooks.listWebhooks, WEBHOOK),
  route("DELETE", `${V3}/webhook`, webhooks.deleteWebhooks, WEBHOOK),
  route("PUT", `${V3}/webhook/refresh`, webhooks.refreshWebhooks, WEBHOOK),
  route("POST", `${V2}/issue`, issues.createIssue, WRITE),
  route("POST", `${V2}/issue/{issueIdOrKey}/comment`, comments.addComment, WRITE),
  route("PUT", `${V2}/issue/{issueIdOrKey}/comment/{id}`, comments.updateComment, WRITE),
  route("POST", `${V2}/issue/{issueIdOrKey}/worklog`, worklogs.addWorklog, WRITE),
  route("PUT", `${V2}/issue/{issueIdOrKey}/worklog/{id}`, worklogs.updateWorklog, WRITE),
];
