import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Request } from "../llm/types.js";
import { createScriptedLlm, textTurn, toolCallTurn, type ScriptedAnswer, type ScriptedResponder } from "../testing/scripted-llm.js";
import type { SessionEvent } from "./events.js";
import { LocalExecutionEnvironment } from "./execution/local-environment.js";
import { createProfile } from "./profiles/profile-base.js";
import { createSession, type CreateSessionOptions, type SessionConfig } from "./session.js";
import type { RegisteredTool } from "./tools/registry.js";
import { createShellTool } from "./tools/shell-tool.js";

let directory: string;
let environment: LocalExecutionEnvironment;

beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), "lightsout-session-"));
  environment = new LocalExecutionEnvironment({ workingDir: directory });
});

afterEach(async () => {
  await environment.cleanup();
  await rm(directory, { recursive: true, force: true });
});

const echoTool: RegisteredTool = {
  definition: { name: "echo", description: "Echo the text.", parameters: { type: "object", properties: { text: { type: "string" } }, required: ["text"] } },
  executor: async (args) => `echo: ${String(args["text"])}`,
};

function profileWith(tools: RegisteredTool[], overrides: { parallel?: boolean; contextWindowSize?: number } = {}) {
  return createProfile({
    id: "anthropic",
    model: "test-model",
    baseInstructions: "You are a test agent.",
    tools,
    projectDocFiles: ["AGENTS.md"],
    supportsReasoning: true,
    supportsStreaming: false,
    supportsParallelToolCalls: overrides.parallel ?? false,
    contextWindowSize: overrides.contextWindowSize ?? 1_000_000,
  });
}

function start(script: readonly ScriptedAnswer[] | ScriptedResponder, options: { tools?: RegisteredTool[]; config?: Partial<SessionConfig>; parallel?: boolean; contextWindowSize?: number } & Partial<CreateSessionOptions> = {}) {
  const llm = createScriptedLlm(script);
  const events: SessionEvent[] = [];
  const session = createSession({
    profile: options.profile ?? profileWith(options.tools ?? [echoTool], options),
    environment,
    llm,
    ...(options.config ? { config: options.config } : {}),
    onEvent: (event) => events.push(event),
  });
  return { session, llm, events, kinds: () => events.map((event) => event.kind) };
}

function toolMessages(request: Request | undefined) {
  return (request?.messages ?? []).filter((message) => message.role === "tool").flatMap((message) => message.content);
}

