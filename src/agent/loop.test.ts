import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LlmError } from "../llm/errors.js";
import type { Request } from "../llm/types.js";
import { createScriptedLlm, textTurn, toolCallTurn, type ScriptedAnswer, type ScriptedResponder } from "../testing/scripted-llm.js";
import type { SessionEvent } from "./events.js";
import { LocalExecutionEnvironment } from "./execution/local-environment.js";
import { createProfile } from "./profiles/profile-base.js";
import { createSession, type Session, type SessionConfig } from "./session.js";
import { ToolError, type RegisteredTool } from "./tools/registry.js";

let directory: string;
let environment: LocalExecutionEnvironment;

beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), "lightsout-loop-"));
  environment = new LocalExecutionEnvironment({ workingDir: directory });
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

function tool(name: string, executor: RegisteredTool["executor"]): RegisteredTool {
  return { definition: { name, description: `The ${name} tool.`, parameters: { type: "object", properties: { text: { type: "string" } } } }, executor };
}

const echoTool = tool("echo", async (args) => `echo: ${String(args["text"] ?? "")}`);

function start(
  script: readonly ScriptedAnswer[] | ScriptedResponder,
  options: { tools?: RegisteredTool[]; config?: Partial<SessionConfig>; contextWindowSize?: number; streaming?: boolean } = {},
) {
  const llm = createScriptedLlm(script);
  const events: SessionEvent[] = [];
  const profile = createProfile({
    id: "openai",
    model: "test-model",
    baseInstructions: "You are a test agent.",
    tools: options.tools ?? [echoTool],
    projectDocFiles: ["AGENTS.md"],
    supportsReasoning: true,
    supportsStreaming: options.streaming ?? false,
    supportsParallelToolCalls: false,
    contextWindowSize: options.contextWindowSize ?? 1_000_000,
  });
  const session = createSession({ profile, environment, llm, ...(options.config ? { config: options.config } : {}), onEvent: (event) => events.push(event) });
  return { session, llm, events, kinds: () => events.map((event) => event.kind) };
}

function lastUserText(request: Request | undefined): string | undefined {
  const last = request?.messages.filter((message) => message.role === "user").at(-1)?.content[0];
  return last?.kind === "text" ? last.text : undefined;
}

describe("9.6 steering", () => {
  it("steer() during a tool round is injected after that round, as a SteeringTurn the model gets as a user message", async () => {
    const holder: { session?: Session } = {};
    const steerTool = tool("work", async () => {
      holder.session?.steer("Actually, only add a /health endpoint.");
      return "worked";
    });
    const started = start([toolCallTurn("work"), textTurn("Adjusted.")], { tools: [steerTool] });
    const session = started.session;
    holder.session = session;
    await session.submit("Build a web app");
    expect(session.history.map((turn) => turn.kind)).toEqual(["user", "assistant", "tool-results", "steering", "assistant"]);
    expect(started.events.find((event) => event.kind === "steering-injected")).toMatchObject({ content: "Actually, only add a /health endpoint." });
    const second = started.llm.requests[1];
    expect(second?.messages.at(-1)).toEqual({ role: "user", content: [{ kind: "text", text: "Actually, only add a /health endpoint." }] });
  });

  it("steer() while idle is delivered with the next submit(), after the user turn", async () => {
    const { session, llm } = start([textTurn("ok")]);
    session.steer("Be brief.");
    await session.submit("Hello");
    expect(session.history.map((turn) => turn.kind)).toEqual(["user", "steering", "assistant"]);
    expect(lastUserText(llm.requests[0])).toBe("Be brief.");
  });

  it("follow_up() is processed as a new input after the current one completes, before submit() resolves", async () => {
    const holder: { session?: Session } = {};
    const queueTool = tool("queue", async () => {
      holder.session?.followUp("Now write the tests.");
      return "queued";
    });
    const started = start([toolCallTurn("queue"), textTurn("Feature done."), textTurn("Tests done.")], { tools: [queueTool] });
    const session = started.session;
    holder.session = session;
    const result = await session.submit("Write the feature");
    expect(result.text).toBe("Tests done.");
    expect(started.llm.requests).toHaveLength(3);
    expect(lastUserText(started.llm.requests[2])).toBe("Now write the tests.");
    expect(started.kinds().filter((kind) => kind === "user-input")).toHaveLength(2);
    expect(started.kinds().filter((kind) => kind === "processing-end")).toHaveLength(1);
  });
});

