/**
 * The Google tenant's people and their OAuth tokens. One set for Drive, Docs and Sheets, as one
 * Google account reaches all three: the Google twin's auth step turns a bearer token into a
 * `GoogleCaller`, and Drive renders owners and permissions from these records.
 */
import { getRecord, listRecords, putRecord, type TenantState } from "../kit/index.js";

export const GOOGLE_USERS = "google.users";
export const GOOGLE_TOKENS = "google.tokens";

export const DRIVE_SCOPE = "https://www.googleapis.com/auth/drive";
export const DOCUMENTS_SCOPE = "https://www.googleapis.com/auth/documents";
export const SPREADSHEETS_SCOPE = "https://www.googleapis.com/auth/spreadsheets";
/** What a token gets when its fixture names no scopes: full Drive, Docs and Sheets access. */
export const DEFAULT_SCOPES: readonly string[] = [DRIVE_SCOPE, DOCUMENTS_SCOPE, SPREADSHEETS_SCOPE];

export interface GoogleUser {
  email: string;
  displayName: string;
  /** Drive's stable id of the user in permissions (`permissionId`), 20 digits. */
  permissionId: string;
  /** The id of the user's My Drive folder, which `root` names. */
  rootFolderId: string;
  /** Google groups (emails) the user belongs to: group permissions reach them. */
  groups: string[];
}

export interface GoogleToken {
  token: string;
  email: string;
  scopes: string[];
  /** Virtual ms since the epoch after which the token is refused; absent: never. */
  expiresAt?: number;
}

export function getGoogleUser(state: TenantState, email: string): GoogleUser | undefined {
  return getRecord<GoogleUser>(state, GOOGLE_USERS, email.toLowerCase());
}

export function putGoogleUser(state: TenantState, user: GoogleUser): TenantState {
  return putRecord(state, GOOGLE_USERS, user.email.toLowerCase(), user);
}

export function listGoogleUsers(state: TenantState): GoogleUser[] {
  return listRecords<GoogleUser>(state, GOOGLE_USERS);
}

export function getGoogleToken(state: TenantState, token: string): GoogleToken | undefined {
  return getRecord<GoogleToken>(state, GOOGLE_TOKENS, token);
}

export function putGoogleToken(state: TenantState, token: GoogleToken): TenantState {
  return putRecord(state, GOOGLE_TOKENS, token.token, token);
}

/**
 * Drive's permission id for a user or group that may not be in the tenant: 20 digits derived
 * from the email (FNV-1a), so the same address gets the same id in every tenant and every run.
 */
export function permissionIdOf(email: string): string {
  let high = 0x811c9dc5;
  let low = 0x01000193;
  for (const character of email.toLowerCase()) {
    const code = character.codePointAt(0)!;
    high = Math.imul(high ^ code, 0x01000193) >>> 0;
    low = Math.imul(low ^ code, 0x811c9dc5) >>> 0;
  }
  return `${String(high).padStart(10, "0")}${String(low).padStart(10, "0")}`;
}