describe("9.1 core loop", () => {
  it("a session is created with a ProviderProfile and an ExecutionEnvironment and starts idle", () => {
    const { session, events } = start([]);
    expect(session.state).toBe("idle");
    expect(session.environment.workingDirectory()).toBe(directory);
    expect(events[0]).toMatchObject({ kind: "session-start", model: "test-model", provider: "anthropic", sessionId: session.id });
  });

  it("process_input runs LLM call -> tool execution -> LLM call until the model answers with text only", async () => {
    const { session, llm } = start([toolCallTurn("echo", { text: "hi" }), textTurn("All done.")]);
    const result = await session.submit("Say hi");
    expect(result).toEqual({ outcome: "completed", text: "All done.", turns: 2 });
    expect(session.history.map((turn) => turn.kind)).toEqual(["user", "assistant", "tool-results", "assistant"]);
    expect(llm.requests).toHaveLength(2);
    expect(toolMessages(llm.requests[1])).toEqual([{ kind: "tool_result", toolCallId: "call_1_1", content: "echo: hi", isError: false }]);
    expect(llm.requests[0]?.messages[0]?.role).toBe("system");
    expect(session.state).toBe("idle");
  });

  it("natural completion: a text-only answer ends the loop after one call", async () => {
    const { session, llm } = start([textTurn("Nothing to do.")]);
    await session.submit("Hello");
    expect(llm.requests).toHaveLength(1);
    expect(session.history.map((turn) => turn.kind)).toEqual(["user", "assistant"]);
  });

  it("round limit: max_tool_rounds_per_input stops the loop when reached", async () => {
    const { session, llm, events } = start(() => toolCallTurn("echo", { text: "again" }), { config: { maxToolRoundsPerInput: 2, enableLoopDetection: false } });
    const result = await session.submit("Loop");
    expect(result.outcome).toBe("round-limit");
    expect(llm.requests).toHaveLength(2);
    expect(events.find((event) => event.kind === "turn-limit")).toMatchObject({ limit: "max-tool-rounds-per-input", rounds: 2 });
    expect(session.state).toBe("idle");
  });

  it("session turn limit: max_turns stops the loop across all inputs", async () => {
    const { session, llm, events } = start([toolCallTurn("echo", { text: "a" }), textTurn("first done"), toolCallTurn("echo", { text: "b" })], {
      config: { maxTurns: 3 },
    });
    expect((await session.submit("one")).outcome).toBe("completed");
    expect((await session.submit("two")).outcome).toBe("turn-limit");
    expect(llm.requests).toHaveLength(3);
    expect(events.find((event) => event.kind === "turn-limit")).toMatchObject({ limit: "max-turns", totalTurns: 3 });
  });

  it("multiple sequential inputs: submit, wait for completion, submit again (history carries over)", async () => {
    const { session, llm } = start([textTurn("first"), textTurn("second")]);
    await session.submit("one");
    const result = await session.submit("two");
    expect(result.text).toBe("second");
    const userTexts = llm.requests[1]?.messages.filter((message) => message.role === "user").map((message) => message.content[0]);
    expect(userTexts).toEqual([
      { kind: "text", text: "one" },
      { kind: "text", text: "two" },
    ]);
  });

  it("a text-only answer that asks the user a question leaves the session awaiting input; the answer continues it", async () => {
    const { session, llm } = start([textTurn("Which port should the server use?"), textTurn("Using 8080.")]);
    expect((await session.submit("Start a server")).outcome).toBe("awaiting-input");
    expect(session.state).toBe("awaiting-input");
    expect((await session.submit("8080")).outcome).toBe("completed");
    expect(session.state).toBe("idle");
    expect(llm.requests[1]?.messages.filter((message) => message.role !== "system").map((message) => message.role)).toEqual(["user", "assistant", "user"]);
  });

  it("a second submit while processing is refused with a clear error", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const blocking = start(async () => {
      await gate;
      return textTurn("ok");
    });
    const running = blocking.session.submit("first");
    expect(() => blocking.session.submit("second")).toThrow(/processing an input; use steer\(\) or followUp\(\)/);
    release();
    await running;
  });

  it("abort signal: cancels the running command (its process is killed), stops the loop and ends CLOSED", async () => {
    const pidFile = path.join(directory, "pid.txt");
    const { session, kinds, llm } = start([toolCallTurn("shell", { command: `echo $$ > ${pidFile}; sleep 30` }), textTurn("never")], {
      tools: [createShellTool()],
    });
    const running = session.submit("Run it");
    const pid = await waitFor(async () => Number((await readFile(pidFile, "utf8").catch(() => "")).trim()) || undefined);
    expect(isAlive(pid)).toBe(true);
    await session.abort();
    const result = await running;
    expect(result.outcome).toBe("aborted");
    expect(isAlive(pid)).toBe(false);
    expect(session.state).toBe("closed");
    expect(llm.requests).toHaveLength(1);
    expect(kinds().slice(-3)).toEqual(["tool-call-end", "processing-end", "session-end"]);
    expect(() => session.submit("more")).toThrow(/closed/);
  });

  it("abort signal: cancels an in-flight model call", async () => {
    const { session, events } = start(
      (_request, { signal }) =>
        new Promise((_resolve, reject) => signal?.addEventListener("abort", () => reject(Object.assign(new Error("aborted"), { name: "AbortError" })))),
    );
    const running = session.submit("Think forever");
    await new Promise((resolve) => setTimeout(resolve, 20));
    await session.abort();
    expect((await running).outcome).toBe("aborted");
    expect(session.state).toBe("closed");
    expect(events.some((event) => event.kind === "error")).toBe(false);
  });

  it("loop detection: the same call repeated over the window injects a warning SteeringTurn", async () => {
    const { session, llm, events } = start(
      (_request, { index }) => (index < 4 ? toolCallTurn("echo", { text: "same" }) : textTurn("ok, changing approach")),
      { config: { loopDetectionWindow: 4 } },
    );
    await session.submit("Go");
    const warning = events.find((event) => event.kind === "loop-detection");
    expect(warning).toMatchObject({ message: expect.stringContaining("Loop detected: the last 4 tool calls") });
    const steering = session.history.filter((turn) => turn.kind === "steering");
    expect(steering).toHaveLength(1);
    const lastRequest = llm.requests.at(-1);
    expect(lastRequest?.messages.at(-1)).toMatchObject({ role: "user", content: [{ kind: "text", text: expect.stringContaining("Loop detected") }] });
  });

  it("loop detection: a cycle of two different calls is detected too, and nothing is flagged when disabled", async () => {
    const cycle: ScriptedResponder = (_request, { index }) => (index < 4 ? toolCallTurn("echo", { text: index % 2 === 0 ? "a" : "b" }) : textTurn("done"));
    const detected = start(cycle, { config: { loopDetectionWindow: 4 } });
    await detected.session.submit("Go");
    expect(detected.kinds()).toContain("loop-detection");
    const disabled = start(cycle, { config: { loopDetectionWindow: 4, enableLoopDetection: false } });
    await disabled.session.submit("Go");
    expect(disabled.kinds()).not.toContain("loop-detection");
  });
});

describe("9.3 parallel tool execution", () => {
  function concurrencyProbe() {
    let active = 0;
    let peak = 0;
    const tool: RegisteredTool = {
      definition: { name: "slow", description: "Waits.", parameters: { type: "object", properties: {} } },
      executor: async () => {
        active += 1;
        peak = Math.max(peak, active);
        await new Promise((resolve) => setTimeout(resolve, 30));
        active -= 1;
        return "done";
      },
    };
    return { tool, peak: () => peak };
  }
  const twoCalls: ScriptedAnswer[] = [{ toolCalls: [{ name: "slow" }, { name: "slow" }, { name: "slow" }] }, textTurn("ok")];

  it("runs a round's calls concurrently when the profile supports parallel tool calls, results in call order", async () => {
    const probe = concurrencyProbe();
    const { session, llm } = start(twoCalls, { tools: [probe.tool], parallel: true });
    await session.submit("Go");
    expect(probe.peak()).toBe(3);
    expect(toolMessages(llm.requests[1]).map((part) => (part.kind === "tool_result" ? part.toolCallId : ""))).toEqual(["call_1_1", "call_1_2", "call_1_3"]);
  });

  it("runs them one after another otherwise", async () => {
    const probe = concurrencyProbe();
    const { session } = start(twoCalls, { tools: [probe.tool], parallel: false });
    await session.submit("Go");
    expect(probe.peak()).toBe(1);
  });
});

async function waitFor<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (let attempt = 0; attempt < 500; attempt++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error("condition not met");
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
