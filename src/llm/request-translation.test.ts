import { describe, expect, it } from "vitest";
import { parseModelId } from "./models.js";
import { toCallOptions } from "./request-translation.js";
import { assistantMessage, Message, type Request, toolResultMessage, userMessage } from "./types.js";

const readFile = { name: "read_file", description: "Read", parameters: { type: "object", properties: {} } };
const options = (request: Omit<Request, "messages"> & { messages?: Request["messages"] }) =>
  toCallOptions({ messages: [userMessage("hi")], ...request }, parseModelId(request.model));

describe("toCallOptions", () => {
  it("maps tool choice modes, and omits tools for Anthropic's none", () => {
    expect(options({ model: "openai:gpt-5", tools: [readFile], toolChoice: { mode: "named", toolName: "read_file" } }).toolChoice).toEqual({ type: "tool", toolName: "read_file" });
    expect(options({ model: "google:gemini-2.5-pro", tools: [readFile], toolChoice: { mode: "required" } }).toolChoice).toEqual({ type: "required" });
    const none = options({ model: "anthropic:claude-haiku-4-5", tools: [readFile], toolChoice: { mode: "none" } });
    expect(none.tools).toBeUndefined();
    expect(none.toolChoice).toBeUndefined();
  });

  it("maps reasoning effort to each provider's own option", () => {
    expect(options({ model: "openai:gpt-5", reasoningEffort: "low" }).providerOptions).toEqual({ openai: { reasoningEffort: "low", reasoningSummary: "auto" } });
    expect(options({ model: "anthropic:claude-haiku-4-5", reasoningEffort: "high" }).providerOptions).toEqual({ anthropic: { thinking: { type: "enabled", budgetTokens: 16_384 } } });
    expect(options({ model: "google:gemini-3-pro-preview", reasoningEffort: "high" }).providerOptions).toEqual({ google: { thinkingConfig: { thinkingLevel: "high", includeThoughts: true } } });
    expect(options({ model: "google:gemini-2.5-flash" }).providerOptions).toBeUndefined();
  });

  it("passes the caller's provider options over ours, for the model's provider only", () => {
    const result = options({
      model: "openai:gpt-5",
      reasoningEffort: "low",
      providerOptions: { openai: { reasoningEffort: "high", serviceTier: "flex" }, anthropic: { thinking: { type: "disabled" } } },
    });
    expect(result.providerOptions).toEqual({ openai: { reasoningEffort: "high", reasoningSummary: "auto", serviceTier: "flex" } });
  });

  it("merges system and developer text into one leading system message and joins consecutive tool results", () => {
    const result = options({
      model: "openai:gpt-5",
      messages: [
        Message.system("Be brief."),
        userMessage("Read both"),
        Message.developer("Use tools."),
        assistantMessage([
          { kind: "tool_call", id: "c1", name: "read_file", arguments: {} },
          { kind: "tool_call", id: "c2", name: "read_file", arguments: {} },
        ]),
        toolResultMessage("c1", "one"),
        toolResultMessage("c2", "two", true),
      ],
    });
    expect(result.prompt[0]).toEqual({ role: "system", content: "Be brief.\n\nUse tools." });
    expect(result.prompt.map((message) => message.role)).toEqual(["system", "user", "assistant", "tool"]);
    expect(result.prompt[3]!.content).toEqual([
      { type: "tool-result", toolCallId: "c1", toolName: "read_file", output: { type: "text", value: "one" } },
      { type: "tool-result", toolCallId: "c2", toolName: "read_file", output: { type: "error-text", value: "two" } },
    ]);
  });

  it("drops reasoning parts a provider cannot take back (signatures are per provider)", () => {
    const history = [userMessage("q"), assistantMessage([{ kind: "thinking", text: "hmm", signature: "anthropic-sig" }, { kind: "text", text: "a" }]), userMessage("next")];
    const openai = options({ model: "openai:gpt-5", messages: history });
    expect(openai.prompt[1]).toEqual({ role: "assistant", content: [{ type: "text", text: "a" }] });
    const anthropic = options({ model: "anthropic:claude-haiku-4-5", messages: history });
    expect(anthropic.prompt[1]!.content[0]).toEqual({ type: "reasoning", text: "hmm", providerOptions: { anthropic: { signature: "anthropic-sig" } } });
  });

  it("passes sampling limits and a JSON schema response format", () => {
    const schema = { type: "object", properties: { ok: { type: "boolean" } } };
    const result = options({ model: "openai:gpt-5", maxTokens: 100, temperature: 0.2, topP: 0.9, stopSequences: ["END"], responseFormat: { type: "json_schema", jsonSchema: schema, name: "verdict" } });
    expect(result).toMatchObject({ maxOutputTokens: 100, temperature: 0.2, topP: 0.9, stopSequences: ["END"], responseFormat: { type: "json", schema, name: "verdict" } });
  });
});
