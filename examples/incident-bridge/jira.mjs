// A small Jira Cloud REST v3 client for the one thing the bridge writes: a comment, with an
// Atlassian Document Format body and Basic auth (email:API token). Retries 429 and 5xx as Jira
// asks; any other answer is final and returned as data.
import { Buffer } from "node:buffer";
import { realSleep, withRetries } from "./retry.mjs";

/** One paragraph of plain text, the smallest valid ADF document. */
export function adfText(text) {
  return { type: "doc", version: 1, content: [{ type: "paragraph", content: [{ type: "text", text }] }] };
}

export function createJiraClient({ baseUrl, email, apiToken, log, maxAttempts = 5, fetch: fetchImpl = fetch, sleep = realSleep }) {
  const base = baseUrl.replace(/\/+$/, "");
  const authorization = `Basic ${Buffer.from(`${email}:${apiToken}`).toString("base64")}`;

  async function attempt(path, body) {
    let response;
    try {
      response = await fetchImpl(`${base}${path}`, { method: "POST", headers: { authorization, "content-type": "application/json", accept: "application/json" }, body: JSON.stringify(body) });
    } catch (error) {
      return { done: false, value: { ok: false, status: 0, detail: String(error) } };
    }
    const text = await response.text();
    const value = { ok: response.ok, status: response.status, detail: text.slice(0, 300) };
    if (response.status === 429) {
      const seconds = Number(response.headers.get("retry-after") ?? "1");
      log(`jira: ${path} rate limited, retrying in ${seconds} s`);
      return { done: false, value, waitMs: (Number.isFinite(seconds) && seconds > 0 ? seconds : 1) * 1000 };
    }
    if (response.status >= 500) return { done: false, value };
    return { done: true, value };
  }

  /** Adds a comment to an issue; `{ok, status, detail}`. */
  function addComment(issueKey, text) {
    return withRetries(() => attempt(`/rest/api/3/issue/${encodeURIComponent(issueKey)}/comment`, { body: adfText(text) }), { maxAttempts, sleep });
  }

  /** Where people read the issue: the site's browse URL. */
  function browseUrl(issueKey) {
    return `${base}/browse/${issueKey}`;
  }

  return { addComment, browseUrl };
}
