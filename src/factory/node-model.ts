/**
 * Which model a codergen node runs with: its `llm_model` (with `llm_provider`, as the model
 * stylesheet sets them), else the run's default model. A model written without a provider gets
 * one from `llm_provider`, else from its name's family (claude -> anthropic, gpt/o-series ->
 * openai, gemini -> google), else from the default model's provider. Unresolvable: LLM_CONFIG.
 */
import { LightsoutError } from "../errors.js";
import { type Env, type ModelRef, parseModelId, providerConfig } from "../llm/index.js";
import { type Graph, type GraphNode, handlerTypeOf } from "../pipeline/index.js";

const KNOWN_PREFIXES = ["openai:", "anthropic:", "google:", "gemini:", "openai-compatible:"];

/** The provider a bare model name belongs to, by its family, when the name says so. */
export function providerFromModelName(model: string): string | undefined {
  if (/^claude/i.test(model)) return "anthropic";
  if (/^gemini/i.test(model)) return "google";
  if (/^(gpt|o\d|codex|chatgpt)/i.test(model)) return "openai";
  return undefined;
}

/** The node's model as a parsed "provider:model", or a LightsoutError "LLM_CONFIG" saying what to set. */
export function resolveNodeModel(node: GraphNode, defaultModel: string | undefined): ModelRef {
  const nodeModel = node.attributes["llm_model"]?.trim();
  const nodeProvider = node.attributes["llm_provider"]?.trim() || undefined;
  if (!nodeModel) {
    if (defaultModel === undefined || defaultModel.trim() === "") {
      throw new LightsoutError("LLM_CONFIG", `node "${node.id}" has no model: set llm_model (in the node or the model_stylesheet) or pass --model provider:model`);
    }
    return parseModelId(defaultModel.trim());
  }
  if (KNOWN_PREFIXES.some((prefix) => nodeModel.startsWith(prefix))) return parseModelId(nodeModel);
  const provider = nodeProvider ?? providerFromModelName(nodeModel) ?? (defaultModel ? parseModelId(defaultModel.trim()).provider : undefined);
  if (provider === undefined) {
    throw new LightsoutError("LLM_CONFIG", `node "${node.id}": llm_model "${nodeModel}" names no provider: set llm_provider or write it as "provider:model"`);
  }
  return parseModelId(nodeModel, provider);
}

/**
 * Checks, before a run starts, that every codergen node has a model and that the environment
 * holds what its provider needs (the API key, an endpoint's base URL). Returns the models by node
 * id; the first problem is thrown as LightsoutError "LLM_CONFIG" naming what to set.
 */
export function checkPipelineModels(graph: Graph, defaultModel: string | undefined, env: Env): Map<string, ModelRef> {
  if (defaultModel !== undefined) parseModelId(defaultModel.trim());
  const models = new Map<string, ModelRef>();
  for (const node of graph.nodes.values()) {
    if (handlerTypeOf(node.attributes) !== "codergen") continue;
    const model = resolveNodeModel(node, defaultModel);
    providerConfig(model, env);
    models.set(node.id, model);
  }
  return models;
}
