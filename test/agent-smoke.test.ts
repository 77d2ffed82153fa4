/**
 * The coding-agent-loop-spec 9.13 integration smoke test, for each provider profile, with a
 * scripted model (no API keys) driving the real tools on a real local environment in a temp
 * directory: file creation, read and edit (in the profile's own editing format), shell, output
 * truncation, steering, a subagent, and a command timeout.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAnthropicProfile, createGeminiProfile, createOpenAIProfile, createSession, LocalExecutionEnvironment, type ProviderProfile, type SessionEvent } from "../src/agent/index.js";
import type { Message, Request } from "../src/llm/types.js";
import { createScriptedLlm, textTurn, toolCallTurn, type ScriptedTurn } from "../src/testing/scripted-llm.js";

const INPUTS = {
  create: "Create a file called hello.sh that prints 'Hello World'",
  edit: "Read hello.sh and add a second line that prints 'Goodbye'",
  run: "Run hello.sh and show the output",
  big: "Read big.txt",
  flask: "Create a Flask web application with multiple routes",
  subagent: "Spawn a subagent to write tests for hello.sh, then review its output",
  timeout: "Run 'sleep 30' with the default timeout",
};
const STEER = "Actually, just create a single /health endpoint for now";
const CHILD_TASK = "Write test_hello.sh that checks hello.sh prints Hello World";

function text(message: Message | undefined): string {
  const part = message?.content[0];
  return part?.kind === "text" ? part.text : part?.kind === "tool_result" ? part.content : "";
}

/** The scripted model: picks the step from the latest input and the tool results since it. */
function smokeModel(profileId: string) {
  return (request: Request): ScriptedTurn => {
    const messages = request.messages;
    const firstUser = messages.find((message) => message.role === "user");
    if (text(firstUser) === CHILD_TASK) {
      const done = messages.some((message) => message.role === "tool");
      return done ? textTurn("test_hello.sh written") : toolCallTurn("write_file", { file_path: "test_hello.sh", content: "sh hello.sh | grep -q 'Hello World'\n" });
    }
    const inputs = Object.values(INPUTS);
    let start = -1;
    messages.forEach((message, index) => {
      if (message.role === "user" && inputs.includes(text(message))) start = index;
    });
    const input = text(messages[start]);
    const since = messages.slice(start + 1);
    const rounds = since.filter((message) => message.role === "assistant").length;
    const lastTool = since.filter((message) => message.role === "tool").at(-1);
    switch (input) {
      case INPUTS.create:
        return rounds === 0 ? toolCallTurn("write_file", { file_path: "hello.sh", content: "echo 'Hello World'\n" }) : textTurn("Created hello.sh.");
      case INPUTS.edit:
        if (rounds === 0) return toolCallTurn("read_file", { file_path: "hello.sh" });
        if (rounds === 1) {
          return profileId === "openai"
            ? toolCallTurn("apply_patch", { patch: "*** Begin Patch\n*** Update File: hello.sh\n@@\n echo 'Hello World'\n+echo 'Goodbye'\n*** End Patch" })
            : toolCallTurn("edit_file", { file_path: "hello.sh", old_string: "echo 'Hello World'\n", new_string: "echo 'Hello World'\necho 'Goodbye'\n" });
        }
        return textTurn("Added the Goodbye line.");
      case INPUTS.run:
        return rounds === 0 ? toolCallTurn("shell", { command: "sh hello.sh" }) : textTurn(`Output:\n${text(lastTool)}`);
      case INPUTS.big:
        return rounds === 0 ? toolCallTurn("read_file", { file_path: "big.txt" }) : textTurn("big.txt is 100000 x characters.");
      case INPUTS.flask: {
        const steered = since.some((message) => message.role === "user" && text(message) === STEER);
        if (rounds === 0) return toolCallTurn("write_file", { file_path: "app.py", content: "# routes: /, /users, /admin\n" });
        if (steered && rounds === 1) return toolCallTurn("write_file", { file_path: "app.py", content: "# routes: /health\n" });
        return textTurn(steered ? "Only /health now." : "Done with all routes.");
      }
      case INPUTS.subagent: {
        if (rounds === 0) return toolCallTurn("spawn_agent", { task: CHILD_TASK });
        if (rounds === 1) return toolCallTurn("wait", { agent_id: (JSON.parse(text(lastTool)) as { agent_id: string }).agent_id });
        return textTurn(`Reviewed: ${(JSON.parse(text(lastTool)) as { output: string }).output}`);
      }
      case INPUTS.timeout:
        return rounds === 0 ? toolCallTurn("shell", { command: "sleep 30" }) : textTurn("The command timed out; sleep 30 needs a longer timeout.");
      default:
        throw new Error(`smoke model: unexpected input ${JSON.stringify(input)}`);
    }
  };
}

