import { describe, expect, it } from "vitest";
import { addNode, createGraph, type GraphNode } from "../pipeline/index.js";
import { checkPipelineModels, resolveNodeModel } from "./node-model.js";

const node = (attributes: Record<string, string>): GraphNode => addNode(createGraph(), "n", attributes);

describe("resolveNodeModel", () => {
  it("prefers the node's model, takes the provider from llm_provider or the family, and falls back to the default", () => {
    expect(resolveNodeModel(node({ llm_model: "openai:gpt-5" }), "anthropic:claude-sonnet-4-5").id).toBe("openai:gpt-5");
    expect(resolveNodeModel(node({ llm_model: "gpt-5.2", llm_provider: "openai" }), undefined).id).toBe("openai:gpt-5.2");
    expect(resolveNodeModel(node({ llm_model: "claude-opus-4-6" }), undefined).id).toBe("anthropic:claude-opus-4-6");
    expect(resolveNodeModel(node({ llm_model: "gemini-2.5-pro" }), undefined).id).toBe("google:gemini-2.5-pro");
    expect(resolveNodeModel(node({ llm_model: "my-model" }), "openai:gpt-5").id).toBe("openai:my-model");
    expect(resolveNodeModel(node({}), "google:gemini-2.5-pro").id).toBe("google:gemini-2.5-pro");
  });

  it("says what to set when there is no model or no provider", () => {
    expect(() => resolveNodeModel(node({}), undefined)).toThrow('node "n" has no model: set llm_model (in the node or the model_stylesheet) or pass --model provider:model');
    expect(() => resolveNodeModel(node({ llm_model: "mystery" }), undefined)).toThrow('node "n": llm_model "mystery" names no provider: set llm_provider or write it as "provider:model"');
  });
});

describe("checkPipelineModels", () => {
  it("checks only codergen nodes, and names the missing variable", () => {
    const graph = createGraph();
    addNode(graph, "start", { shape: "Mdiamond" });
    addNode(graph, "tool", { shape: "parallelogram", tool_command: "true" });
    expect(checkPipelineModels(graph, undefined, {}).size).toBe(0);
    addNode(graph, "plan", { shape: "box", llm_model: "claude-sonnet-4-5" });
    expect(() => checkPipelineModels(graph, undefined, {})).toThrow(/^ANTHROPIC_API_KEY is not set/);
    expect(checkPipelineModels(graph, undefined, { ANTHROPIC_API_KEY: "k" }).get("plan")?.id).toBe("anthropic:claude-sonnet-4-5");
  });
});
