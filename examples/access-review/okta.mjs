// A small Okta Management API client for what the review reads: a group found by its exact
// name, and that group's members, page after page. SSWS API token auth. A 429 is retried after
// the wait Okta gives: Retry-After when present, else X-Rate-Limit-Reset minus the answer's own
// Date (both are Okta's clock, so a skewed local clock does not matter; Okta's SDK does the
// same); 5xx and network failures after a short backoff. Other answers are final, returned as data.
import { realSleep, withRetries } from "./retry.mjs";

/** Okta's own page size ceiling for most lists; asking for it keeps the number of calls low. */
export const PAGE_SIZE = 200;

/** The `rel="next"` URL of a `Link` header, if any. */
export function nextLink(linkHeader) {
  for (const part of (linkHeader ?? "").split(",")) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (match) return match[1];
  }
  return undefined;
}

/** How long a 429 asks us to wait, in milliseconds (at least `minimumMs`). */
export function rateLimitWaitMs(headers, minimumMs = 100) {
  const retryAfter = Number(headers.get("retry-after"));
  if (headers.get("retry-after") !== null && Number.isFinite(retryAfter)) return Math.max(minimumMs, retryAfter * 1000);
  const reset = Number(headers.get("x-rate-limit-reset"));
  const date = Date.parse(headers.get("date") ?? "");
  if (Number.isFinite(reset) && Number.isFinite(date)) return Math.max(minimumMs, reset * 1000 - date);
  return 1000;
}

export function createOktaClient({ baseUrl, token, log, maxAttempts = 6, fetch: fetchImpl = fetch, sleep = realSleep }) {
  const base = baseUrl.replace(/\/+$/, "");
  const headers = { authorization: `SSWS ${token}`, accept: "application/json" };

  async function attempt(url) {
    let response;
    try {
      response = await fetchImpl(url, { headers });
    } catch (error) {
      return { done: false, value: { ok: false, status: 0, detail: String(error) } };
    }
    const body = await response.json().catch(() => undefined);
    const value = { ok: response.ok, status: response.status, body, next: nextLink(response.headers.get("link")), detail: body?.errorSummary ?? "" };
    if (response.status === 429) {
      const waitMs = rateLimitWaitMs(response.headers);
      log(`okta: ${new URL(url).pathname} rate limited, retrying in ${waitMs} ms`);
      return { done: false, value, waitMs };
    }
    if (response.status >= 500) return { done: false, value };
    return { done: true, value };
  }

  const get = (url) => withRetries(() => attempt(url), { maxAttempts, sleep });

  /**
   * The group whose name is exactly `name` (Okta's `q` matches prefixes, so "Eng" would find
   * "Engineering": the exact-match search avoids that). `{ ok, group }`, group undefined if none.
   */
  async function findGroup(name) {
    const search = `profile.name eq "${name.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
    const answer = await get(`${base}/api/v1/groups?search=${encodeURIComponent(search)}`);
    if (!answer.ok) return answer;
    return { ok: true, group: (answer.body ?? []).find((group) => group.profile?.name === name) };
  }

  /**
   * Every member of the group, following `Link: rel="next"` until there is none.
   * `firstPageOnly` is the bug of app-buggy.mjs.
   */
  async function groupMembers(groupId, { firstPageOnly = false } = {}) {
    const members = [];
    let url = `${base}/api/v1/groups/${encodeURIComponent(groupId)}/users?limit=${PAGE_SIZE}`;
    while (url) {
      const page = await get(url);
      if (!page.ok) return page;
      members.push(...(page.body ?? []));
      url = firstPageOnly ? undefined : page.next;
    }
    return { ok: true, members };
  }

  return { findGroup, groupMembers };
}
