import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { LocalExecutionEnvironment, type SessionEvent } from "../agent/index.js";
import { createBudget, createLlmClient, CostMeter, costOfCall, type Request } from "../llm/index.js";
import { type CodergenRuntime, Context, preparePipeline, runPipeline, type PipelineResult } from "../pipeline/index.js";
import { createScriptedLlm, type ScriptedAnswer } from "../testing/scripted-llm.js";
import { openaiApiKey, createOpenAITwin, serveTwin, setPolicy, type ServedTwin } from "../twins/index.js";
import { type AgentBackend, createAgentBackend, threadFileName } from "./agent-backend.js";

const opened: AgentBackend[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((backend) => backend.close()));
});

function directories(): { workspace: string; logsRoot: string } {
  const root = mkdtempSync(join(tmpdir(), "lightsout-agent-backend-"));
  mkdirSync(join(root, "workspace"));
  return { workspace: join(root, "workspace"), logsRoot: join(root, "run") };
}

function graphOf(body: string) {
  const { graph, diagnostics } = preparePipeline(`digraph test {\n  start [shape=Mdiamond]\n  exit [shape=Msquare]\n${body}\n}`);
  expect(diagnostics.filter((diagnostic) => diagnostic.severity === "error")).toEqual([]);
  return graph;
}

async function runWith(body: string, script: readonly ScriptedAnswer[] | ((request: Request) => ScriptedAnswer), extra: { meter?: CostMeter; onEvent?: (nodeId: string, event: SessionEvent) => void } = {}) {
  const { workspace, logsRoot } = directories();
  const llm = createScriptedLlm(typeof script === "function" ? (request) => script(request) : script);
  const backend = createAgentBackend({ llm, workspace, logsRoot, defaultModel: "openai:gpt-5", sessionConfig: { streaming: false }, ...extra });
  opened.push(backend);
  const result: PipelineResult = await runPipeline(graphOf(body), { logsRoot, backend, workingDirectory: workspace });
  return { result, llm, workspace, logsRoot };
}

/** Every text of a request's messages, in order (user prompts, assistant answers, tool results). */
function textsOf(request: Request | undefined): string[] {
  return (request?.messages ?? []).flatMap((message) =>
    message.content.flatMap((part) => (part.kind === "text" ? [part.text] : part.kind === "tool_result" ? [String(part.content)] : [])),
  );
}

/** What the engine gives a backend for one stage, with only the parts the backend uses. */
function stageRuntime(stageDir: string, fidelity: { mode: string; threadId: string }): CodergenRuntime {
  return { signal: new AbortController().signal, emit: () => undefined, fidelity: { ...fidelity, preamble: "" }, stageDir } as unknown as CodergenRuntime;
}

/** One box node of a full-fidelity thread, run directly on `backend` as the engine would. */
async function runThreadStage(backend: AgentBackend, logsRoot: string, nodeId: string, prompt: string, threadId = "t1") {
  const graph = graphOf(`  ${nodeId} [shape=box]\n  start -> ${nodeId} -> exit`);
  return backend.run(graph.nodes.get(nodeId)!, prompt, new Context(), stageRuntime(join(logsRoot, nodeId), { mode: "full", threadId }));
}

const TWO_BOXES = `  write [shape=box, prompt="Write notes.txt"]
  read [shape=box, prompt="Read notes.txt"]
  start -> write -> read -> exit`;

