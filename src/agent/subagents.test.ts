import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Request } from "../llm/types.js";
import { createScriptedLlm, textTurn, toolCallTurn, type ScriptedAnswer, type ScriptedResponder } from "../testing/scripted-llm.js";
import type { SessionEvent } from "./events.js";
import { LocalExecutionEnvironment } from "./execution/local-environment.js";
import { createProfile } from "./profiles/profile-base.js";
import { createSession, type SessionConfig } from "./session.js";
import { createReadFileTool, createWriteFileTool } from "./tools/file-tools.js";

let directory: string;
let environment: LocalExecutionEnvironment;

beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), "lightsout-subagents-"));
  environment = new LocalExecutionEnvironment({ workingDir: directory });
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** Which agent a request comes from: the first user message is the parent's input or the child's task. */
function firstUserText(request: Request): string {
  const first = request.messages.find((message) => message.role === "user")?.content[0];
  return first?.kind === "text" ? first.text : "";
}

/** The parsed JSON of the latest tool result in the request. */
function lastToolResult(request: Request): Record<string, unknown> {
  const part = request.messages.filter((message) => message.role === "tool").at(-1)?.content[0];
  return part?.kind === "tool_result" ? (JSON.parse(part.content) as Record<string, unknown>) : {};
}

function start(responder: ScriptedResponder, config: Partial<SessionConfig> = {}) {
  const llm = createScriptedLlm(responder);
  const events: SessionEvent[] = [];
  let counter = 0;
  const profile = createProfile({
    id: "anthropic",
    model: "parent-model",
    baseInstructions: "You are a test agent.",
    tools: [createReadFileTool(), createWriteFileTool()],
    projectDocFiles: ["AGENTS.md"],
    supportsReasoning: false,
    supportsStreaming: false,
    supportsParallelToolCalls: false,
    contextWindowSize: 1_000_000,
  });
  const session = createSession({ profile, environment, llm, config, newId: () => `agent-${++counter}`, onEvent: (event) => events.push(event) });
  return { session, llm, events };
}

