/** The registry with the nine built-in handler types (spec 2.8), codergen as the default. */
import { loadPipelineFile } from "../prepare.js";
import type { CodergenBackend } from "./handler.js";
import { createCodergenHandler } from "./codergen.js";
import { createConditionalHandler } from "./conditional.js";
import { createExitHandler } from "./exit.js";
import { createFanInHandler } from "./fan-in.js";
import { type ManagerLoopOptions, createManagerLoopHandler } from "./manager-loop.js";
import { createParallelHandler } from "./parallel.js";
import { HandlerRegistry } from "./registry.js";
import { createStartHandler } from "./start.js";
import { createToolHandler } from "./tool.js";
import { createWaitHumanHandler } from "./wait-human.js";

export interface DefaultRegistryOptions {
  backend?: CodergenBackend;
  workingDirectory?: string;
  /** Runs a child pipeline for `stack.manager_loop` nodes; the engine passes itself. */
  runChildPipeline?: ManagerLoopOptions["runChildPipeline"];
  /** Environment for tool commands; defaults to the process environment. */
  toolEnvironment?: NodeJS.ProcessEnv;
}

export const BUILT_IN_HANDLER_TYPES = ["start", "exit", "codergen", "wait.human", "conditional", "parallel", "parallel.fan_in", "tool", "stack.manager_loop"] as const;

export function createDefaultRegistry(options: DefaultRegistryOptions = {}): HandlerRegistry {
  const workingDirectory = options.workingDirectory ?? process.cwd();
  const codergen = createCodergenHandler(options.backend ? { backend: options.backend } : {});
  const registry = new HandlerRegistry(codergen)
    .register("start", createStartHandler())
    .register("exit", createExitHandler())
    .register("codergen", codergen)
    .register("wait.human", createWaitHumanHandler())
    .register("conditional", createConditionalHandler())
    .register("parallel", createParallelHandler())
    .register("parallel.fan_in", createFanInHandler())
    .register("tool", createToolHandler({ workingDirectory, ...(options.toolEnvironment ? { env: options.toolEnvironment } : {}) }));
  if (options.runChildPipeline) {
    registry.register(
      "stack.manager_loop",
      createManagerLoopHandler({ loadGraph: (path) => loadPipelineFile(path).graph, runChildPipeline: options.runChildPipeline, workingDirectory }),
    );
  }
  return registry;
}