let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), "lightsout-smoke-"));
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

const profiles: Array<[string, () => ProviderProfile]> = [
  ["openai", () => createOpenAIProfile("gpt-5")],
  ["anthropic", () => createAnthropicProfile("claude-sonnet-4-5")],
  ["gemini", () => createGeminiProfile("gemini-2.5-pro")],
];

describe("9.13 integration smoke test (scripted model, real local environment)", () => {
  it.each(profiles)("%s: create, edit, shell, truncation, steering, subagent and timeout", async (profileId, makeProfile) => {
    const env = new LocalExecutionEnvironment({ workingDir: directory });
    const llm = createScriptedLlm(smokeModel(profileId));
    const events: SessionEvent[] = [];
    // The command bound keeps step 7 fast: every default timeout (10 s, Anthropic's 120 s) is capped at 500 ms.
    const session = createSession({ profile: makeProfile(), environment: env, llm, config: { maxCommandTimeoutMs: 500 }, onEvent: (event) => events.push(event) });
    const endsOf = (toolName: string) => events.filter((event): event is Extract<SessionEvent, { kind: "tool-call-end" }> => event.kind === "tool-call-end" && event.toolName === toolName);

    // 1. Simple file creation
    await session.submit(INPUTS.create);
    expect(await env.fileExists("hello.sh")).toBe(true);
    expect(await env.readFile("hello.sh")).toContain("Hello");

    // 2. Read and edit, in the profile's own format
    await session.submit(INPUTS.edit);
    const content = await env.readFile("hello.sh");
    expect(content).toContain("Hello");
    expect(content).toContain("Goodbye");
    expect(endsOf(profileId === "openai" ? "apply_patch" : "edit_file")).toEqual([expect.objectContaining({ isError: false })]);

    // 3. Shell execution
    const ran = await session.submit(INPUTS.run);
    expect(endsOf("shell")[0]?.output).toMatch(/Hello World\nGoodbye/);
    expect(ran.text).toContain("Goodbye");

    // 4. Truncation: the event has everything, the model a marked excerpt
    await env.writeFile("big.txt", "x".repeat(100_000));
    await session.submit(INPUTS.big);
    const bigRead = endsOf("read_file").at(-1);
    expect(bigRead?.output.length).toBeGreaterThanOrEqual(100_000);
    const sentToModel = llm.requests.at(-1)?.messages.filter((message) => message.role === "tool").at(-1);
    expect(text(sentToModel)).toContain("[WARNING: Tool output was truncated.");
    expect(text(sentToModel).length).toBeLessThan(bigRead?.output.length ?? 0);

    // 5. Steering mid-task
    const unsubscribe = session.on((event) => {
      if (event.kind === "tool-call-start" && event.toolName === "write_file") session.steer(STEER);
    });
    await session.submit(INPUTS.flask);
    unsubscribe();
    expect(await env.readFile("app.py")).toBe("# routes: /health\n");
    expect(events.filter((event) => event.kind === "steering-injected").length).toBeGreaterThanOrEqual(1);

    // 6. Subagent
    const reviewed = await session.submit(INPUTS.subagent);
    expect(reviewed.text).toBe("Reviewed: test_hello.sh written");
    expect(await env.fileExists("test_hello.sh")).toBe(true);
    const childEvents = events.filter((event) => event.sessionId !== session.id);
    expect(childEvents.some((event) => event.kind === "tool-call-end" && event.toolName === "write_file")).toBe(true);

    // 7. Timeout handling
    const timedOut = await session.submit(INPUTS.timeout);
    const sleep = endsOf("shell").at(-1);
    expect(sleep).toMatchObject({ isError: true, output: expect.stringContaining("[ERROR: Command timed out after 500ms.") });
    expect(timedOut.outcome).toBe("completed");

    await session.close();
    expect(events.at(-1)).toMatchObject({ kind: "session-end", sessionId: session.id });
    await env.cleanup();
  });
});
