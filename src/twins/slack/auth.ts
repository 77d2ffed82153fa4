/**
 * Authentication and scopes as Slack does them. The token comes from `Authorization: Bearer`,
 * or from a `token` form field or query parameter (a JSON body must use the header, as Slack's
 * docs require). Unknown tokens are `invalid_auth`, none is `not_authed`, revoked ones
 * `token_revoked`, a deactivated user's `account_inactive`.
 *
 * Scopes: a method grants access to a token holding any one of the scopes its method file lists
 * for the token type (`missing_scope` with `needed`/`provided` otherwise; `not_allowed_token_type`
 * when none are listed for that type). Where the list names conversation families
 * (`channels:`, `groups:`, `im:`, `mpim:`), the conversation's own family is required once the
 * conversation is known, as Slack does (`channels:history` for a public channel, `groups:history`
 * for a private one).
 */
import { type Tenant, getRecord } from "../kit/index.js";
import type { SlackMethodMetadata } from "./method-metadata-types.js";
import { type SlackFailure, fail } from "./responses.js";
import { type ChannelKind, type TokenRecord, type UserRecord, TOKENS, userOf } from "./records.js";

export interface Auth {
  token: TokenRecord;
  user: UserRecord;
}

export const TOKEN_PATTERN = /^xox[bpaer]-[A-Za-z0-9-]+$/;

/** The token a request carries, or undefined. */
export function tokenOf(request: Request, query: URLSearchParams, body: unknown): string | undefined {
  const header = request.headers.get("authorization");
  if (header) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (match) return match[1];
  }
  const isJson = (request.headers.get("content-type") ?? "").toLowerCase().includes("json");
  if (!isJson && typeof body === "object" && body !== null && typeof (body as { token?: unknown }).token === "string") {
    const token = (body as { token: string }).token;
    if (token !== "") return token;
  }
  return query.get("token") || undefined;
}

export function authenticate(tenant: Tenant, token: string | undefined): Auth | SlackFailure {
  if (token === undefined) return fail("not_authed");
  const record = getRecord<TokenRecord>(tenant.state, TOKENS, token);
  if (!record) return fail("invalid_auth");
  if (record.revoked) return fail("token_revoked");
  const user = userOf(tenant.state, record.user_id);
  if (!user) return fail("invalid_auth");
  if (user.deleted) return fail("account_inactive");
  return { token: record, user };
}

const scopeList = (metadata: SlackMethodMetadata, token: TokenRecord): readonly string[] | null | undefined =>
  metadata.scopes === null ? undefined : metadata.scopes[token.type];

export function missingScope(needed: readonly string[], token: TokenRecord): SlackFailure {
  return fail("missing_scope", { needed: needed.join(","), provided: token.scopes.join(",") });
}

/** The method-level check, before the arguments are read. */
export function checkMethodScopes(metadata: SlackMethodMetadata, token: TokenRecord): SlackFailure | undefined {
  const list = scopeList(metadata, token);
  if (list === undefined) return undefined;
  if (list === null) return fail("not_allowed_token_type");
  if (list.length === 0 || list.some((scope) => token.scopes.includes(scope))) return undefined;
  return missingScope(list, token);
}

const FAMILY: Record<ChannelKind, string> = { public: "channels:", private: "groups:", im: "im:", mpim: "mpim:" };

/** The conversation-level check, once the conversation's type is known. */
export function checkConversationScopes(metadata: SlackMethodMetadata, token: TokenRecord, kind: ChannelKind): SlackFailure | undefined {
  const list = scopeList(metadata, token);
  if (!list) return undefined;
  const family = list.filter((scope) => scope.startsWith(FAMILY[kind]));
  if (family.length === 0 || family.some((scope) => token.scopes.includes(scope))) return undefined;
  return missingScope(family, token);
}
