/**
 * The coding-agent-loop-spec 9.12 cross-provider parity matrix: each case runs a real Session
 * with the provider's profile and tools on a temp directory, through our LLM client over HTTP,
 * against the provider's twin answering from a scripted policy. The policy sees the request the
 * way the provider received it (PolicyRequest), so the matrix also checks that tool calls, tool
 * results, steering and reasoning effort survive each wire format.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  createAnthropicProfile,
  createGeminiProfile,
  createOpenAIProfile,
  createSession,
  LocalExecutionEnvironment,
  type ProviderProfile,
  type Session,
  type SessionConfig,
  type SessionEvent,
} from "../src/agent/index.js";
import { createLlmClient } from "../src/llm/index.js";
import { anthropicApiKey, createAnthropicTwin } from "../src/twins/anthropic/index.js";
import { createGeminiTwin, geminiApiKey } from "../src/twins/gemini/index.js";
import { type ServedTwin, serveTwin, type Tenant, type Twin } from "../src/twins/kit/index.js";
import { type PolicyMessage, type PolicyRequest, type ScriptedTurn, setPolicy } from "../src/twins/llm-policy/index.js";
import { createOpenAITwin, openaiApiKey } from "../src/twins/openai/index.js";

type ProviderId = "openai" | "anthropic" | "gemini";

interface ProviderCase {
  id: ProviderId;
  twin: Twin;
  profile: () => ProviderProfile;
  env: (served: ServedTwin, key: string) => Record<string, string>;
  apiKey: (tenant: Tenant) => string;
}

const PROVIDERS: ProviderCase[] = [
  {
    id: "openai",
    twin: createOpenAITwin({ seed: 21 }),
    profile: () => createOpenAIProfile("gpt-5"),
    env: (served, key) => ({ OPENAI_API_KEY: key, OPENAI_BASE_URL: `${served.baseUrl}/v1` }),
    apiKey: openaiApiKey,
  },
  {
    id: "anthropic",
    twin: createAnthropicTwin({ seed: 22 }),
    profile: () => createAnthropicProfile("claude-sonnet-4-5"),
    env: (served, key) => ({ ANTHROPIC_API_KEY: key, ANTHROPIC_BASE_URL: `${served.baseUrl}/v1` }),
    apiKey: anthropicApiKey,
  },
  {
    id: "gemini",
    twin: createGeminiTwin({ seed: 23 }),
    profile: () => createGeminiProfile("gemini-2.5-pro"),
    env: (served, key) => ({ GEMINI_API_KEY: key, GEMINI_BASE_URL: `${served.baseUrl}/v1beta` }),
    apiKey: geminiApiKey,
  },
];

/** Tool rounds answered so far in this conversation (consecutive tool results count once). */
function roundsOf(messages: readonly PolicyMessage[]): number {
  return messages.filter((message, index) => message.role === "tool-result" && messages[index - 1]?.role !== "tool-result").length;
}

function lastToolOutput(messages: readonly PolicyMessage[]): string {
  const last = messages.findLast((message) => message.role === "tool-result");
  return last?.role === "tool-result" ? last.output : "";
}

function firstUserText(messages: readonly PolicyMessage[]): string {
  const first = messages.find((message) => message.role === "user");
  return first?.role === "user" ? first.text : "";
}

const call = (name: string, args: Record<string, unknown>): ScriptedTurn => ({ toolCalls: [{ name, arguments: args }] });
const say = (text: string): ScriptedTurn => ({ text });

/** The profile's own way to replace `before` with `after` in a file. */
function editCall(provider: ProviderId, file: string, before: string, after: string): ScriptedTurn {
  if (provider === "openai") {
    const patch = ["*** Begin Patch", `*** Update File: ${file}`, "@@", ...before.split("\n").map((line) => `-${line}`), ...after.split("\n").map((line) => `+${line}`), "*** End Patch"].join("\n");
    return call("apply_patch", { patch });
  }
  return call("edit_file", { file_path: file, old_string: before, new_string: after });
}

