/**
 * `lightsout/twins`: the Digital Twin Universe. The kit to build twins with, the twins, and a
 * registry by name for `lightsout twins up` and for programs that start twins by name.
 * Guide: docs/twins/kit.md; what each twin covers: docs/twins/coverage.md.
 */
import type { Twin, TwinOptions } from "./kit/index.js";
import { createAnthropicTwin } from "./anthropic/index.js";
import { createGeminiTwin } from "./gemini/index.js";
import { createGoogleTwin } from "./google/index.js";
import { createJiraTwin } from "./jira/index.js";
import { createOktaTwin } from "./okta/index.js";
import { createOpenAITwin } from "./openai/index.js";
import { createSlackTwin } from "./slack/index.js";

export * from "./kit/index.js";
export { createAnthropicTwin, createGeminiTwin, createGoogleTwin, createJiraTwin, createOktaTwin, createOpenAITwin, createSlackTwin };
export { anthropicApiKey } from "./anthropic/index.js";
export { geminiApiKey } from "./gemini/index.js";
export { openaiApiKey } from "./openai/index.js";
export * from "./llm-policy/index.js";
export { slackCredentials, slackSignature, verifySlackSignature, type SlackCredentials } from "./slack/index.js";
export { jiraCaller, basicAuthorization, seedJira } from "./jira/index.js";

export type TwinFactory = (options?: TwinOptions) => Twin;

/** Every twin by name, in the order `twins up` starts them. */
export const TWIN_FACTORIES = {
  slack: createSlackTwin,
  jira: createJiraTwin,
  okta: createOktaTwin,
  google: createGoogleTwin,
  openai: createOpenAITwin,
  anthropic: createAnthropicTwin,
  gemini: createGeminiTwin,
} as const satisfies Record<string, TwinFactory>;

export type TwinName = keyof typeof TWIN_FACTORIES;

/** One line on each twin, for `twins list`. */
export const TWIN_SUMMARIES: Readonly<Record<TwinName, string>> = {
  slack: "Slack Web API (auth, conversations, chat, users, reactions, pins, files, views) for @slack/web-api",
  jira: "Jira Cloud platform REST v3 (projects, issues, workflows, comments, JQL search, webhooks) for jira.js",
  okta: "Okta Management API (users, lifecycle, groups, apps) and OIDC/OAuth 2.0 authorization servers with signed JWTs, for @okta/okta-sdk-nodejs",
  google: "Google Drive v3, Docs v1 and Sheets v4 on one origin and one tenant state, for googleapis / @googleapis/{drive,docs,sheets}",
  openai: "OpenAI Responses and Chat Completions from a scripted policy, for openai and @ai-sdk/openai",
  anthropic: "Anthropic Messages (streaming, tools, thinking, prompt caching) from a scripted policy, for @anthropic-ai/sdk and @ai-sdk/anthropic",
  gemini: "Gemini API v1beta (generateContent, streamGenerateContent, countTokens) from a scripted policy, for @google/genai and @ai-sdk/google",
};