describe("9.9 subagents", () => {
  it("spawn_agent runs a child on the shared environment with its own history; wait returns its result to the parent as a tool result", async () => {
    const { session, llm, events } = start((request) => {
      const task = firstUserText(request);
      if (task === "Write child.txt") {
        const calls = request.messages.filter((message) => message.role === "tool").length;
        return calls === 0 ? toolCallTurn("write_file", { file_path: "child.txt", content: "from the child\n" }) : textTurn("child.txt written");
      }
      const toolResults = request.messages.filter((message) => message.role === "tool").length;
      if (toolResults === 0) return toolCallTurn("spawn_agent", { task: "Write child.txt" });
      if (toolResults === 1) return toolCallTurn("wait", { agent_id: lastToolResult(request)["agent_id"] });
      return textTurn(`Subagent said: ${String(lastToolResult(request)["output"])}`);
    });
    const result = await session.submit("Delegate the file");
    expect(result.text).toBe("Subagent said: child.txt written");
    expect(await readFile(path.join(directory, "child.txt"), "utf8")).toBe("from the child\n");
    // The parent's history holds the spawn and wait results, not the child's write_file call.
    const parentCalls = session.history.flatMap((turn) => (turn.kind === "assistant" ? turn.toolCalls.map((call) => call.name) : []));
    expect(parentCalls).toEqual(["spawn_agent", "wait"]);
    const waitResult = session.history.filter((turn) => turn.kind === "tool-results").at(-1);
    expect(waitResult?.kind === "tool-results" ? JSON.parse(waitResult.results[0]?.content ?? "{}") : {}).toEqual({
      agent_id: "agent-2",
      status: "completed",
      output: "child.txt written",
      success: true,
      turns_used: 2,
    });
    // The child's events reach the parent's stream under the child's session id.
    expect(events.filter((event) => event.sessionId === "agent-2").map((event) => event.kind)).toContain("tool-call-end");
    const childRequests = llm.requests.filter((request) => firstUserText(request) === "Write child.txt");
    expect(childRequests[0]?.messages.filter((message) => message.role !== "system")).toHaveLength(1);
  });

  it("depth limiting: the parent gets the subagent tools, a child at max_subagent_depth (default 1) does not", async () => {
    const { session, llm } = start((request) => {
      if (firstUserText(request) === "child task") return textTurn("child done");
      const results = request.messages.filter((message) => message.role === "tool").length;
      if (results === 0) return toolCallTurn("spawn_agent", { task: "child task" });
      if (results === 1) return toolCallTurn("wait", { agent_id: lastToolResult(request)["agent_id"] });
      return textTurn("done");
    });
    await session.submit("Go");
    const toolNames = (request: Request | undefined) => (request?.tools ?? []).map((tool) => tool.name);
    const parent = llm.requests.find((request) => firstUserText(request) === "Go");
    const child = llm.requests.find((request) => firstUserText(request) === "child task");
    expect(toolNames(parent)).toEqual(expect.arrayContaining(["spawn_agent", "send_input", "wait", "close_agent"]));
    expect(toolNames(child)).not.toContain("spawn_agent");
    expect(toolNames(child)).toContain("write_file");
  });

  it("with max_subagent_depth 0 nothing can be spawned", async () => {
    const { session, llm } = start(() => textTurn("ok"), { maxSubagentDepth: 0 });
    await session.submit("Go");
    expect((llm.requests[0]?.tools ?? []).map((tool) => tool.name)).not.toContain("spawn_agent");
  });

  it("send_input gives a finished child a new input, wait returns the new result, close_agent terminates a running child", async () => {
    let childCalls = 0;
    const script: ScriptedResponder = (request, { signal }) => {
      const task = firstUserText(request);
      if (task === "count") {
        childCalls += 1;
        return textTurn(`child answer ${childCalls}`);
      }
      if (task === "hang") {
        return new Promise<ScriptedAnswer>((_resolve, reject) => signal?.addEventListener("abort", () => reject(Object.assign(new Error("aborted"), { name: "AbortError" }))));
      }
      const results = request.messages.filter((message) => message.role === "tool").length;
      const steps = [
        () => toolCallTurn("spawn_agent", { task: "count" }),
        () => toolCallTurn("wait", { agent_id: "agent-2" }),
        () => toolCallTurn("send_input", { agent_id: "agent-2", message: "once more" }),
        () => toolCallTurn("wait", { agent_id: "agent-2" }),
        () => toolCallTurn("spawn_agent", { task: "hang" }),
        () => toolCallTurn("close_agent", { agent_id: "agent-3" }),
        () => toolCallTurn("wait", { agent_id: "missing" }),
      ];
      return (steps[results] ?? (() => textTurn("all checked")))();
    };
    const { session } = start(script);
    await session.submit("Exercise the tools");
    const results = session.history.flatMap((turn) => (turn.kind === "tool-results" ? turn.results : []));
    const parsed = results.slice(0, 6).map((result) => JSON.parse(result.content) as Record<string, unknown>);
    expect(parsed[1]).toMatchObject({ output: "child answer 1", success: true });
    expect(parsed[2]).toEqual({ agent_id: "agent-2", delivered: "input" });
    expect(parsed[3]).toMatchObject({ output: "child answer 2", success: true, turns_used: 2 });
    expect(parsed[4]).toEqual({ agent_id: "agent-3", status: "running" });
    expect(parsed[5]).toEqual({ agent_id: "agent-3", status: "failed" });
    expect(results[6]).toMatchObject({ isError: true, content: expect.stringContaining('No subagent with id "missing"') });
  });

  it("spawn_agent with working_dir scopes the child to a subdirectory of the same filesystem", async () => {
    await mkdir(path.join(directory, "pkg"));
    const { session } = start((request) => {
      if (firstUserText(request) === "scoped") {
        const done = request.messages.some((message) => message.role === "tool");
        return done ? textTurn("ok") : toolCallTurn("write_file", { file_path: "inside.txt", content: "scoped\n" });
      }
      const results = request.messages.filter((message) => message.role === "tool").length;
      if (results === 0) return toolCallTurn("spawn_agent", { task: "scoped", working_dir: "pkg" });
      if (results === 1) return toolCallTurn("wait", { agent_id: "agent-2" });
      return textTurn("done");
    });
    await session.submit("Go");
    expect(await readFile(path.join(directory, "pkg", "inside.txt"), "utf8")).toBe("scoped\n");
  });

  it("graceful shutdown: aborting the parent stops its model call, closes running subagents, then ends with session-end", async () => {
    const hang = (signal: AbortSignal | undefined) =>
      new Promise<ScriptedAnswer>((_resolve, reject) => signal?.addEventListener("abort", () => reject(Object.assign(new Error("aborted"), { name: "AbortError" }))));
    const { session, events, llm } = start((request, { signal }) => {
      if (firstUserText(request) === "hang") return hang(signal);
      const results = request.messages.filter((message) => message.role === "tool").length;
      return results === 0 ? toolCallTurn("spawn_agent", { task: "hang" }) : hang(signal);
    });
    const running = session.submit("Go");
    while (llm.requests.length < 3) await new Promise((resolve) => setTimeout(resolve, 5));
    await session.abort();
    expect((await running).outcome).toBe("aborted");
    const ends = events.filter((event) => event.kind === "session-end").map((event) => event.sessionId);
    expect(ends).toEqual(["agent-2", "agent-1"]);
    expect(events.at(-1)).toMatchObject({ kind: "session-end", sessionId: "agent-1", reason: "aborted" });
    expect(session.state).toBe("closed");
  });
});
