/**
 * An `http` step: a request to the app under test at `${app.url}<path>`. Objects and arrays go
 * as JSON; strings as they are. No answer, or a 5xx, is the product's failure; so is a status
 * that does not match `expect_status` when the step sets one.
 */
import type { HttpStep } from "../model.js";
import { formatDuration } from "./abort.js";
import { type StepEnvironment, type StepRun, failed } from "./step-types.js";

/** How long one request to the app may take, within the trial's own deadline. */
export const HTTP_STEP_TIMEOUT_MS = 30_000;

export interface HttpOutcome {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

function requestBody(step: HttpStep, headers: Record<string, string>): string | undefined {
  if (step.body === undefined) return undefined;
  if (typeof step.body === "string") return step.body;
  if (!Object.keys(headers).some((name) => name.toLowerCase() === "content-type")) headers["content-type"] = "application/json";
  return JSON.stringify(step.body);
}

async function readOutcome(response: Response): Promise<HttpOutcome> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => (headers[key] = value));
  const text = await response.text();
  let body: unknown = text;
  if (text !== "" && (headers["content-type"] ?? "").includes("json")) {
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      // Says JSON, is not: shown as the text it is.
    }
  }
  return { status: response.status, headers, body };
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

export async function runHttpStep(step: HttpStep, environment: StepEnvironment, timeoutMs = HTTP_STEP_TIMEOUT_MS): Promise<StepRun> {
  const what = `${step.method} ${step.path}`;
  if (environment.app.kind !== "service") return failed(`${what}: http steps need an app that serves (this app is a command)`, "infrastructure");
  const headers = { ...(step.headers ?? {}) };
  const body = requestBody(step, headers);
  const request = { method: step.method, url: `${environment.app.url}${step.path}`, headers, ...(step.body !== undefined ? { body: step.body } : {}) };
  let outcome: HttpOutcome;
  try {
    const response = await fetch(request.url, { method: step.method, headers, ...(body !== undefined ? { body } : {}), signal: AbortSignal.any([environment.signal, AbortSignal.timeout(timeoutMs)]) });
    outcome = await readOutcome(response);
  } catch (error) {
    if (environment.signal.aborted) throw environment.signal.reason;
    if (error instanceof DOMException && error.name === "TimeoutError") return failed(`the app did not answer ${what} within ${formatDuration(timeoutMs)}`, "product", { request });
    return failed(`the app did not answer ${what}: ${causeOf(error)}`, "product", { request });
  }
  const captureRoot = { response: outcome };
  if (step.expectStatus !== undefined) {
    if (environment.matchValue(step.expectStatus, outcome.status)) return { ok: true, request, outcome, captureRoot };
    return failed(`the app answered ${what} with ${outcome.status}, expected ${JSON.stringify(step.expectStatus)}`, "product", { request, outcome, captureRoot });
  }
  if (outcome.status >= 500) return failed(`the app answered ${what} with ${outcome.status}`, "product", { request, outcome, captureRoot });
  return { ok: true, request, outcome, captureRoot };
}