describe("9.7 reasoning effort", () => {
  it("reasoning_effort is passed through to the request; undefined means the provider default (omitted)", async () => {
    const high = start([textTurn("ok")], { config: { reasoningEffort: "high" } });
    await high.session.submit("Think");
    expect(high.llm.requests[0]?.reasoningEffort).toBe("high");
    const unset = start([textTurn("ok")]);
    await unset.session.submit("Think");
    expect(unset.llm.requests[0]).not.toHaveProperty("reasoningEffort");
  });

  it("changing reasoning_effort mid-session takes effect on the next LLM call", async () => {
    const holder: { session?: Session } = {};
    const lowerTool = tool("lower", async () => {
      holder.session?.setReasoningEffort("low");
      return "lowered";
    });
    const started = start([toolCallTurn("lower"), textTurn("ok"), textTurn("again")], { tools: [lowerTool], config: { reasoningEffort: "high" } });
    const session = started.session;
    holder.session = session;
    await session.submit("Go");
    session.setReasoningEffort(undefined);
    await session.submit("Again");
    expect(started.llm.requests.map((request) => request.reasoningEffort)).toEqual(["high", "low", undefined]);
  });
});

describe("9.10 events", () => {
  it("emits the kinds at the right times: session-start, user-input, text start/delta/end, tool start/end, processing-end, session-end", async () => {
    const { session, kinds } = start([{ text: "Let me look.", toolCalls: [{ name: "echo", arguments: { text: "x" } }] }, textTurn("Done.")], { streaming: true });
    await session.submit("Go");
    await session.close();
    expect(kinds()).toEqual([
      "session-start",
      "user-input",
      "assistant-text-start",
      "assistant-text-delta",
      "assistant-text-delta",
      "assistant-text-delta",
      "assistant-text-end",
      "tool-call-start",
      "tool-call-end",
      "assistant-text-start",
      "assistant-text-delta",
      "assistant-text-end",
      "processing-end",
      "session-end",
    ]);
  });

  it("streams a running shell command's output as tool-call-output-delta events, before its tool-call-end", async () => {
    const { createShellTool } = await import("./tools/shell-tool.js");
    const { session, events } = start([toolCallTurn("shell", { command: "echo first; sleep 0.3; echo second >&2" }), textTurn("Done.")], {
      tools: [createShellTool()],
    });
    await session.submit("Run it");
    const deltas = events.filter((event) => event.kind === "tool-call-output-delta");
    const end = events.find((event) => event.kind === "tool-call-end");
    expect(deltas.map((event) => event.delta).join("")).toBe("first\nsecond\n");
    expect(deltas.length).toBeGreaterThanOrEqual(2);
    expect(deltas.every((event) => event.kind === "tool-call-output-delta" && event.callId === (end?.kind === "tool-call-end" ? end.callId : ""))).toBe(true);
    expect(events.indexOf(deltas[0]!)).toBeLessThan(events.indexOf(end!));
    // The first chunk came while the command was still sleeping, not all at the end.
    expect(end!.timestamp - deltas[0]!.timestamp).toBeGreaterThanOrEqual(250);
  });

  it("streams deltas that add up to the full text in assistant-text-end", async () => {
    const { session, events } = start([textTurn("Hello there, world.")], { streaming: true });
    await session.submit("Hi");
    const deltas = events.flatMap((event) => (event.kind === "assistant-text-delta" ? [event.delta] : [])).join("");
    expect(deltas).toBe("Hello there, world.");
    expect(events.find((event) => event.kind === "assistant-text-end")).toMatchObject({ text: "Hello there, world." });
  });

  it("delivers events through an async iterator that replays from session-start and ends after session-end", async () => {
    const { session } = start([textTurn("ok")]);
    const collected: string[] = [];
    const reading = (async () => {
      for await (const event of session.events()) collected.push(event.kind);
    })();
    await session.submit("Hi");
    await session.close();
    await reading;
    expect(collected[0]).toBe("session-start");
    expect(collected.at(-1)).toBe("session-end");
    expect(collected).toContain("assistant-text-end");
  });

  it("tool-call-end carries the full untruncated output while the model gets the truncated one", async () => {
    const big = "x".repeat(100_000);
    const bigTool = tool("read_file", async () => big);
    const { session, llm, events } = start([toolCallTurn("read_file", { text: "big.txt" }), textTurn("Read it.")], { tools: [bigTool] });
    await session.submit("Read big.txt");
    const end = events.find((event) => event.kind === "tool-call-end");
    expect(end?.kind === "tool-call-end" ? end.output.length : 0).toBe(100_000);
    const sent = llm.requests[1]?.messages.find((message) => message.role === "tool")?.content[0];
    expect(sent?.kind === "tool_result" ? sent.content : "").toContain("[WARNING: Tool output was truncated.");
    expect(sent?.kind === "tool_result" ? sent.content.length : Infinity).toBeLessThan(51_000);
  });
});

