import { describe, expect, it } from "vitest";
import { parseMessagesRequest } from "./request.js";

const base = { model: "claude-sonnet-4-6", max_tokens: 100, messages: [{ role: "user", content: "hi" }] };
const failure = (body: unknown, forCounting = false) => {
  const parsed = parseMessagesRequest(body, forCounting);
  return parsed.ok ? undefined : { status: parsed.status, message: parsed.message };
};

describe("parseMessagesRequest", () => {
  it("reads a minimal request, string content as one text block", () => {
    const parsed = parseMessagesRequest(base);
    expect(parsed.ok && parsed.request.messages).toEqual([{ role: "user", content: [{ type: "text", text: "hi" }] }]);
    expect(parsed.ok && parsed.request.maxTokens).toBe(100);
  });

  it("requires max_tokens, except for count_tokens", () => {
    expect(failure({ ...base, max_tokens: undefined })).toEqual({ status: 400, message: "max_tokens: Field required" });
    expect(failure({ ...base, max_tokens: undefined }, true)).toBeUndefined();
    expect(failure({ ...base, max_tokens: 0 })?.message).toBe("max_tokens: Input should be greater than or equal to 1");
    expect(failure({ ...base, max_tokens: 999_999 })?.message).toBe("max_tokens: 999999 > 128000, which is the maximum allowed number of output tokens for claude-sonnet-4-6");
  });

  it("answers an unknown model with 404 not_found", () => {
    expect(failure({ ...base, model: "claude-9" })).toEqual({ status: 404, message: "model: claude-9" });
    expect(failure({ ...base, model: undefined })?.message).toBe("model: Field required");
  });

  it("wants roles that alternate, starting with user", () => {
    expect(failure({ ...base, messages: [{ role: "user", content: "a" }, { role: "user", content: "b" }] })?.message).toBe('messages: roles must alternate between "user" and "assistant", but found multiple "user" roles in a row');
    expect(failure({ ...base, messages: [{ role: "assistant", content: "a" }] })?.message).toBe('messages: first message must use the "user" role');
    expect(failure({ ...base, messages: [{ role: "system", content: "a" }] })?.message).toBe("messages.0.role: Input should be 'user' or 'assistant'");
    expect(failure({ ...base, messages: [] })?.message).toBe("messages: at least one message is required");
    expect(failure({ ...base, messages: [{ role: "user", content: "" }] })?.message).toBe("messages: text content blocks must be non-empty");
  });

  it("pairs tool_result with the tool_use of the previous message, and tool_use with a result in the next", () => {
    const call = { role: "assistant", content: [{ type: "tool_use", id: "toolu_1", name: "read", input: {} }] };
    const ok = [{ role: "user", content: "go" }, call, { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_1", content: "x" }] }];
    expect(failure({ ...base, messages: ok })).toBeUndefined();
    const orphan = [{ role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_9", content: "x" }] }];
    expect(failure({ ...base, messages: orphan })?.message).toMatch(/^messages\.0\.content\.0: unexpected `tool_use_id` found in `tool_result` blocks: toolu_9\./);
    const unanswered = [{ role: "user", content: "go" }, call, { role: "user", content: "and?" }];
    expect(failure({ ...base, messages: unanswered })?.message).toMatch(/^messages\.1: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_1\./);
  });

  it("checks tools, tool_choice, thinking, stop sequences and the number of cache breakpoints", () => {
    const tool = { name: "read", input_schema: { type: "object" } };
    expect(failure({ ...base, tools: [{ name: "read" }] })?.message).toBe("tools.0.custom.input_schema: Field required");
    expect(failure({ ...base, tools: [{ ...tool, name: "bad name" }] })?.message).toMatch(/^tools\.0\.name: String should match pattern/);
    expect(failure({ ...base, tools: [tool], tool_choice: { type: "tool", name: "write" } })?.message).toBe("Tool 'write' not found in provided tools");
    expect(failure({ ...base, tool_choice: { type: "any" } })?.message).toBe("tool_choice may only be specified while providing tools.");
    expect(failure({ ...base, thinking: { type: "enabled", budget_tokens: 500 } })?.message).toBe("thinking.enabled.budget_tokens: Input should be greater than or equal to 1024");
    expect(failure({ ...base, max_tokens: 2000, thinking: { type: "enabled", budget_tokens: 2000 } })?.message).toMatch(/^`max_tokens` must be greater than `thinking.budget_tokens`/);
    expect(failure({ ...base, max_tokens: 2000, tools: [tool], tool_choice: { type: "any" }, thinking: { type: "enabled", budget_tokens: 1024 } })?.message).toBe("Thinking may not be enabled when tool_choice forces tool use.");
    expect(failure({ ...base, stop_sequences: [" "] })?.message).toBe("stop_sequences: each stop sequence must contain non-whitespace");
    const cached = { type: "text", text: "x", cache_control: { type: "ephemeral" } };
    expect(failure({ ...base, system: [cached, cached, cached, cached, cached] })?.message).toBe("A maximum of 4 blocks with cache_control may be provided. Found 5.");
    expect(failure({ ...base, system: [{ ...cached, cache_control: { type: "persistent" } }] })?.message).toBe("system.0.cache_control.type: Input should be 'ephemeral'");
  });

  it("refuses temperature, top_p and top_k under API version 2026-10-21", () => {
    expect(parseMessagesRequest({ ...base, temperature: 0.5 }, false, { samplingRemoved: true })).toEqual({ ok: false, status: 400, message: "temperature: Extra inputs are not permitted" });
    expect(parseMessagesRequest({ ...base, temperature: 0.5 }).ok).toBe(true);
  });
});
