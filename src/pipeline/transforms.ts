/**
 * Graph transforms (spec 9.1-9.3): functions from a parsed graph to a new graph, applied after
 * parsing and before validation. A transform never modifies its input; the built-ins clone.
 *
 * Order: the stylesheet, then `$goal` expansion, then custom transforms in registration order
 * (docs/decisions/0024-transform-order-and-failures.md).
 */
import { cloneGraph, type Graph } from "./graph.js";
import { STYLE_PROPERTIES, resolveStyle, tryParseStylesheet } from "./stylesheet.js";

export interface Transform {
  name: string;
  /** Returns a new graph; must not modify `graph`. */
  apply(graph: Graph): Graph;
}

/** Replaces `$goal` in node prompts with the graph's `goal` (spec 9.2): plain text replacement. */
export const variableExpansionTransform: Transform = {
  name: "variable_expansion",
  apply(graph) {
    const result = cloneGraph(graph);
    const goal = result.attributes["goal"] ?? "";
    for (const node of result.nodes.values()) {
      const prompt = node.attributes["prompt"];
      if (prompt !== undefined && prompt.includes("$goal")) node.attributes["prompt"] = prompt.replaceAll("$goal", goal);
    }
    return result;
  },
};

/**
 * Applies the `model_stylesheet` (spec 8.5): sets `llm_model`, `llm_provider` and
 * `reasoning_effort` only where the node has no such attribute. An invalid stylesheet leaves
 * the graph unstyled instead of throwing; the `stylesheet_syntax` lint rule reports it.
 */
export const stylesheetTransform: Transform = {
  name: "stylesheet",
  apply(graph) {
    const result = cloneGraph(graph);
    const stylesheet = result.attributes["model_stylesheet"] ?? "";
    if (stylesheet.trim() === "") return result;
    const parsed = tryParseStylesheet(stylesheet);
    if (!parsed.ok || parsed.rules.length === 0) return result;
    for (const node of result.nodes.values()) {
      const style = resolveStyle(parsed.rules, node);
      for (const property of STYLE_PROPERTIES) {
        const value = style[property];
        // Present means explicit, even when empty: the author wrote it on the node (or in a `node [...]` default).
        if (value !== undefined && !Object.hasOwn(node.attributes, property)) node.attributes[property] = value;
      }
    }
    return result;
  },
};

/** The built-ins, in the order they run. */
export const BUILT_IN_TRANSFORMS: readonly Transform[] = [stylesheetTransform, variableExpansionTransform];

/** Runs the built-in transforms, then `custom` in order; the input graph is left unchanged. */
export function applyTransforms(graph: Graph, custom: readonly Transform[] = []): Graph {
  let result = graph;
  for (const transform of [...BUILT_IN_TRANSFORMS, ...custom]) result = transform.apply(result);
  return result;
}

/** A registry for runners that collect custom transforms before preparing a graph (spec 9.3). */
export interface TransformPipeline {
  /** Appends a custom transform; custom transforms run in registration order. */
  register(transform: Transform): TransformPipeline;
  /** Built-ins first, then the registered transforms. */
  transforms(): readonly Transform[];
  apply(graph: Graph): Graph;
}

export function createTransformPipeline(custom: readonly Transform[] = []): TransformPipeline {
  const registered: Transform[] = [...custom];
  const pipeline: TransformPipeline = {
    register(transform) {
      registered.push(transform);
      return pipeline;
    },
    transforms: () => [...BUILT_IN_TRANSFORMS, ...registered],
    apply: (graph) => applyTransforms(graph, registered),
  };
  return pipeline;
}
