/**
 * Every answer the Slack twin gave in the SDK tests, checked against Slack's own published
 * description (`vendor/apis/slack/slack_web_openapi_v2.json`, Swagger 2.0, 2021) with ajv, and
 * every error code against the method's documented errors (`vendor/apis/slack/methods/*.json`)
 * plus Slack's common errors. Importing the SDK test file runs those tests here first, on the
 * twin it exports; the checks below then read each tenant's request log.
 *
 * The description is frozen and partly stale. Where it disagrees with the real service, the
 * exception is written down in ALLOWLIST with the reason; nothing else is relaxed.
 */
import { readFileSync } from "node:fs";
import { Ajv, type ValidateFunction } from "ajv";
import formats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { SLACK_METHOD_METADATA, SUPPORTED_METHODS } from "../../src/twins/slack/index.js";
import { sdkTwin } from "./slack-sdk.test.js";

type Schema = Record<string, unknown>;
const description = JSON.parse(readFileSync(new URL("../../vendor/apis/slack/slack_web_openapi_v2.json", import.meta.url), "utf8")) as {
  definitions: Record<string, Schema>;
  paths: Record<string, Record<string, { responses: Record<string, { schema?: Schema }> }>>;
};

/**
 * Slack's generator writes "one of these" as `items: [A, B]` (a tuple in JSON Schema, which
 * would check nothing on an object). Read as Slack meant it: `anyOf`, or `items: {anyOf}` on an
 * array. And `#/definitions/x` refers to the document's definitions, registered as `slack`.
 */
function normalize(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(normalize);
  if (typeof node !== "object" || node === null) return node;
  const result: Schema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "$ref" && typeof value === "string") result[key] = value.replace("#/definitions/", "slack#/definitions/");
    else if (key === "examples" || key === "example") continue;
    else result[key] = normalize(value);
  }
  if (Array.isArray(result["items"])) {
    const choices = result["items"];
    delete result["items"];
    if (result["type"] === "array") result["items"] = { anyOf: choices };
    else result["anyOf"] = choices;
  }
  return result;
}

interface AllowlistEntry {
  where: string;
  reason: string;
  patch(definitions: Record<string, Schema>, responses: Record<string, Schema>): void;
}

const properties = (schema: Schema | undefined): Schema => (schema?.["properties"] ?? {}) as Schema;

/** Where the 2021 description is stale against the real service, and why. */
export const ALLOWLIST: AllowlistEntry[] = [
  {
    where: "objs_message.app_id, objs_message.edited",
    reason: "Messages posted by apps carry `app_id` and edited messages `edited: {user, ts}` (docs.slack.dev message reference); the 2021 schema forbids both.",
    patch: (definitions) => Object.assign(properties(definitions["objs_message"]), { app_id: { type: "string" }, edited: { type: "object" } }),
  },
  {
    where: "objs_file.shares, objs_file.groups",
    reason: "shares.public/private map channel ids to share lists (the schema allows only empty objects); private channels now have C ids, the schema expects G for `groups`.",
    patch: (definitions) => {
      const file = properties(definitions["objs_file"]);
      file["shares"] = { type: "object", properties: { public: { type: "object" }, private: { type: "object" } }, additionalProperties: false };
      file["groups"] = { type: "array", items: { type: "string", pattern: "^[CG][A-Z0-9]{8,}$" } };
    },
  },
  {
    where: "conversations.history/replies: messages[], response_metadata",
    reason: "An empty window answers `messages: []` (the schema wants at least one), and both page with `response_metadata.next_cursor` as Slack documents for cursor paging; replies are full messages (blocks, bot_id...), not the schema's narrow reply shapes.",
    patch: (_definitions, responses) => {
      for (const method of ["conversations.history", "conversations.replies"]) {
        const body = properties(responses[method]);
        body["messages"] = { type: "array", items: { $ref: "slack#/definitions/objs_message" } };
        body["response_metadata"] = { type: "object", properties: { next_cursor: { type: "string" } }, additionalProperties: false };
      }
    },
  },
  {
    where: "chat.update: message.blocks",
    reason: "`blocks` is an array of blocks, as everywhere else; the schema types it as an object.",
    patch: (_definitions, responses) => {
      (properties(properties(responses["chat.update"])["message"] as Schema) as Schema)["blocks"] = { $ref: "slack#/definitions/blocks" };
    },
  },
  {
    where: "chat.scheduleMessage: message.blocks",
    reason: "Slack echoes the scheduled message's blocks; the schema has no blocks.",
    patch: (_definitions, responses) => {
      (properties(properties(responses["chat.scheduleMessage"])["message"] as Schema) as Schema)["blocks"] = { $ref: "slack#/definitions/blocks" };
    },
  },
];

