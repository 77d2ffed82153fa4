// A small Google client for the three calls a review makes: Sheets v4 spreadsheets.create and
// values.batchUpdate, Drive v3 permissions.create. OAuth bearer token. Google throttles with 429
// (RESOURCE_EXHAUSTED) or 403 with reason rateLimitExceeded / userRateLimitExceeded and usually
// says nothing about how long: those, and 5xx, are retried with exponential backoff (Retry-After
// is honoured when sent), as Google's docs ask. Any other answer is final, returned as data.
import { realSleep, withRetries } from "./retry.mjs";

/** The 403 reasons that mean "slow down", not "you may not". */
const RATE_LIMIT_REASONS = new Set(["rateLimitExceeded", "userRateLimitExceeded"]);

/** True when Google's answer asks us to try again later. */
export function isRetryable(status, body) {
  if (status === 429 || status >= 500) return true;
  if (status !== 403) return false;
  const reasons = (body?.error?.errors ?? []).map((error) => error.reason);
  return reasons.some((reason) => RATE_LIMIT_REASONS.has(reason)) || body?.error?.status === "RESOURCE_EXHAUSTED";
}

/**
 * `sheetsUrl` serves `/v4/spreadsheets` (Google: https://sheets.googleapis.com), `driveUrl` serves
 * `/drive/v3` (Google: https://www.googleapis.com); the twin serves both on one origin.
 */
export function createGoogleClient({ sheetsUrl, driveUrl, accessToken, log, maxAttempts = 7, fetch: fetchImpl = fetch, sleep = realSleep }) {
  const bases = { sheets: sheetsUrl.replace(/\/+$/, ""), drive: driveUrl.replace(/\/+$/, "") };
  const headers = { authorization: `Bearer ${accessToken}`, "content-type": "application/json", accept: "application/json" };

  async function attempt(name, url, body) {
    let response;
    try {
      response = await fetchImpl(url, { method: "POST", headers, body: JSON.stringify(body) });
    } catch (error) {
      return { done: false, value: { ok: false, status: 0, detail: String(error) } };
    }
    const answer = await response.json().catch(() => undefined);
    const value = { ok: response.ok, status: response.status, body: answer, detail: answer?.error?.message ?? "" };
    if (!response.ok && isRetryable(response.status, answer)) {
      const seconds = Number(response.headers.get("retry-after"));
      log(`google: ${name} answered ${response.status} ${answer?.error?.status ?? ""}, retrying`);
      return { done: false, value, ...(response.headers.get("retry-after") !== null && Number.isFinite(seconds) ? { waitMs: seconds * 1000 } : {}) };
    }
    return { done: true, value };
  }

  const call = (name, url, body) => withRetries(() => attempt(name, url, body), { maxAttempts, sleep });

  /** A spreadsheet with one sheet per entry of `sheets` (`{ title, rowCount, columnCount }`), header row frozen. */
  function createSpreadsheet(title, sheets) {
    return call("spreadsheets.create", `${bases.sheets}/v4/spreadsheets`, {
      properties: { title },
      sheets: sheets.map((sheet, index) => ({ properties: { title: sheet.title, index, gridProperties: { rowCount: sheet.rowCount, columnCount: sheet.columnCount, frozenRowCount: 1 } } })),
    });
  }

  /**
   * Writes each `{ range, values }`. RAW, not USER_ENTERED: a name like `=IMPORTXML(...)` that
   * someone put in their directory profile must stay text, never become a formula.
   */
  function writeValues(spreadsheetId, data) {
    return call("spreadsheets.values.batchUpdate", `${bases.sheets}/v4/spreadsheets/${encodeURIComponent(spreadsheetId)}/values:batchUpdate`, { valueInputOption: "RAW", data });
  }

  /** Shares the file with one person; no notification email (the service answers with the link). */
  function shareWithUser(fileId, emailAddress, role) {
    return call("permissions.create", `${bases.drive}/drive/v3/files/${encodeURIComponent(fileId)}/permissions?sendNotificationEmail=false`, { type: "user", role, emailAddress });
  }

  return { createSpreadsheet, writeValues, shareWithUser };
}
