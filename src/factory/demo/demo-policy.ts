/**
 * The demo's scripted stand-in for a model (ADR 0113): a policy for the OpenAI provider twin that
 * plays a coding agent through the factory's loop with tool calls the agent really executes in
 * the workspace. It is honest about being a script — the demo says so on screen and in the
 * report — and it is deliberately simple:
 *
 * - plan: reads SPEC.md, writes PLAN.md;
 * - implement: reads FEEDBACK.md. None there (the first iteration): writes the incident bridge's
 *   sources — copied from examples/incident-bridge — with the app taking Slack's 429 as final,
 *   the bug the visible scenarios rarely meet and the holdouts catch. Feedback there: patches
 *   app.mjs with apply_patch so rate-limited posts are retried, and says why.
 *
 * It decides from the conversation alone (the stage's prompt and the tool results), never from
 * state of its own, so a resumed run gets the same answers.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { PolicyMessage, PolicyRequest, ScriptedTurn } from "../../twins/index.js";

/** The sources the scripted agent writes, from the example app (never its holdouts). */
export const DEMO_SOURCE_FILES = ["bridge.mjs", "slack.mjs", "jira.mjs", "retry.mjs", "signatures.mjs", "process.mjs"] as const;

export const DEMO_APP_FIRST = `// The incident bridge: Jira -> Slack announcements, Slack thread replies -> Jira comments.
// Environment: PORT, SLACK_API_URL, SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, JIRA_BASE_URL, JIRA_EMAIL, JIRA_API_TOKEN.
import { startBridge } from "./bridge.mjs";
import { exitOnSignals } from "./process.mjs";

// A 429 from Slack is taken as the answer: the announcement is not posted again.
exitOnSignals(await startBridge({ rateLimitedIsFinal: true }));
`;

export const DEMO_FIX_PATCH = `*** Begin Patch
*** Update File: app.mjs
@@
-// A 429 from Slack is taken as the answer: the announcement is not posted again.
-exitOnSignals(await startBridge({ rateLimitedIsFinal: true }));
+// A 429 from Slack is retried after its Retry-After (FEEDBACK.md: announcements were lost under load).
+exitOnSignals(await startBridge());
*** End Patch`;

const PLAN = `# Plan

1. app.mjs: start the bridge (bridge.mjs) on $PORT; exit cleanly on SIGTERM (process.mjs).
2. bridge.mjs: POST /jira/webhook -> announce High/Highest issues in #incidents;
   POST /slack/events -> a reply in an announcement's thread becomes a Jira comment.
3. slack.mjs, jira.mjs: the API clients; retry.mjs: one retry policy for both.
4. signatures.mjs: verify Slack's request signature and Jira's X-Hub-Signature.

Checks: the visible scenarios in scenarios/ (run by the factory after this stage).
Risks: Slack rate limits during bursts of issues; duplicate announcements on retries.
`;

export interface DemoPolicyOptions {
  /** examples/incident-bridge: where the sources the script writes come from. */
  exampleDir: string;
  /** Tokens each answer claims to have used (priced by the model catalog); default estimated from the text. */
  usage?: ScriptedTurn["usage"];
}

interface StageView {
  kind: "plan" | "implement" | "other";
  /** Assistant turns since the stage's prompt. */
  rounds: number;
  /** Tool results since the prompt, in order. */
  results: Extract<PolicyMessage, { role: "tool-result" }>[];
}

function viewOf(request: PolicyRequest): StageView {
  let start = -1;
  request.messages.forEach((message, index) => {
    if (message.role === "user") start = index;
  });
  const prompt = start >= 0 ? (request.messages[start] as { text: string }).text : "";
  const since = request.messages.slice(start + 1);
  const kind = /planning stage/i.test(prompt) ? "plan" : /implementation stage/i.test(prompt) ? "implement" : "other";
  return {
    kind,
    rounds: countRounds(since),
    results: since.filter((message): message is Extract<PolicyMessage, { role: "tool-result" }> => message.role === "tool-result"),
  };
}

/** Model turns so far: a run of tool calls (parallel calls) or a text counts once. */
function countRounds(messages: readonly PolicyMessage[]): number {
  let rounds = 0;
  let previous: PolicyMessage["role"] | undefined;
  for (const message of messages) {
    if ((message.role === "tool-call" && previous !== "tool-call") || message.role === "assistant") rounds += 1;
    previous = message.role;
  }
  return rounds;
}

/** FEEDBACK.md was read and has content (its read failed on the first iteration: no file yet). */
function hasFeedback(view: StageView): boolean {
  const first = view.results[0];
  return first !== undefined && first.isError !== true && /Feedback on iteration/i.test(first.output);
}

export function createDemoPolicy(options: DemoPolicyOptions): (request: PolicyRequest) => ScriptedTurn {
  const sources = DEMO_SOURCE_FILES.map((file) => ({ file, content: readFileSync(join(options.exampleDir, file), "utf8") }));
  const withUsage = (turn: ScriptedTurn): ScriptedTurn => (options.usage ? { ...turn, usage: options.usage } : turn);
  const call = (name: string, args: Record<string, unknown>) => ({ name, arguments: args });

  const plan = (view: StageView): ScriptedTurn => {
    if (view.rounds === 0) return { toolCalls: [call("read_file", { file_path: "SPEC.md" })] };
    if (view.rounds === 1) return { toolCalls: [call("write_file", { file_path: "PLAN.md", content: PLAN })] };
    return { text: "Wrote PLAN.md: the files, how each requirement is met, and the risk of Slack rate limits." };
  };

  const implement = (view: StageView): ScriptedTurn => {
    if (view.rounds === 0) return { toolCalls: [call("read_file", { file_path: "FEEDBACK.md" })] };
    if (!hasFeedback(view)) {
      if (view.rounds === 1) {
        return { toolCalls: [...sources.map((source) => call("write_file", { file_path: source.file, content: source.content })), call("write_file", { file_path: "app.mjs", content: DEMO_APP_FIRST })] };
      }
      if (view.rounds === 2) return { toolCalls: [call("shell", { command: "node --check app.mjs && node --check bridge.mjs && echo syntax ok" })] };
      return { text: "Implemented the bridge (app.mjs, bridge.mjs and the Slack and Jira clients) following PLAN.md." };
    }
    if (view.rounds === 1) return { toolCalls: [call("read_file", { file_path: "app.mjs" })] };
    if (view.rounds === 2) return { toolCalls: [call("apply_patch", { patch: DEMO_FIX_PATCH })] };
    if (view.rounds === 3) return { toolCalls: [call("shell", { command: "node --check app.mjs && echo syntax ok" })] };
    return { text: "FEEDBACK.md reports failures under load: Slack's 429 answers are now retried after Retry-After instead of dropping the announcement." };
  };

  return (request) => {
    const view = viewOf(request);
    if (view.kind === "plan") return withUsage(plan(view));
    if (view.kind === "implement") return withUsage(implement(view));
    return withUsage({ text: "This is the demo's scripted stand-in; it only knows the plan and implement stages." });
  };
}