/**
 * Errors every method may answer (Slack's "common errors", listed on every method's page but not
 * in the method files), with where the code is documented.
 */
export const COMMON_ERRORS: Readonly<Record<string, { why: string; source: "description" | "slack docs" }>> = {
  not_authed: { why: "no token", source: "description" },
  invalid_auth: { why: "unknown token", source: "description" },
  account_inactive: { why: "deactivated user", source: "description" },
  token_revoked: { why: "revoked token", source: "description" },
  missing_scope: { why: "the token lacks the method's scope", source: "description" },
  not_allowed_token_type: { why: "the method refuses this token type", source: "description" },
  invalid_arguments: { why: "missing or malformed arguments", source: "description" },
  invalid_json: { why: "a JSON body that does not parse", source: "description" },
  fatal_error: { why: "the twin itself failed", source: "description" },
  unknown_method: { why: "no such method (docs.slack.dev web API: unknown_method)", source: "slack docs" },
  ratelimited: { why: "the HTTP 429 body (docs.slack.dev rate limits; vendor/apis/README.md)", source: "slack docs" },
  service_unavailable: { why: "an injected 5xx fault (docs.slack.dev common errors)", source: "slack docs" },
};

interface Checker {
  ajv: Ajv;
  /** The validator of a method's success (`ok`) or error answer; undefined if the description has none. */
  validator(method: string, kind: "ok" | "error"): ValidateFunction | undefined;
}

/** Validators for every supported method, from the normalized description with `entries` applied. */
function buildChecker(entries: readonly AllowlistEntry[]): Checker {
  const ajv = new Ajv({ strict: false, allErrors: true });
  // ajv-formats is CommonJS: under NodeNext its default import is the module, with `default` inside.
  const addFormats = ((formats as unknown as { default?: unknown }).default ?? formats) as unknown as (instance: Ajv) => Ajv;
  addFormats(ajv);
  const definitions = normalize(description.definitions) as Record<string, Schema>;
  const successSchemas: Record<string, Schema> = {};
  const errorSchemas: Record<string, Schema> = {};
  for (const method of SUPPORTED_METHODS) {
    const operations = description.paths[`/${method}`];
    if (!operations) continue;
    const operation = Object.values(operations)[0]!;
    successSchemas[method] = normalize(operation.responses["200"]?.schema) as Schema;
    const failure = normalize(operation.responses["default"]?.schema) as Schema;
    // Codes are checked against the method files instead: the description's enums are a 2021 subset.
    const error = properties(failure)["error"] as Schema | undefined;
    if (error) delete error["enum"];
    // Fields Slack adds to errors: missing_scope's needed/provided, unknown_method's req_method, invalid_arguments' messages.
    failure["properties"] = { ...properties(failure), needed: { type: "string" }, provided: { type: "string" }, req_method: { type: "string" }, response_metadata: { type: "object" }, warning: { type: "string" } };
    errorSchemas[method] = failure;
  }
  for (const entry of entries) entry.patch(definitions, successSchemas);
  ajv.addSchema({ $id: "slack", definitions });
  const compiled = new Map<string, ValidateFunction>();
  return {
    ajv,
    validator(method, kind) {
      const schema = (kind === "ok" ? successSchemas : errorSchemas)[method];
      if (!schema) return undefined;
      const key = `${kind}:${method}`;
      if (!compiled.has(key)) compiled.set(key, ajv.compile(schema));
      return compiled.get(key);
    },
  };
}

const checker = buildChecker(ALLOWLIST);
const loggedAnswers = () =>
  sdkTwin
    .tenants()
    .flatMap((tenant) => tenant.log.map((entry) => ({ tenant: tenant.id, entry })))
    .filter(({ entry }) => (SUPPORTED_METHODS as readonly string[]).includes(entry.method) && typeof entry.response === "object" && entry.response !== null);
