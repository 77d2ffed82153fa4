// A small Slack Web API client: form-encoded POSTs with the bot token (every method accepts
// them, including those that ignore JSON bodies), retries as Slack asks (429: wait Retry-After
// seconds; 5xx and transient errors: a short growing backoff), and `ok: false` returned as data.
import { realSleep, withRetries } from "./retry.mjs";

/** Slack's errors that mean "try again", as its docs list them. */
const TRANSIENT_ERRORS = new Set(["internal_error", "fatal_error", "service_unavailable", "request_timeout"]);

function formBody(args) {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(args)) {
    if (value === undefined) continue;
    form.set(name, typeof value === "string" ? value : JSON.stringify(value));
  }
  return form;
}

/**
 * `rateLimitedIsFinal` is the bug of app-buggy.mjs: a 429 is taken as the final answer instead
 * of being retried after Retry-After. Nothing else differs.
 */
export function createSlackClient({ apiUrl, token, log, rateLimitedIsFinal = false, maxAttempts = 6, fetch: fetchImpl = fetch, sleep = realSleep }) {
  const base = apiUrl.endsWith("/") ? apiUrl : `${apiUrl}/`;

  async function attempt(method, args) {
    let response;
    try {
      response = await fetchImpl(`${base}${method}`, { method: "POST", headers: { authorization: `Bearer ${token}` }, body: formBody(args) });
    } catch (error) {
      return { done: false, value: { ok: false, error: "request_failed", detail: String(error) } };
    }
    const answer = await response.json().catch(() => ({ ok: false, error: `http_${response.status}` }));
    if (response.status === 429) {
      if (rateLimitedIsFinal) {
        log(`slack: ratelimited (${method})`);
        return { done: true, value: answer };
      }
      const seconds = Number(response.headers.get("retry-after") ?? "1");
      log(`slack: ${method} rate limited, retrying in ${seconds} s`);
      return { done: false, value: answer, waitMs: (Number.isFinite(seconds) && seconds > 0 ? seconds : 1) * 1000 };
    }
    if (response.status >= 500 || (answer.ok === false && TRANSIENT_ERRORS.has(answer.error))) {
      log(`slack: ${method} answered ${response.status} ${answer.error ?? ""}, retrying`);
      return { done: false, value: answer };
    }
    return { done: true, value: answer };
  }

  /** Calls `method` with `args`; the answer's `ok` says whether it worked. */
  function call(method, args = {}) {
    return withRetries(() => attempt(method, args), { maxAttempts, sleep });
  }

  /** Every page of a cursor-paged method, items under `key`, until `found(item)` holds. */
  async function findInPages(method, args, key, found) {
    let cursor;
    do {
      const page = await call(method, { ...args, ...(cursor ? { cursor } : {}) });
      if (!page.ok) return { ok: false, error: page.error };
      const item = (page[key] ?? []).find(found);
      if (item) return { ok: true, item };
      cursor = page.response_metadata?.next_cursor;
    } while (cursor);
    return { ok: true, item: undefined };
  }

  return { call, findInPages };
}
