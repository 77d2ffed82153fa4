import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, test } from "vitest";
import { createOpenAITwin, openaiApiKey, serveTwin, setPolicy } from "../twins/index.js";
import { runCli } from "./main.js";
import { createMemoryIo } from "./memory-io.js";

function workspace(files: Record<string, string> = {}): string {
  const directory = mkdtempSync(join(tmpdir(), "lightsout-cli-run-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(directory, name), text);
  return directory;
}

const LINEAR = `digraph linear {
  graph [goal="say hello"]
  start [shape=Mdiamond]
  exit [shape=Msquare]
  plan [prompt="Plan: $goal"]
  implement [prompt="Implement: $goal"]
  start -> plan -> implement -> exit
}`;

const FAILING = `digraph failing {
  start [shape=Mdiamond]
  exit [shape=Msquare]
  plan [prompt="Plan"]
  check [shape=parallelogram, tool_command="echo broken >&2; exit 3"]
  start -> plan -> check
  check -> exit [condition="outcome=success"]
}`;

const MALFORMED = `digraph broken {
  start [shape=Mdiamond]
  plan [label="Plan"
  start -> plan
}`;

const INVALID = `digraph invalid {
  plan [prompt="no start, no exit"]
}`;

/** Each choice is taken only when chosen, so a skipped question (closed stdin) fails the run. */
const GATED = `digraph gated {
  start [shape=Mdiamond]
  exit [shape=Msquare]
  ship [prompt="ship it"]
  approve [shape=hexagon, label="Ship it?"]
  start -> approve
  approve -> ship [label="[Y] Yes", condition="preferred_label=\\"[Y] Yes\\""]
  approve -> exit [label="[N] No", condition="preferred_label=\\"[N] No\\""]
  ship -> exit
}`;

/** `check` fails until a file named `marker` exists in the working directory, retrying quickly. */
const RESUMABLE = `digraph resumable {
  start [shape=Mdiamond]
  exit [shape=Msquare]
  prepare [shape=parallelogram, tool_command="echo prepared >> prepared.txt"]
  check [shape=parallelogram, tool_command="test -f marker", max_retries=1000, retry_initial_delay="20ms", retry_backoff_factor=1]
  finish [shape=parallelogram, tool_command="echo finished"]
  start -> prepare -> check -> finish -> exit
}`;

describe("lightsout pipeline run", () => {
  test("a pipeline that succeeds exits 0 and shows one line per stage and a summary", async () => {
    const cwd = workspace({ "linear.dot": LINEAR });
    const io = createMemoryIo({ cwd });
    const code = await runCli(["pipeline", "run", "linear.dot", "--simulate", "--logs", "run"], io);
    expect(code, io.stderrText()).toBe(0);
    const stderr = io.stderrText();
    expect(stderr).toMatch(/^\[2\]\s+plan\s+success\s+\d+\.\ds$/m);
    expect(stderr).toMatch(/^\[3\]\s+implement\s+success/m);
    expect(stderr).toMatch(/pipeline succeeded: 4 stages in \d+\.\ds; logs: run$/m);
    expect(existsSync(join(cwd, "run", "checkpoint.json"))).toBe(true);
    expect(io.stdoutText()).toBe("");
  });

  test("without --logs the run goes to .lightsout/runs/<name>-<timestamp>", async () => {
    const cwd = workspace({ "linear.dot": LINEAR });
    const io = createMemoryIo({ cwd });
    expect(await runCli(["pipeline", "run", "linear.dot", "--simulate"], io)).toBe(0);
    expect(io.stderrText()).toMatch(/logs: \.lightsout\/runs\/linear-\d{8}-\d{6}-\d{3}\n$/);
  });

  test("a pipeline that fails exits 1 and says why", async () => {
    const cwd = workspace({ "failing.dot": FAILING });
    const io = createMemoryIo({ cwd });
    expect(await runCli(["pipeline", "run", "failing.dot", "--simulate", "--logs", "run"], io)).toBe(1);
    expect(io.stderrText()).toMatch(/^\[3\]\s+check\s+fail\s+\d+\.\ds\s+exit code 3: broken$/m);
    expect(io.stderrText()).toContain("pipeline failed: exit code 3: broken; 3 stages");
  });

  test("malformed DOT exits 2 with one line naming the file, line and column, and no stack trace", async () => {
    const cwd = workspace({ "broken.dot": MALFORMED });
    const io = createMemoryIo({ cwd });
    expect(await runCli(["pipeline", "run", "broken.dot", "--simulate"], io)).toBe(2);
    expect(io.stderrText()).toMatch(/^lightsout: broken\.dot:4:3: .+\n$/);
    expect(io.stderrText()).not.toMatch(/\n\s+at /);
  });

  test("a missing file exits 2", async () => {
    const io = createMemoryIo({ cwd: workspace() });
    expect(await runCli(["pipeline", "run", "nowhere.dot", "--simulate"], io)).toBe(2);
    expect(io.stderrText()).toMatch(/^lightsout: .*nowhere\.dot: cannot read pipeline file: no such file\n$/);
  });

  test("a graph with validation errors is not run: diagnostics, then exit 2", async () => {
    const cwd = workspace({ "invalid.dot": INVALID });
    const io = createMemoryIo({ cwd });
    expect(await runCli(["pipeline", "run", "invalid.dot", "--simulate", "--logs", "run"], io)).toBe(2);
    expect(io.stderrText()).toMatch(/error \[start_node\]/);
    expect(io.stderrText()).toMatch(/lightsout: invalid\.dot is not a valid pipeline \(\d+ errors?, \d+ warnings?\); nothing was run/);
    expect(existsSync(join(cwd, "run"))).toBe(false);
  });

  test("without --simulate a codergen node without a model is a one-line configuration error (exit 2), before anything is created", async () => {
    const cwd = workspace({ "linear.dot": LINEAR });
    const io = createMemoryIo({ cwd, env: { OPENAI_API_KEY: "sk-test" } });
    expect(await runCli(["pipeline", "run", "linear.dot", "--logs", "run"], io)).toBe(2);
    expect(io.stderrText()).toBe('lightsout: node "plan" has no model: set llm_model (in the node or the model_stylesheet) or pass --model provider:model\n');
    expect(existsSync(join(cwd, "run"))).toBe(false);
  });

  test("without --simulate a missing API key is the LLM layer's one-line LLM_CONFIG error naming the variable (exit 2)", async () => {
    const cwd = workspace({ "linear.dot": LINEAR });
    const io = createMemoryIo({ cwd, env: {} });
    expect(await runCli(["pipeline", "run", "linear.dot", "--model", "openai:gpt-5", "--logs", "run"], io)).toBe(2);
    expect(io.stderrText()).toBe('lightsout: OPENAI_API_KEY is not set: the model "openai:gpt-5" needs it (export OPENAI_API_KEY=...)\n');
    expect(existsSync(join(cwd, "run"))).toBe(false);
  });

  test("without --simulate the codergen stages run agent sessions against the model (the OpenAI twin over HTTP)", async () => {
    const twin = createOpenAITwin({ seed: 7 });
    const served = await serveTwin(twin);
    try {
      setPolicy(twin.tenant(), (request) =>
        request.messages.some((message) => message.role === "tool-result")
          ? { text: "Wrote the file." }
          : { toolCalls: [{ name: "write_file", arguments: { file_path: `${request.index}.txt`, content: "made by the agent\n" } }] },
      );
      const cwd = workspace({ "linear.dot": LINEAR });
      const io = createMemoryIo({ cwd, env: { OPENAI_API_KEY: openaiApiKey(twin.tenant()), OPENAI_BASE_URL: `${served.baseUrl}/v1` } });
      const code = await runCli(["pipeline", "run", "linear.dot", "--model", "openai:gpt-5", "--logs", "run"], io);
      expect(code, io.stderrText()).toBe(0);
      // The first request of each stage writes <index>.txt in the working directory, the workspace.
      expect(readFileSync(join(cwd, "0.txt"), "utf8")).toBe("made by the agent\n");
      expect(readFileSync(join(cwd, "2.txt"), "utf8")).toBe("made by the agent\n");
      expect(readFileSync(join(cwd, "run", "plan", "response.md"), "utf8")).toBe("Wrote the file.");
      expect(existsSync(join(cwd, "run", "implement", "agent-events.jsonl"))).toBe(true);
      const cost = JSON.parse(readFileSync(join(cwd, "run", "implement", "cost.json"), "utf8")) as { calls: number; usd: number };
      expect(cost.calls).toBe(2);
      expect(cost.usd).toBeGreaterThan(0);
      expect(io.stderrText()).toMatch(/^LLM usage: 4 calls, \d+ input \+ \d+ output tokens, \$\d+\.\d{4}$/m);
    } finally {
      await served.close();
    }
  });

  test("--budget-usd: once the budget is spent no further model call starts, the run stops, exit 1 with one 'budget spent' line", async () => {
    const twin = createOpenAITwin({ seed: 8 });
    const served = await serveTwin(twin);
    try {
      // Every answer asks for another tool round: without the budget the stage would go on.
      setPolicy(twin.tenant(), (request) => ({ toolCalls: [{ name: "write_file", arguments: { file_path: `${request.index}.txt`, content: "x\n" } }], usage: { inputTokens: 10_000, outputTokens: 1000 } }));
      const cwd = workspace({ "linear.dot": LINEAR });
      const io = createMemoryIo({ cwd, env: { OPENAI_API_KEY: openaiApiKey(twin.tenant()), OPENAI_BASE_URL: `${served.baseUrl}/v1` } });
      const code = await runCli(["pipeline", "run", "linear.dot", "--model", "openai:gpt-5", "--logs", "run", "--budget-usd", "0.02", "--quiet"], io);
      expect(code).toBe(1);
      const lines = io.stderrText().trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^lightsout: budget spent: \$0\.0\d{3} of \$0\.0200; no further model call was started and the run stopped \(resume with a larger --budget-usd: lightsout pipeline run linear\.dot --resume run --model openai:gpt-5 --budget-usd 0\.02\)$/);
      // gpt-5 at $1.25/M input + $10/M output: 0.0125 + 0.01 per call, so one call spends the $0.02.
      expect(existsSync(join(cwd, "0.txt"))).toBe(true);
      expect(existsSync(join(cwd, "1.txt"))).toBe(false);
      expect(existsSync(join(cwd, "run", "implement"))).toBe(false);
    } finally {
      await served.close();
    }
  });

  test("--budget-usd refuses a negative or non-numeric amount with the option's name (exit 2)", async () => {
    const io = createMemoryIo({ cwd: workspace({ "linear.dot": LINEAR }) });
    expect(await runCli(["pipeline", "run", "linear.dot", "--budget-usd", "-1"], io)).toBe(2);
    expect(io.stderrText()).toContain('--budget-usd must be a non-negative number of USD, got "-1"');
  });

  test("--json prints the result as JSON on stdout; progress stays on stderr", async () => {
    const cwd = workspace({ "linear.dot": LINEAR });
    const io = createMemoryIo({ cwd });
    expect(await runCli(["pipeline", "run", "linear.dot", "--simulate", "--json", "--logs", "run"], io)).toBe(0);
    const result = JSON.parse(io.stdoutText()) as { status: string; completedNodes: string[]; context: Record<string, unknown>; logsRoot: string };
    expect(result.status).toBe("success");
    expect(result.completedNodes).toEqual(["start", "plan", "implement", "exit"]);
    expect(result.context["graph.goal"]).toBe("say hello");
    expect(result.logsRoot).toBe(join(cwd, "run"));
    expect(io.stderrText()).toContain("pipeline succeeded");
  });

  test("--quiet prints nothing at all for a successful run", async () => {
    const cwd = workspace({ "linear.dot": LINEAR });
    const io = createMemoryIo({ cwd });
    expect(await runCli(["pipeline", "run", "linear.dot", "--simulate", "--quiet", "--logs", "run"], io)).toBe(0);
    expect(io.stdoutText()).toBe("");
    expect(io.stderrText()).toBe("");
  });

  test("--quiet --json prints only the JSON", async () => {
    const cwd = workspace({ "linear.dot": LINEAR });
    const io = createMemoryIo({ cwd });
    expect(await runCli(["pipeline", "run", "linear.dot", "--simulate", "--quiet", "--json", "--logs", "run"], io)).toBe(0);
    expect((JSON.parse(io.stdoutText()) as { status: string }).status).toBe("success");
    expect(io.stderrText()).toBe("");
  });

  test("a human gate asks on stdin; a closed stdin skips the question and the run fails instead of hanging", async () => {
    const closed = createMemoryIo({ cwd: workspace({ "gated.dot": GATED }) });
    expect(await runCli(["pipeline", "run", "gated.dot", "--simulate", "--logs", "run"], closed)).toBe(1);
    expect(closed.stdoutText()).toContain("[?] Ship it?");
    expect(closed.stderrText()).toContain("human skipped interaction");

    const stdin = new PassThrough();
    stdin.end("Y\n");
    const answered = createMemoryIo({ cwd: workspace({ "gated.dot": GATED }), stdin });
    expect(await runCli(["pipeline", "run", "gated.dot", "--simulate", "--json", "--logs", "run"], answered)).toBe(0);
    expect((JSON.parse(answered.stdoutText()) as { completedNodes: string[] }).completedNodes).toEqual(["start", "approve", "ship", "exit"]);
    // With --json the question goes to stderr, so stdout stays parseable.
    expect(answered.stderrText()).toContain("[?] Ship it?");
    expect(answered.stderrText()).toMatch(/approve asked "Ship it\?": \[Y\] Yes/);
  });

  test("--auto-approve takes the first choice of every human gate", async () => {
    const io = createMemoryIo({ cwd: workspace({ "gated.dot": GATED }) });
    expect(await runCli(["pipeline", "run", "gated.dot", "--simulate", "--auto-approve", "--logs", "run"], io)).toBe(0);
    expect(io.stdoutText()).toBe("");
    expect(io.stderrText()).toMatch(/approve asked "Ship it\?": \[Y\] Yes/);
  });

  test("an interrupted run exits 130 and says how to resume; --resume finishes it without re-running earlier stages", async () => {
    const cwd = workspace({ "resumable.dot": RESUMABLE });
    const first = createMemoryIo({ cwd });
    const running = runCli(["pipeline", "run", "resumable.dot", "--simulate", "--logs", "run"], first);
    await first.waitForStderr(/retrying check/);
    first.interrupt("SIGINT");
    expect(await running).toBe(130);
    expect(first.stderrText()).toContain("lightsout: SIGINT received; stopping the run");
    expect(first.stderrText()).toContain("lightsout: run interrupted; checkpoint: run/checkpoint.json");
    expect(first.stderrText()).toContain("lightsout: resume with: lightsout pipeline run resumable.dot --resume run --simulate\n");

    writeFileSync(join(cwd, "marker"), "");
    const second = createMemoryIo({ cwd });
    expect(await runCli(["pipeline", "run", "resumable.dot", "--simulate", "--resume", "run", "--json"], second)).toBe(0);
    const result = JSON.parse(second.stdoutText()) as { status: string; completedNodes: string[] };
    expect(result.completedNodes).toEqual(["start", "prepare", "check", "finish", "exit"]);
    expect(second.stderrText()).toMatch(/^resuming resumable/m);
    expect(second.stderrText()).not.toMatch(/\]\s+prepare\s/);
    expect(readFileSync(join(cwd, "prepared.txt"), "utf8")).toBe("prepared\n");
  });

  test("--resume of a finished run reports its result and runs nothing", async () => {
    const cwd = workspace({ "linear.dot": LINEAR });
    expect(await runCli(["pipeline", "run", "linear.dot", "--simulate", "--quiet", "--logs", "run"], createMemoryIo({ cwd }))).toBe(0);
    const io = createMemoryIo({ cwd });
    expect(await runCli(["pipeline", "run", "linear.dot", "--simulate", "--resume", "run"], io)).toBe(0);
    expect(io.stderrText()).toMatch(/^pipeline succeeded: 4 stages/m);
    expect(io.stderrText()).not.toContain("[1]");
  });

  test("--resume of a directory without a checkpoint exits 2 and creates nothing", async () => {
    const cwd = workspace({ "linear.dot": LINEAR });
    const io = createMemoryIo({ cwd });
    expect(await runCli(["pipeline", "run", "linear.dot", "--simulate", "--resume", "no-such-run"], io)).toBe(2);
    expect(io.stderrText()).toMatch(/^lightsout: .*no-such-run\/checkpoint\.json: no checkpoint to resume from/);
    expect(existsSync(join(cwd, "no-such-run"))).toBe(false);
  });

  test("--logs and --resume together is a usage error", async () => {
    const io = createMemoryIo({ cwd: workspace({ "linear.dot": LINEAR }) });
    expect(await runCli(["pipeline", "run", "linear.dot", "--simulate", "--logs", "a", "--resume", "b"], io)).toBe(2);
    expect(io.stderrText()).toContain("cannot be used with");
  });
});