const methodErrors = (method: string): readonly string[] => SLACK_METHOD_METADATA[method]?.errors ?? [];

/** Methods newer than the 2021 description: their answers are checked against the method file's `output.required`. */
const NOT_IN_DESCRIPTION: Record<string, string[]> = { "files.getUploadURLExternal": ["file_id", "upload_url"], "files.completeUploadExternal": ["files"] };

describe("Slack twin answers match Slack's description", () => {
  it("every answer in the SDK tests validates, and every error code is documented", () => {
    const problems: string[] = [];
    const answered = new Set<string>();
    const answers = loggedAnswers();
    for (const { tenant, entry } of answers) {
      const body = entry.response as { ok?: boolean; error?: string };
      const where = `${tenant} #${entry.seq} ${entry.method}`;
      if (body.ok === true) {
        answered.add(entry.method);
        if (NOT_IN_DESCRIPTION[entry.method]) {
          for (const key of NOT_IN_DESCRIPTION[entry.method]!) if (!(key in body)) problems.push(`${where}: missing ${key}`);
          continue;
        }
        const validate = checker.validator(entry.method, "ok")!;
        if (!validate(body)) problems.push(`${where}: ${checker.ajv.errorsText(validate.errors?.slice(0, 3))} in ${JSON.stringify(body).slice(0, 300)}`);
      } else {
        const code = String(body.error);
        if (!methodErrors(entry.method).includes(code) && !(code in COMMON_ERRORS)) problems.push(`${where}: error "${code}" is not documented for the method`);
        if (entry.status === 429 && code !== "ratelimited") problems.push(`${where}: a 429 must say ratelimited`);
        if (entry.status !== 200 && entry.status !== 429) problems.push(`${where}: errors are HTTP 200, got ${entry.status}`);
        const validate = checker.validator(entry.method, "error");
        if (validate && !validate(body)) problems.push(`${where}: ${checker.ajv.errorsText(validate.errors)} in ${JSON.stringify(body)}`);
      }
    }
    const checked = answers.length;
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(100);
    expect([...SUPPORTED_METHODS].filter((method) => !answered.has(method))).toEqual([]);
  });

  it("the common errors said to be in the description are in it", () => {
    const text = readFileSync(new URL("../../vendor/apis/slack/slack_web_openapi_v2.json", import.meta.url), "utf8");
    const missing = Object.entries(COMMON_ERRORS).filter(([code, { source }]) => source === "description" && !text.includes(`"${code}"`));
    expect(missing).toEqual([]);
  });

  it("each allowlist entry is needed: without it, an answer of the SDK tests fails", () => {
    const answers = loggedAnswers().filter(({ entry }) => (entry.response as { ok?: boolean }).ok === true && !NOT_IN_DESCRIPTION[entry.method]);
    const unneeded = ALLOWLIST.filter((entry) => {
      const without = buildChecker(ALLOWLIST.filter((other) => other !== entry));
      return answers.every(({ entry: logged }) => without.validator(logged.method, "ok")!(logged.response));
    }).map((entry) => entry.where);
    expect(unneeded).toEqual([]);
  });

  it("the checks are not vacuous: tampered answers fail them", () => {
    const logged = (method: string) => sdkTwin.tenants().flatMap((tenant) => tenant.log).find((entry) => entry.method === method && (entry.response as { ok?: boolean }).ok === true)!.response as Record<string, unknown>;
    const check = (method: string, body: unknown) => checker.validator(method, "ok")!(body);
    const posted = logged("chat.postMessage");
    expect(check("chat.postMessage", posted)).toBe(true);
    expect(check("chat.postMessage", { ...posted, surprise: 1 })).toBe(false);
    expect(check("chat.postMessage", { ...posted, ts: "12.5" })).toBe(false);
    const info = logged("conversations.info") as { channel: Record<string, unknown> };
    expect(check("conversations.info", { ...info, channel: { ...info.channel, id: "X123" } })).toBe(false);
    expect(check("conversations.info", { ...info, channel: { ...info.channel, is_archived: "no" } })).toBe(false);
    const user = logged("users.info") as { user: { profile: Record<string, unknown> } };
    const { real_name: _realName, ...profile } = user.user.profile;
    expect(check("users.info", { ...user, user: { ...user.user, profile } })).toBe(false);
  });
});
