import { describe, expect, it } from "vitest";
import type { Request, StreamEvent } from "../llm/types.js";
import { createScriptedLlm, textTurn, toolCallTurn } from "./scripted-llm.js";

const request: Request = { model: "m", messages: [{ role: "user", content: [{ kind: "text", text: "hi" }] }] };

describe("createScriptedLlm", () => {
  it("answers from the script in order, records the requests, and fails loudly when the script runs out", async () => {
    const llm = createScriptedLlm([toolCallTurn("shell", { command: "ls" }), textTurn("done")]);
    const first = await llm.complete(request);
    expect(first.message.content).toEqual([{ kind: "tool_call", id: "call_1_1", name: "shell", arguments: { command: "ls" } }]);
    expect(first.finishReason.reason).toBe("tool_calls");
    expect((await llm.complete(request)).message.content).toEqual([{ kind: "text", text: "done" }]);
    await expect(llm.complete(request)).rejects.toThrow(/no answer scripted for call 3/);
    expect(llm.requests).toHaveLength(3);
  });

  it("streams the same answer as start/delta/end events ending with finish", async () => {
    const llm = createScriptedLlm(() => ({ text: "a b", reasoning: "think", toolCalls: [{ name: "x", arguments: { y: 1 } }] }));
    const events: StreamEvent[] = [];
    for await (const event of llm.stream(request)) events.push(event);
    expect(events.map((event) => event.type)).toEqual([
      "stream-start",
      "reasoning-start",
      "reasoning-delta",
      "reasoning-end",
      "text-start",
      "text-delta",
      "text-delta",
      "text-end",
      "tool-call-start",
      "tool-call-delta",
      "tool-call-end",
      "finish",
    ]);
    const finish = events.at(-1);
    expect(finish?.type === "finish" ? finish.response.message.content.length : 0).toBe(3);
  });

  it("throws scripted errors and honours an aborted signal", async () => {
    const llm = createScriptedLlm([new Error("boom")]);
    await expect(llm.complete(request)).rejects.toThrow("boom");
    const controller = new AbortController();
    controller.abort();
    await expect(createScriptedLlm([textTurn("x")]).complete(request, { signal: controller.signal })).rejects.toMatchObject({ name: "AbortError" });
  });
});