describe("createAgentBackend", () => {
  it("runs each box node as an agent session in the workspace: node 1 writes a file, node 2 reads it", async () => {
    const { result, llm, workspace, logsRoot } = await runWith(TWO_BOXES, [
      { toolCalls: [{ name: "write_file", arguments: { file_path: "notes.txt", content: "the secret is 42\n" } }], usage: { inputTokens: 1000, outputTokens: 100 } },
      { text: "Wrote notes.txt.", usage: { inputTokens: 1200, outputTokens: 10 } },
      { toolCalls: [{ name: "read_file", arguments: { file_path: "notes.txt" } }] },
      { text: "It says the secret is 42." },
    ]);
    expect(result.status).toBe("success");
    expect(readFileSync(join(workspace, "notes.txt"), "utf8")).toBe("the secret is 42\n");
    expect(textsOf(llm.requests[3]).join("\n")).toContain("the secret is 42");
    expect(readFileSync(join(logsRoot, "write", "response.md"), "utf8")).toBe("Wrote notes.txt.");
    expect(readFileSync(join(logsRoot, "read", "response.md"), "utf8")).toBe("It says the secret is 42.");
    expect(llm.requests[0]?.model).toBe("gpt-5");
    expect(llm.requests[0]?.provider).toBe("openai");
  });

  it("writes agent-events.jsonl and cost.json per stage and rolls the cost up into the meter", async () => {
    const meter = new CostMeter("run");
    const usage1 = { inputTokens: 1000, outputTokens: 100, totalTokens: 1100 };
    const usage2 = { inputTokens: 1200, outputTokens: 10, totalTokens: 1210 };
    const { logsRoot } = await runWith(
      `  write [shape=box, prompt="Write notes.txt"]\n  start -> write -> exit`,
      [
        { toolCalls: [{ name: "write_file", arguments: { file_path: "notes.txt", content: "x".repeat(10) } }], usage: usage1 },
        { text: "Done.", usage: usage2 },
      ],
      { meter },
    );
    const events = readFileSync(join(logsRoot, "write", "agent-events.jsonl"), "utf8").trim().split("\n").map((line) => JSON.parse(line) as SessionEvent);
    const kinds = events.map((event) => event.kind);
    expect(kinds[0]).toBe("session-start");
    expect(kinds).toContain("tool-call-end");
    expect(kinds).toContain("processing-end");
    expect(kinds.at(-1)).toBe("session-end");
    const expectedUsd = (costOfCall("openai:gpt-5", usage1) ?? 0) + (costOfCall("openai:gpt-5", usage2) ?? 0);
    const cost = JSON.parse(readFileSync(join(logsRoot, "write", "cost.json"), "utf8")) as Record<string, unknown>;
    expect(cost).toMatchObject({ node: "write", model: "openai:gpt-5", calls: 2, input_tokens: 2200, output_tokens: 110, total_tokens: 2310 });
    expect(cost["usd"]).toBeCloseTo(expectedUsd, 10);
    expect(expectedUsd).toBeGreaterThan(0);
    expect(meter.totals().calls).toBe(2);
    expect(meter.totals().usd).toBeCloseTo(expectedUsd, 10);
    expect(meter.sessions().get("write")?.totals().calls).toBe(2);
  });

  it("truncates long tool outputs in agent-events.jsonl", async () => {
    const { workspace, logsRoot } = directories();
    writeFileSync(join(workspace, "big.txt"), "line of text\n".repeat(2000));
    const llm = createScriptedLlm([{ toolCalls: [{ name: "read_file", arguments: { file_path: "big.txt" } }] }, { text: "Read it." }]);
    const backend = createAgentBackend({ llm, workspace, logsRoot, defaultModel: "openai:gpt-5", eventOutputLimit: 500 });
    opened.push(backend);
    await runPipeline(graphOf(`  look [shape=box]\n  start -> look -> exit`), { logsRoot, backend, workingDirectory: workspace });
    const end = readFileSync(join(logsRoot, "look", "agent-events.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as SessionEvent)
      .find((event) => event.kind === "tool-call-end");
    expect(end?.kind === "tool-call-end" && end.output.length).toBeLessThan(600);
    expect(end?.kind === "tool-call-end" && end.output).toMatch(/characters omitted/);
  });

  it("continues one session per thread_id under fidelity=full: the second node sees the first node's conversation", async () => {
    const { result, llm } = await runWith(
      `  a [shape=box, prompt="Remember the word PELICAN", fidelity=full, thread_id=t1]
  b [shape=box, prompt="Which word?", fidelity=full, thread_id=t1]
  start -> a -> b -> exit`,
      [{ text: "Remembered." }, { text: "PELICAN" }],
    );
    expect(result.status).toBe("success");
    const second = textsOf(llm.requests[1]);
    expect(second).toContain("Remember the word PELICAN");
    expect(second).toContain("Remembered.");
    expect(second.at(-1)).toBe("Which word?");
  });

  it("keeps a full-fidelity thread in threads/<id>.json after each stage", async () => {
    const { logsRoot } = await runWith(
      `  a [shape=box, prompt="Remember the word PELICAN", fidelity=full, thread_id="review/main"]
  start -> a -> exit`,
      [{ text: "Remembered." }],
    );
    const file = join(logsRoot, "threads", threadFileName("review/main"));
    expect(file).toMatch(/threads\/review_main-[0-9a-f]{8}\.json$/);
    const stored = JSON.parse(readFileSync(file, "utf8")) as { v: number; turns: { kind: string; content: string }[] };
    expect(stored.v).toBe(1);
    expect(stored.turns.map((turn) => [turn.kind, turn.content])).toEqual([
      ["user", "Remember the word PELICAN"],
      ["assistant", "Remembered."],
    ]);
  });

  it("continues a thread in a new backend on the same run directory (a resumed run)", async () => {
    const { workspace, logsRoot } = directories();
    const first = createAgentBackend({ llm: createScriptedLlm([{ text: "Remembered." }]), workspace, logsRoot, defaultModel: "openai:gpt-5" });
    opened.push(first);
    expect(await runThreadStage(first, logsRoot, "a", "Remember the word PELICAN")).toBe("Remembered.");
    await first.close();

    const llm = createScriptedLlm([{ text: "PELICAN" }]);
    const resumed = createAgentBackend({ llm, workspace, logsRoot, defaultModel: "openai:gpt-5" });
    opened.push(resumed);
    expect(await runThreadStage(resumed, logsRoot, "b", "Which word?")).toBe("PELICAN");
    const texts = textsOf(llm.requests[0]);
    expect(texts).toContain("Remember the word PELICAN");
    expect(texts).toContain("Remembered.");
    expect(texts.at(-1)).toBe("Which word?");
    // Another thread in the same run directory does not see it.
    const other = createScriptedLlm([{ text: "No idea." }]);
    const third = createAgentBackend({ llm: other, workspace, logsRoot, defaultModel: "openai:gpt-5" });
    opened.push(third);
    await runThreadStage(third, logsRoot, "c", "Which word?", "t2");
    expect(textsOf(other.requests[0]).join("\n")).not.toContain("PELICAN");
  });

  it("continues the thread after a cancelled run is resumed by the engine in a new backend", async () => {
    const { workspace, logsRoot } = directories();
    const graph = graphOf(`  a [shape=box, prompt="Remember the word PELICAN", fidelity=full, thread_id=t1]
  b [shape=box, prompt="Think about birds", fidelity=full, thread_id=t1]
  c [shape=box, prompt="Which word?", fidelity=full, thread_id=t1]
  start -> a -> b -> c -> exit`);
    const controller = new AbortController();
    const crashing = createScriptedLlm((_request, { index }) => {
      if (index === 0) return { text: "Remembered." };
      controller.abort();
      return new Error("the process died");
    });
    const first = createAgentBackend({ llm: crashing, workspace, logsRoot, defaultModel: "openai:gpt-5" });
    opened.push(first);
    expect((await runPipeline(graph, { logsRoot, backend: first, workingDirectory: workspace, signal: controller.signal })).status).toBe("cancelled");

    const llm = createScriptedLlm([{ text: "Birds fly." }, { text: "PELICAN" }]);
    const resumed = createAgentBackend({ llm, workspace, logsRoot, defaultModel: "openai:gpt-5" });
    opened.push(resumed);
    const result = await runPipeline(graph, { logsRoot, backend: resumed, workingDirectory: workspace, resume: true });
    expect(result.status).toBe("success");
    // The backend persists threads, so the engine does not degrade the first resumed stage: b
    // continues the thread too.
    expect(textsOf(llm.requests[0])).toContain("Remember the word PELICAN");
    const last = textsOf(llm.requests.at(-1));
    expect(last).toContain("Remember the word PELICAN");
    expect(last).toContain("Remembered.");
    expect(last.at(-1)).toBe("Which word?");
  });

  it("does not continue a stored thread with another model after a resume", async () => {
    const { workspace, logsRoot } = directories();
    const first = createAgentBackend({ llm: createScriptedLlm([{ text: "Remembered." }]), workspace, logsRoot, defaultModel: "openai:gpt-5" });
    opened.push(first);
    await runThreadStage(first, logsRoot, "a", "Remember the word PELICAN");
    const llm = createScriptedLlm([{ text: "I do not know." }]);
    const resumed = createAgentBackend({ llm, workspace, logsRoot, defaultModel: "anthropic:claude-sonnet-4-5" });
    opened.push(resumed);
    await runThreadStage(resumed, logsRoot, "b", "Which word?");
    expect(textsOf(llm.requests[0]).join("\n")).not.toContain("Remembered.");
  });

  it("fails the stage with a one-line error naming a damaged thread file instead of starting fresh", async () => {
    const { workspace, logsRoot } = directories();
    const file = join(logsRoot, "threads", "t1.json");
    mkdirSync(join(logsRoot, "threads"), { recursive: true });
    writeFileSync(file, '{ "v": 1, "turns": [\n  { "kind": "user", "content": 7 ');
    const llm = createScriptedLlm([{ text: "fresh start" }]);
    const backend = createAgentBackend({ llm, workspace, logsRoot, defaultModel: "openai:gpt-5" });
    opened.push(backend);
    const result = await runThreadStage(backend, logsRoot, "b", "Which word?");
    expect(result).toMatchObject({ status: "fail" });
    const reason = typeof result === "string" ? "" : (result.failureReason ?? "");
    expect(reason.startsWith(`${file}:2:`)).toBe(true);
    expect(reason).not.toContain("\n");
    expect(llm.requests).toHaveLength(0);
    expect(readFileSync(file, "utf8")).toContain('"content": 7');
  });

  it("keeps secrets out of the thread file: the agent's shell does not see the keys of the host", async () => {
    const { workspace, logsRoot } = directories();
    const llm = createScriptedLlm([{ toolCalls: [{ name: "shell", arguments: { command: "env" } }] }, { text: "Listed." }]);
    const parentEnv = { PATH: process.env["PATH"] ?? "/usr/bin:/bin", OPENAI_API_KEY: "sk-host-secret-123", HARMLESS_SETTING: "visible-value" };
    const backend = createAgentBackend({
      llm,
      workspace,
      logsRoot,
      defaultModel: "openai:gpt-5",
      environment: () => new LocalExecutionEnvironment({ workingDir: workspace, parentEnv }),
    });
    opened.push(backend);
    await runThreadStage(backend, logsRoot, "a", "List the environment");
    const text = readFileSync(join(logsRoot, "threads", "t1.json"), "utf8");
    expect(text).toContain("visible-value");
    expect(text).not.toContain("sk-host-secret-123");
  });

  it("writes each parallel branch's agent files into the stage directory the engine gives it", async () => {
    const { workspace, logsRoot } = directories();
    const llm = createScriptedLlm((request) => ({ text: `answer to ${textsOf(request).at(-1) ?? ""}` }));
    // No logsRoot and no observe: only the engine's stage directory can tell the backend where to write.
    const backend = createAgentBackend({ llm, workspace, defaultModel: "openai:gpt-5" });
    opened.push(backend);
    const graph = graphOf(`  fan [shape=component]
  left [shape=box, prompt="go left"]
  right [shape=box, prompt="go right"]
  join [shape=tripleoctagon]
  start -> fan
  fan -> left -> join
  fan -> right -> join
  join -> exit`);
    const result = await runPipeline(graph, { logsRoot, backend, workingDirectory: workspace });
    expect(result.status).toBe("success");
    for (const branch of ["left", "right"]) {
      const stageDir = join(logsRoot, branch);
      expect(readFileSync(join(stageDir, "prompt.md"), "utf8")).toContain(`go ${branch}`);
      expect(readFileSync(join(stageDir, "response.md"), "utf8")).toContain(`go ${branch}`);
      const events = readFileSync(join(stageDir, "agent-events.jsonl"), "utf8");
      expect(events).toContain(`go ${branch}`);
      expect(events).not.toContain(`go ${branch === "left" ? "right" : "left"}`);
      expect(JSON.parse(readFileSync(join(stageDir, "cost.json"), "utf8"))).toMatchObject({ node: branch, calls: 1 });
    }
  });

  it("starts a fresh session for each node when fidelity is not full", async () => {
    const { llm } = await runWith(
      `  a [shape=box, prompt="Remember the word PELICAN", fidelity=truncate]
  b [shape=box, prompt="Which word?", fidelity=truncate]
  start -> a -> b -> exit`,
      [{ text: "Remembered." }, { text: "I do not know." }],
    );
    const second = textsOf(llm.requests[1]);
    expect(second.join("\n")).not.toContain("Remembered.");
    expect(second.some((text) => text.endsWith("Which word?"))).toBe(true);
  });

  it("starts a new session when a node on the same thread asks for another model", async () => {
    const { llm } = await runWith(
      `  a [shape=box, prompt="Remember the word PELICAN", fidelity=full, thread_id=t1]
  b [shape=box, prompt="Which word?", fidelity=full, thread_id=t1, llm_model="anthropic:claude-sonnet-4-5"]
  start -> a -> b -> exit`,
      [{ text: "Remembered." }, { text: "I do not know." }],
    );
    expect(llm.requests[1]?.provider).toBe("anthropic");
    expect(textsOf(llm.requests[1]).join("\n")).not.toContain("Remembered.");
  });

  it("fails the stage with the budget's reason once the budget is spent, without calling the model", async () => {
    const { workspace, logsRoot } = directories();
    const llm = createScriptedLlm([]);
    const backend = createAgentBackend({ llm, workspace, logsRoot, defaultModel: "openai:gpt-5", budget: createBudget({ usd: 0 }) });
    opened.push(backend);
    await runPipeline(graphOf(`  costly [shape=box]\n  start -> costly -> exit`), { logsRoot, backend, workingDirectory: workspace });
    const status = JSON.parse(readFileSync(join(logsRoot, "costly", "status.json"), "utf8")) as Record<string, unknown>;
    expect(status["outcome"]).toBe("fail");
    expect(String(status["failure_reason"])).toMatch(/budget of \$0\.00 is spent/);
    expect(llm.requests).toHaveLength(0);
  });

  it("follows a loop_restart: the stage files of the second pass go to restart-1/ beside the handler's", async () => {
    const { workspace, logsRoot } = directories();
    const llm = createScriptedLlm(() => ({ text: "pass done" }));
    const backend = createAgentBackend({ llm, workspace, logsRoot, defaultModel: "openai:gpt-5" });
    opened.push(backend);
    const graph = graphOf(`  work [shape=box]
  check [shape=parallelogram, tool_command="test -f marker || { touch marker; exit 1; }"]
  start -> work -> check
  check -> exit [condition="outcome=success"]
  check -> work [condition="outcome=fail", loop_restart=true]`);
    const result = await runPipeline(graph, { logsRoot, backend, workingDirectory: workspace, onEvent: (event) => backend.observe(event) });
    expect(result.status).toBe("success");
    expect(existsSync(join(logsRoot, "work", "cost.json"))).toBe(true);
    expect(readFileSync(join(logsRoot, "restart-1", "work", "response.md"), "utf8")).toBe("pass done");
    expect(existsSync(join(logsRoot, "restart-1", "work", "cost.json"))).toBe(true);
    expect(existsSync(join(logsRoot, "restart-1", "work", "agent-events.jsonl"))).toBe(true);
  });

  it("runs the graph's tool_hooks.pre around the agent's tool calls: a failing pre-hook skips the call", async () => {
    const { result, llm, workspace, logsRoot } = await runWith(
      `  graph [tool_hooks.pre="echo vetoed; exit 3"]
  write [shape=box]
  start -> write -> exit`,
      [{ toolCalls: [{ name: "write_file", arguments: { file_path: "blocked.txt", content: "x" } }] }, { text: "Could not write." }],
    );
    expect(result.status).toBe("success");
    expect(existsSync(join(workspace, "blocked.txt"))).toBe(false);
    expect(textsOf(llm.requests[1]).join("\n")).toContain("skipped by pre-hook (exit code 3): vetoed");
    const hookLine = readFileSync(join(logsRoot, "write", "agent-events.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((event) => event["kind"] === "tool-hook");
    expect(hookLine).toMatchObject({ phase: "pre", nodeId: "write", toolName: "write_file", toolCallId: "call_1_1", skipped: true, exitCode: 3 });
  });

  it("runs the node's tool_hooks.post after each tool call with the call on stdin, in the workspace", async () => {
    const { workspace } = await runWith(
      `  write [shape=box, tool_hooks.post="cat >> hooks.log; echo >> hooks.log"]
  start -> write -> exit`,
      [{ toolCalls: [{ name: "write_file", arguments: { file_path: "made.txt", content: "x" } }] }, { text: "Done." }],
    );
    expect(readFileSync(join(workspace, "made.txt"), "utf8")).toBe("x");
    const logged = JSON.parse(readFileSync(join(workspace, "hooks.log"), "utf8").trim()) as Record<string, unknown>;
    expect(logged).toMatchObject({ phase: "post", node_id: "write", tool_name: "write_file", tool_call_id: "call_1_1", is_error: false });
  });

  it("passes the node's reasoning_effort to the model request", async () => {
    const { llm } = await runWith(`  think [shape=box, reasoning_effort=high]\n  plain [shape=box]\n  start -> think -> plain -> exit`, [{ text: "ok" }, { text: "ok" }]);
    expect(llm.requests[0]?.reasoningEffort).toBe("high");
    expect(llm.requests[1]?.reasoningEffort).toBeUndefined();
  });

  it("uses the node's llm_model and llm_provider and the matching profile", async () => {
    const { llm } = await runWith(`  review [shape=box, llm_model="claude-sonnet-4-5", llm_provider=anthropic]\n  start -> review -> exit`, [{ text: "ok" }]);
    expect(llm.requests[0]?.model).toBe("claude-sonnet-4-5");
    expect(llm.requests[0]?.provider).toBe("anthropic");
  });

  it("turns a failing session into a fail outcome with the reason", async () => {
    const { logsRoot } = await runWith(`  broken [shape=box]\n  start -> broken -> exit`, [new Error("the provider is down")]);
    const status = JSON.parse(readFileSync(join(logsRoot, "broken", "status.json"), "utf8")) as Record<string, unknown>;
    expect(status["outcome"]).toBe("fail");
    expect(String(status["failure_reason"])).toContain("the provider is down");
    expect(existsSync(join(logsRoot, "broken", "agent-events.jsonl"))).toBe(true);
  });

  it("reports a tool-round limit as partial success", async () => {
    const { workspace, logsRoot } = directories();
    const llm = createScriptedLlm(() => ({ toolCalls: [{ name: "list_dir", arguments: { path: "." } }] }));
    const backend = createAgentBackend({ llm, workspace, logsRoot, defaultModel: "anthropic:claude-sonnet-4-5", sessionConfig: { maxToolRoundsPerInput: 2 } });
    opened.push(backend);
    await runPipeline(graphOf(`  busy [shape=box]\n  start -> busy -> exit`), { logsRoot, backend, workingDirectory: workspace });
    const status = JSON.parse(readFileSync(join(logsRoot, "busy", "status.json"), "utf8")) as Record<string, unknown>;
    expect(status["outcome"]).toBe("partial_success");
  });
});

describe("createAgentBackend over HTTP", () => {
  let served: ServedTwin | undefined;
  afterEach(async () => {
    await served?.close();
    served = undefined;
  });

  it("runs a pipeline end to end through createLlmClient against the OpenAI twin", async () => {
    const twin = createOpenAITwin({ seed: 5 });
    served = await serveTwin(twin);
    const reasoning: (string | undefined)[] = [];
    setPolicy(twin.tenant(), (request) => {
      reasoning.push(request.reasoning);
      const hasResult = request.messages.some((message) => message.role === "tool-result");
      return hasResult ? { text: "Created hello.txt." } : { toolCalls: [{ name: "write_file", arguments: { file_path: "hello.txt", content: "hi\n" } }] };
    });
    const apiKey = openaiApiKey(twin.tenant());
    const llm = createLlmClient({ env: { OPENAI_API_KEY: apiKey, OPENAI_BASE_URL: `${served.baseUrl}/v1` }, retry: { maxRetries: 0 } });
    const { workspace, logsRoot } = directories();
    const meter = new CostMeter("run");
    const backend = createAgentBackend({ llm, workspace, logsRoot, defaultModel: "openai:gpt-5", meter });
    opened.push(backend);
    const result = await runPipeline(graphOf(`  hello [shape=box, prompt="Create hello.txt", reasoning_effort=low, fidelity=full, thread_id=main]\n  start -> hello -> exit`), { logsRoot, backend, workingDirectory: workspace });
    expect(result.status).toBe("success");
    expect(readFileSync(join(workspace, "hello.txt"), "utf8")).toBe("hi\n");
    expect(readFileSync(join(logsRoot, "hello", "response.md"), "utf8")).toBe("Created hello.txt.");
    expect(reasoning[0]).toBe("low");
    expect(meter.totals().calls).toBe(2);
    expect(meter.totals().usd).toBeGreaterThan(0);
    // The thread file holds the conversation, never the key or the headers that carried it.
    const thread = readFileSync(join(logsRoot, "threads", "main.json"), "utf8");
    expect(thread).toContain("Created hello.txt.");
    expect(thread).not.toContain(apiKey);
    expect(thread.toLowerCase()).not.toContain("authorization");
  });
});