describe("9.11 error handling", () => {
  it("a tool that fails gives the model an error result (is_error) and the model can recover", async () => {
    const failing = tool("compile", async () => {
      throw new ToolError("src/app.ts:3:1 missing semicolon");
    });
    const { session, llm, events } = start([toolCallTurn("compile"), toolCallTurn("echo", { text: "fixed" }), textTurn("Fixed and rebuilt.")], {
      tools: [failing, echoTool],
    });
    const result = await session.submit("Build");
    expect(result.outcome).toBe("completed");
    const sent = llm.requests[1]?.messages.find((message) => message.role === "tool")?.content[0];
    expect(sent).toMatchObject({ kind: "tool_result", isError: true, content: expect.stringContaining("missing semicolon") });
    expect(events.find((event) => event.kind === "tool-call-end")).toMatchObject({ isError: true });
  });

  it("unknown tools and arguments that do not parse become error results, not exceptions", async () => {
    const { session, llm } = start([{ toolCalls: [{ name: "nope" }, { name: "echo", rawArguments: "{not json" }] }, textTurn("ok")]);
    await session.submit("Go");
    const results = llm.requests[1]?.messages.filter((message) => message.role === "tool").flatMap((message) => message.content);
    expect(results?.map((part) => (part?.kind === "tool_result" ? [part.isError, part.content.slice(0, 30)] : []))).toEqual([
      [true, 'Unknown tool "nope". Available'],
      [true, 'Invalid arguments for tool "ec'],
    ]);
  });

  it("an authentication error surfaces at once (one call, no retry in the loop): error event, session CLOSED", async () => {
    const auth = new LlmError("openai: 401 authentication: invalid api key", { kind: "authentication", provider: "openai", statusCode: 401, retryable: false });
    const { session, llm, events, kinds } = start([auth]);
    const result = await session.submit("Hi");
    expect(result.outcome).toBe("error");
    expect(llm.requests).toHaveLength(1);
    expect(events.find((event) => event.kind === "error")).toMatchObject({ errorKind: "authentication", message: expect.stringContaining("invalid api key") });
    expect(session.state).toBe("closed");
    expect(kinds().slice(-2)).toEqual(["processing-end", "session-end"]);
  });

  it("transient errors are the client's to retry: one the client gave up on ends the input with an error event", async () => {
    const server = new LlmError("anthropic: 503 server: overloaded", { kind: "server", provider: "anthropic", statusCode: 503, retryable: true });
    const { session, llm, events } = start([server]);
    await session.submit("Hi");
    expect(llm.requests).toHaveLength(1);
    expect(events.find((event) => event.kind === "error")).toMatchObject({ errorKind: "server" });
  });

  it("context window overflow emits a warning (no compaction) and the session stays usable", async () => {
    const overflow = new LlmError("prompt is too long", { kind: "context_length", provider: "anthropic", statusCode: 400, retryable: false });
    const { session, events } = start([overflow, textTurn("short answer")]);
    const result = await session.submit("A very long prompt");
    expect(result.outcome).toBe("context-length");
    expect(events.find((event) => event.kind === "warning")).toMatchObject({ code: "context-length" });
    expect(events.some((event) => event.kind === "error")).toBe(false);
    expect(session.state).toBe("idle");
    expect((await session.submit("Shorter")).outcome).toBe("completed");
  });

  it("5.5 context awareness: a warning event when the estimate passes 80% of the profile's context window", async () => {
    const { session, events } = start([textTurn("y".repeat(400))], { contextWindowSize: 120 });
    await session.submit("Hi");
    expect(events.filter((event) => event.kind === "warning")).toEqual([
      expect.objectContaining({ code: "context-usage", message: expect.stringMatching(/^Context usage at ~\d+% of context window$/) }),
    ]);
    const quiet = start([textTurn("short")], { contextWindowSize: 100_000 });
    await quiet.session.submit("Hi");
    expect(quiet.kinds()).not.toContain("warning");
  });
});
