/**
 * A codergen backend that answers from a script instead of an LLM: per node id, a list of
 * replies used in turn (the last one repeats). A reply is response text, an outcome, an error
 * to throw, or a function of the call. Every call is recorded for assertions.
 */
import type { Context } from "../pipeline/context.js";
import type { GraphNode } from "../pipeline/graph.js";
import type { CodergenBackend, CodergenResult, HandlerRuntime } from "../pipeline/handlers/handler.js";

export interface ScriptedCall {
  nodeId: string;
  prompt: string;
  attempt: number;
  fidelity: HandlerRuntime["fidelity"];
  model: string | undefined;
}

export type ScriptedReply = CodergenResult | Error | ((call: ScriptedCall, context: Context, runtime: HandlerRuntime) => CodergenResult | Promise<CodergenResult>);

export interface ScriptedBackend extends CodergenBackend {
  calls: ScriptedCall[];
  callsFor(nodeId: string): ScriptedCall[];
}

export function createScriptedBackend(script: Record<string, ScriptedReply | ScriptedReply[]> = {}, fallback: ScriptedReply = (call) => `[scripted] ${call.nodeId}`): ScriptedBackend {
  const calls: ScriptedCall[] = [];
  const counts = new Map<string, number>();
  return {
    calls,
    callsFor: (nodeId) => calls.filter((call) => call.nodeId === nodeId),
    async run(node: GraphNode, prompt: string, context: Context, runtime: HandlerRuntime): Promise<CodergenResult> {
      const attempt = (counts.get(node.id) ?? 0) + 1;
      counts.set(node.id, attempt);
      const call: ScriptedCall = { nodeId: node.id, prompt, attempt, fidelity: runtime.fidelity, model: node.attributes["llm_model"] };
      calls.push(call);
      const entry = script[node.id];
      const replies = entry === undefined ? [fallback] : Array.isArray(entry) ? entry : [entry];
      const reply = replies[Math.min(attempt, replies.length) - 1] ?? fallback;
      if (reply instanceof Error) throw reply;
      if (typeof reply === "function") return reply(call, context, runtime);
      return reply;
    },
  };
}
