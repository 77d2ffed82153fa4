/**
 * Tool call hooks (attractor spec 9.7) around the agent's tools: `tool_hooks.pre` / `.post` of the
 * node (else the graph's, which the engine mirrors into the context as `graph.tool_hooks.*`) run
 * around each tool call of a codergen stage, through the pipeline's `wrapToolExecutor`. A session
 * may serve several stages (a thread), so the executors ask which stage they serve at call time.
 */
import { type ProviderProfile, ToolError, type ToolExecutor } from "../agent/index.js";
import { errorMessage } from "../errors.js";
import { type Context, createGraph, type GraphNode, resolveToolHooks } from "../pipeline/index.js";
import type { ToolHookRecord, ToolHooks } from "../pipeline/tool-hooks.js";
import { wrapToolExecutor } from "../pipeline/tool-hooks.js";

/** The stage a session's tool calls belong to right now. */
export interface HookStage {
  nodeId: string;
  hooks: ToolHooks;
  /** Where hooks run: the workspace. */
  cwd: string;
  onRecord: (record: ToolHookRecord) => void;
}

export interface HookRouting {
  stage(): HookStage | undefined;
  /** The id of the call about to run `toolName` (from the session's tool-call-start events, in order). */
  nextCallId(toolName: string): string;
}

/** The hooks of a node: its own attributes, else the graph's as mirrored in the context. */
export function stageToolHooks(node: GraphNode, context: Context): ToolHooks {
  const graphAttributes: Record<string, string> = {};
  for (const phase of ["pre", "post"] as const) {
    const value = context.getString(`graph.tool_hooks.${phase}`);
    if (value !== "") graphAttributes[`tool_hooks.${phase}`] = value;
  }
  return resolveToolHooks(node, createGraph("hooks", graphAttributes));
}

function hooked(toolName: string, original: ToolExecutor, routing: HookRouting): ToolExecutor {
  return async (args, env, callContext) => {
    // Taken on every call, so the queue of ids stays in step whether hooks are set or not.
    const toolCallId = routing.nextCallId(toolName);
    const stage = routing.stage();
    if (!stage || (!stage.hooks.pre && !stage.hooks.post)) return original(args, env, callContext);
    const run = wrapToolExecutor(
      stage.hooks,
      async () => {
        try {
          return { content: await original(args, env, callContext), isError: false };
        } catch (error) {
          // The registry's own wording: a ToolError verbatim, anything else prefixed.
          return { content: error instanceof ToolError ? error.message : `Error: ${errorMessage(error)}`, isError: true };
        }
      },
      stage.onRecord,
      { cwd: stage.cwd, ...(callContext?.signal ? { signal: callContext.signal } : {}) },
    );
    const result = await run({ nodeId: stage.nodeId, toolName, toolCallId, arguments: args });
    if (result.isError) throw new ToolError(result.content);
    return result.content;
  };
}

/** Replaces each tool of the (session's own) profile by one that runs the stage's hooks around it. */
export function installToolHooks(profile: ProviderProfile, routing: HookRouting): void {
  for (const name of profile.toolRegistry.names()) {
    const tool = profile.toolRegistry.get(name);
    if (tool) profile.toolRegistry.register({ definition: tool.definition, executor: hooked(name, tool.executor, routing) });
  }
}
