/**
 * `lightsout/twins`: the Digital Twin Universe. The kit to build twins with, the twins, and a
 * registry by name for `lightsout twins up` and for programs that start twins by name.
 * Guide: docs/twins/kit.md; what each twin covers: docs/twins/coverage.md.
 */
import type { Twin, TwinOptions } from "./kit/index.js";
import { createJiraTwin } from "./jira/index.js";
import { createSlackTwin } from "./slack/index.js";

export * from "./kit/index.js";
export { createJiraTwin, createSlackTwin };
export { slackCredentials, slackSignature, verifySlackSignature, type SlackCredentials } from "./slack/index.js";
export { jiraCaller, basicAuthorization, seedJira } from "./jira/index.js";

export type TwinFactory = (options?: TwinOptions) => Twin;

/** Every twin by name, in the order `twins up` starts them. */
export const TWIN_FACTORIES = {
  slack: createSlackTwin,
  jira: createJiraTwin,
} as const satisfies Record<string, TwinFactory>;

export type TwinName = keyof typeof TWIN_FACTORIES;

/** One line on each twin, for `twins list`. */
export const TWIN_SUMMARIES: Readonly<Record<TwinName, string>> = {
  slack: "Slack Web API (auth, conversations, chat, users, reactions, pins, files, views) for @slack/web-api",
  jira: "Jira Cloud platform REST v3 (projects, issues, workflows, comments, JQL search, webhooks) for jira.js",
};