interface Run {
  session: Session;
  events: SessionEvent[];
  requests: PolicyRequest[];
  directory: string;
  read: (file: string) => Promise<string>;
  toolEnds: (name?: string) => Extract<SessionEvent, { kind: "tool-call-end" }>[];
}

describe.each(PROVIDERS)("9.12 parity matrix: $id", (provider) => {
  let served: ServedTwin;
  let tenant: Tenant;
  let directory: string;

  beforeAll(async () => {
    served = await serveTwin(provider.twin);
    tenant = provider.twin.tenant();
  });
  afterAll(() => served.close());
  beforeEach(async () => {
    tenant.reset();
    tenant.faults = { rules: [] };
    directory = await mkdtemp(path.join(tmpdir(), `lightsout-parity-${provider.id}-`));
    return () => rm(directory, { recursive: true, force: true });
  });

  async function run(policy: (request: PolicyRequest) => ScriptedTurn, input: string, options: { config?: Partial<SessionConfig>; onEvent?: (event: SessionEvent, session: Session) => void } = {}): Promise<Run> {
    const requests: PolicyRequest[] = [];
    setPolicy(tenant, (request) => {
      requests.push(request);
      return policy(request);
    });
    const llm = createLlmClient({ env: provider.env(served, provider.apiKey(tenant)), retry: { maxRetries: 0 } });
    const environment = new LocalExecutionEnvironment({ workingDir: directory });
    const events: SessionEvent[] = [];
    const holder: { session?: Session } = {};
    const session = createSession({
      profile: provider.profile(),
      environment,
      llm,
      config: { ...options.config },
      onEvent: (event) => {
        events.push(event);
        if (holder.session) options.onEvent?.(event, holder.session);
      },
    });
    holder.session = session;
    const result = await session.submit(input);
    expect(result.outcome).toBe("completed");
    return {
      session,
      events,
      requests,
      directory,
      read: (file) => readFile(path.join(directory, file), "utf8"),
      toolEnds: (name) => events.filter((event): event is Extract<SessionEvent, { kind: "tool-call-end" }> => event.kind === "tool-call-end" && (name === undefined || event.toolName === name)),
    };
  }

  it("simple file creation task", async () => {
    const result = await run(({ messages }) => (roundsOf(messages) === 0 ? call("write_file", { file_path: "hello.py", content: "print('Hello World')\n" }) : say("Created.")), "Create hello.py");
    expect(await result.read("hello.py")).toContain("Hello World");
  });

  it("read file, then edit it", async () => {
    await writeFile(path.join(directory, "greet.txt"), "hello\n");
    const result = await run(({ messages }) => {
      const round = roundsOf(messages);
      if (round === 0) return call("read_file", { file_path: "greet.txt" });
      if (round === 1) return editCall(provider.id, "greet.txt", "hello", "hello, world");
      return say("Edited.");
    }, "Make the greeting longer");
    expect(await result.read("greet.txt")).toBe("hello, world\n");
    expect(result.requests[1]?.messages.some((message) => message.role === "tool-result" && message.output.includes("hello"))).toBe(true);
  });

  it("multi-file edit in one session", async () => {
    await writeFile(path.join(directory, "a.txt"), "alpha\n");
    await writeFile(path.join(directory, "b.txt"), "beta\n");
    const result = await run(({ messages }) => {
      const round = roundsOf(messages);
      if (round === 0) return editCall(provider.id, "a.txt", "alpha", "ALPHA");
      if (round === 1) return editCall(provider.id, "b.txt", "beta", "BETA");
      return say("Both edited.");
    }, "Upper-case both files");
    expect([await result.read("a.txt"), await result.read("b.txt")]).toEqual(["ALPHA\n", "BETA\n"]);
  });

  it("shell command execution", async () => {
    const result = await run(({ messages }) => (roundsOf(messages) === 0 ? call("shell", { command: "echo parity-$((40 + 2))" }) : say(lastToolOutput(messages))), "Run the command");
    expect(result.toolEnds("shell")[0]?.output).toContain("parity-42");
    expect(result.requests[1]?.messages.some((message) => message.role === "tool-result" && message.output.includes("parity-42"))).toBe(true);
  });

  it("shell command timeout handling", async () => {
    const result = await run(({ messages }) => (roundsOf(messages) === 0 ? call("shell", { command: "sleep 5", timeout_ms: 200 }) : say("It timed out.")), "Run sleep");
    expect(result.toolEnds("shell")[0]).toMatchObject({ isError: true, output: expect.stringContaining("Command timed out after 200ms") });
  });

  it("grep + glob to find files", async () => {
    await mkdir(path.join(directory, "src"));
    await writeFile(path.join(directory, "src", "one.ts"), "// TODO: fix\n");
    await writeFile(path.join(directory, "src", "two.ts"), "export {};\n");
    const result = await run(({ messages }) => {
      const round = roundsOf(messages);
      if (round === 0) return call("glob", { pattern: "**/*.ts" });
      if (round === 1) return call("grep", { pattern: "TODO" });
      return say("Found it.");
    }, "Find the TODO");
    expect(result.toolEnds("glob")[0]?.output).toMatch(/one\.ts[\s\S]*two\.ts|two\.ts[\s\S]*one\.ts/);
    expect(result.toolEnds("grep")[0]?.output).toContain("one.ts");
  });

  it("multi-step task (read -> analyze -> edit)", async () => {
    await writeFile(path.join(directory, "count.txt"), "one\ntwo\nthree\n");
    const result = await run(({ messages }) => {
      const round = roundsOf(messages);
      if (round === 0) return call("read_file", { file_path: "count.txt" });
      if (round === 1) return call("shell", { command: "wc -l < count.txt" });
      if (round === 2) return editCall(provider.id, "count.txt", "three", `three\nlines: ${lastToolOutput(messages).split("\n")[0]?.trim()}`);
      return say("Done.");
    }, "Count the lines and record it");
    expect(await result.read("count.txt")).toBe("one\ntwo\nthree\nlines: 3\n");
  });

  it("tool output truncation (large file)", async () => {
    await writeFile(path.join(directory, "big.txt"), "x".repeat(100_000));
    const result = await run(({ messages }) => (roundsOf(messages) === 0 ? call("read_file", { file_path: "big.txt" }) : say("Big.")), "Read big.txt");
    expect(result.toolEnds("read_file")[0]?.output.length).toBeGreaterThanOrEqual(100_000);
    const sent = lastToolOutput(result.requests[1]?.messages ?? []);
    expect(sent).toContain("[WARNING: Tool output was truncated.");
    expect(sent.length).toBeLessThan(60_000);
  });

  it("parallel tool calls", async () => {
    await writeFile(path.join(directory, "x.txt"), "ex\n");
    await writeFile(path.join(directory, "y.txt"), "why\n");
    const result = await run(({ messages }) => {
      if (roundsOf(messages) > 0) return say("Read both.");
      return { toolCalls: [{ name: "read_file", arguments: { file_path: "x.txt" } }, { name: "read_file", arguments: { file_path: "y.txt" } }] };
    }, "Read both files");
    const results = (result.requests[1]?.messages ?? []).filter((message) => message.role === "tool-result");
    expect(results).toHaveLength(2);
    expect(results.map((message) => (message.role === "tool-result" ? message.output : "")).join("|")).toMatch(/ex[\s\S]*\|[\s\S]*why/);
  });

  it("steering mid-task", async () => {
    const steer = "Actually, only create the /health route.";
    const result = await run(
      ({ messages }) => {
        const round = roundsOf(messages);
        const steered = messages.some((message) => message.role === "user" && message.text === steer);
        if (round === 0) return call("write_file", { file_path: "routes.txt", content: "/\n/users\n/admin\n" });
        if (round === 1 && steered) return call("write_file", { file_path: "routes.txt", content: "/health\n" });
        return say(steered ? "Only /health." : "All routes.");
      },
      "Create the routes",
      { onEvent: (event, session) => event.kind === "tool-call-start" && event.toolName === "write_file" && session.history.filter((turn) => turn.kind === "steering").length === 0 && session.steer(steer) },
    );
    expect(await result.read("routes.txt")).toBe("/health\n");
  });

  it("reasoning effort change", async () => {
    const result = await run(() => say("ok"), "First", { config: { reasoningEffort: "high" } });
    result.session.setReasoningEffort("low");
    await result.session.submit("Second");
    const [first, second] = result.requests;
    expect(first?.reasoning).toBeDefined();
    expect(second?.reasoning).toBeDefined();
    expect(first?.reasoning).not.toBe(second?.reasoning);
  });

  it("subagent spawn and wait", async () => {
    const result = await run(({ messages }) => {
      if (firstUserText(messages) === "Write child.txt") {
        return roundsOf(messages) === 0 ? call("write_file", { file_path: "child.txt", content: "child\n" }) : say("child.txt done");
      }
      const round = roundsOf(messages);
      if (round === 0) return call("spawn_agent", { task: "Write child.txt" });
      if (round === 1) return call("wait", { agent_id: (JSON.parse(lastToolOutput(messages)) as { agent_id: string }).agent_id });
      return say(`Child said: ${(JSON.parse(lastToolOutput(messages)) as { output: string }).output}`);
    }, "Delegate");
    expect(await result.read("child.txt")).toBe("child\n");
    expect(result.session.history.at(-1)).toMatchObject({ kind: "assistant", content: "Child said: child.txt done" });
  });

  it("loop detection triggers warning", async () => {
    await writeFile(path.join(directory, "same.txt"), "same\n");
    const result = await run(
      ({ messages }) => (messages.some((message) => message.role === "user" && message.text.startsWith("Loop detected")) ? say("Changing approach.") : call("read_file", { file_path: "same.txt" })),
      "Keep reading",
      { config: { loopDetectionWindow: 3 } },
    );
    expect(result.events.some((event) => event.kind === "loop-detection")).toBe(true);
    expect(result.requests).toHaveLength(4);
  });

  it("error recovery (tool fails, model retries)", async () => {
    const result = await run(({ messages }) => {
      const round = roundsOf(messages);
      if (round === 0) return call("read_file", { file_path: "missing.txt" });
      if (round === 1) return call("write_file", { file_path: "missing.txt", content: "now here\n" });
      return say("Recovered.");
    }, "Read missing.txt, create it if needed");
    expect(result.toolEnds("read_file")[0]?.isError).toBe(true);
    expect(lastToolOutput(result.requests[1]?.messages ?? [])).toMatch(/not found|no such file|does not exist/i);
    expect(await result.read("missing.txt")).toBe("now here\n");
  });

  it("provider-specific editing format works", async () => {
    await writeFile(path.join(directory, "dup.txt"), "x = 1\ny = 1\n");
    const edit: ScriptedTurn =
      provider.id === "openai"
        ? call("apply_patch", { patch: "*** Begin Patch\n*** Add File: added.txt\n+added by patch\n*** Update File: dup.txt\n@@\n-x = 1\n+x = 2\n y = 1\n*** End Patch" })
        : provider.id === "anthropic"
          ? call("edit_file", { file_path: "dup.txt", old_string: "= 1", new_string: "= 2", replace_all: true })
          : call("edit_file", { file_path: "dup.txt", old_string: "= 1", new_string: "= 2", expected_replacements: 2 });
    const result = await run(({ messages }) => (roundsOf(messages) === 0 ? edit : say("Edited.")), "Edit in your own format");
    expect(result.toolEnds()[0]?.isError).toBe(false);
    if (provider.id === "openai") {
      expect(await result.read("added.txt")).toBe("added by patch\n");
      expect(await result.read("dup.txt")).toBe("x = 2\ny = 1\n");
    } else {
      expect(await result.read("dup.txt")).toBe("x = 2\ny = 2\n");
    }
  });
});
