import { writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LightsoutError } from "../errors.js";
import type { Message } from "../llm/types.js";
import { createScriptedLlm, textTurn, toolCallTurn } from "../testing/scripted-llm.js";
import { LocalExecutionEnvironment } from "./execution/local-environment.js";
import { readHistoryFile, restoreHistory, serializeHistory, writeHistoryFile } from "./history-snapshot.js";
import { createProfile } from "./profiles/profile-base.js";
import { createSession } from "./session.js";
import type { RegisteredTool } from "./tools/registry.js";
import type { Turn } from "./turns.js";

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), "lightsout-history-"));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

const echo: RegisteredTool = {
  definition: { name: "echo", description: "Echo.", parameters: { type: "object", properties: { text: { type: "string" } } } },
  executor: async (args) => `echo: ${String(args["text"])}`,
};

function session(llm: ReturnType<typeof createScriptedLlm>, history?: readonly Turn[]) {
  const profile = createProfile({
    id: "openai", model: "test-model", baseInstructions: "Test.", tools: [echo], projectDocFiles: [],
    supportsReasoning: true, supportsStreaming: false, supportsParallelToolCalls: false, contextWindowSize: 1_000_000,
  });
  return createSession({ profile, environment: new LocalExecutionEnvironment({ workingDir: directory }), llm, ...(history ? { history } : {}) });
}

/** The conversation part of a request (the system prompt differs by date and directory). */
const conversation = (messages: readonly Message[]) => messages.filter((message) => message.role !== "system" && message.role !== "developer");

describe("serializeHistory / restoreHistory", () => {
  it("a thread survives a JSON file: the resumed session sends the same conversation plus the new input", async () => {
    const first = createScriptedLlm([toolCallTurn("echo", { text: "hi" }, { reasoning: "Echo first." }), textTurn("Echoed.")]);
    const original = session(first);
    await original.submit("Please echo hi");
    const file = JSON.stringify(original.historySnapshot());

    const second = createScriptedLlm([textTurn("Still here.")]);
    const resumed = session(second, restoreHistory(JSON.parse(file) as unknown, "thread.json"));
    await resumed.submit("What did you echo?");
    const sent = conversation(second.requests[0]!.messages);
    const before = conversation(first.requests[1]!.messages);
    expect(sent.slice(0, before.length + 1)).toEqual([...before, { role: "assistant", content: [{ kind: "text", text: "Echoed." }] }]);
    expect(sent.at(-1)).toEqual({ role: "user", content: [{ kind: "text", text: "What did you echo?" }] });
    expect(resumed.history.filter((turn) => turn.kind === "assistant")).toHaveLength(3);
  });

  it("keeps provider data, reasoning signatures and image bytes exactly", () => {
    const history: Turn[] = [
      { kind: "user", content: "look", timestamp: 1 },
      {
        kind: "assistant", content: "", toolCalls: [{ id: "c1", name: "echo", arguments: { text: "x" }, rawArguments: '{"text":"x"}' }],
        reasoning: "because", usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5, reasoningTokens: 1 }, responseId: undefined, timestamp: 2,
        parts: [
          { kind: "thinking", text: "because", providerData: { openai: { itemId: "rs_1", reasoningEncryptedContent: "gAAAAAxyz" } } },
          { kind: "thinking", text: "", signature: "sig" },
          { kind: "redacted_thinking", data: "opaque" },
          { kind: "image", data: new Uint8Array([1, 2, 255]), mediaType: "image/png" },
          { kind: "tool_call", id: "c1", name: "echo", arguments: { text: "x" }, providerData: { google: { thoughtSignature: "ts" } } },
        ],
      },
      { kind: "tool-results", results: [{ toolCallId: "c1", toolName: "echo", content: "echo: x", isError: false }], timestamp: 3 },
      { kind: "steering", content: "faster", timestamp: 4 },
      { kind: "system", content: "limit", timestamp: 5 },
    ];
    const snapshot = serializeHistory(history);
    expect(snapshot.v).toBe(1);
    expect(restoreHistory(JSON.parse(JSON.stringify(snapshot)) as unknown)).toEqual(history);
  });

  it("refuses a damaged or foreign file with where and what, not a stack trace", () => {
    const bad = { v: 1, turns: [{ kind: "user", content: "ok", timestamp: 1 }, { kind: "assistant", content: 5 }] };
    expect(() => restoreHistory(bad, "runs/7/threads/main.json")).toThrow(LightsoutError);
    expect(() => restoreHistory(bad, "runs/7/threads/main.json")).toThrow(/^runs\/7\/threads\/main\.json: at turns\[1\]\.content: .*expected string/);
    expect(() => restoreHistory({ v: 2, turns: [] }, "t.json")).toThrow(/t\.json: unsupported version v=2; this build reads v=1/);
    expect(() => restoreHistory([], "t.json")).toThrow(/t\.json: at the top level: /);
  });

  it("writes and reads a thread file: none yet is undefined, a broken one names file, line and column", () => {
    const file = path.join(directory, "threads", "main.json");
    expect(readHistoryFile(file)).toBeUndefined();
    const history: Turn[] = [{ kind: "user", content: "hi", timestamp: 1 }];
    writeHistoryFile(file, history);
    expect(readHistoryFile(file)).toEqual(history);
    writeFileSync(file, '{ "v": 1,\n  "turns": [ oops ] }');
    expect(() => readHistoryFile(file)).toThrow(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}:2:14: not JSON`));
    const locationOf = (text: string): string => {
      writeFileSync(file, text);
      try {
        readHistoryFile(file);
        return "parsed";
      } catch (error) {
        return /:(\d+:\d+): not JSON/.exec((error as Error).message)?.[1] ?? String(error);
      }
    };
    expect([locationOf(""), locationOf('{"v": 1,}'), locationOf('{"v": 1, "turns": []} x'), locationOf('{"v": "1\n2"}')]).toEqual(["1:1", "1:9", "1:23", "1:9"]);
  });
});
