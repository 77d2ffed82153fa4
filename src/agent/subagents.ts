/**
 * Subagents (coding-agent-loop-spec 7): the spawn_agent, send_input, wait and close_agent tools
 * over child sessions that share the parent's execution environment (optionally scoped to a
 * subdirectory) and have their own history. The parent registers these tools only while its
 * depth is below max_subagent_depth, so a child at the limit cannot spawn. Results go back to
 * the parent model as ordinary tool results (JSON text).
 */
import path from "node:path";
import type { ExecutionEnvironment } from "./execution/environment.js";
import type { ProviderProfile } from "./profiles/profile.js";
import { ToolError, type RegisteredTool } from "./tools/registry.js";

/** The part of a Session the manager needs (kept structural to avoid an import cycle). */
export interface ChildSession {
  readonly id: string;
  readonly state: string;
  readonly history: readonly { kind: string }[];
  submit(input: string): Promise<{ outcome: string; text: string; turns: number }>;
  steer(message: string): void;
  close(): Promise<void>;
}

export type SubagentStatus = "running" | "completed" | "failed";

export interface SubagentResult {
  readonly output: string;
  readonly success: boolean;
  readonly turnsUsed: number;
}

export interface SpawnRequest {
  readonly task: string;
  readonly workingDir?: string;
  readonly model?: string;
  readonly maxTurns?: number;
}

interface Handle {
  readonly id: string;
  readonly session: ChildSession;
  status: SubagentStatus;
  run: Promise<SubagentResult>;
  result: SubagentResult | undefined;
}

export class SubagentManager {
  private readonly handles = new Map<string, Handle>();
  private readonly registered: RegisteredTool[];

  constructor(private readonly options: { spawn: (request: SpawnRequest) => { session: ChildSession; run: Promise<{ outcome: string; text: string; turns: number }> } }) {
    this.registered = [this.spawnTool(), this.sendInputTool(), this.waitTool(), this.closeTool()];
  }

  tools(): readonly RegisteredTool[] {
    return this.registered;
  }

  /** Closes every child still open (graceful shutdown step 6). */
  async closeAll(): Promise<void> {
    await Promise.all([...this.handles.values()].map((handle) => handle.session.close()));
  }

  private track(handle: Omit<Handle, "run" | "result">, run: Promise<{ outcome: string; text: string; turns: number }>): Handle {
    const full = handle as Handle;
    full.result = undefined;
    full.run = run.then(
      (result) => {
        const success = result.outcome === "completed" || result.outcome === "awaiting-input";
        const finished: SubagentResult = { output: result.text, success, turnsUsed: result.turns };
        full.result = finished;
        full.status = success ? "completed" : "failed";
        return finished;
      },
      (error: unknown) => {
        const finished: SubagentResult = { output: `Subagent failed: ${error instanceof Error ? error.message : String(error)}`, success: false, turnsUsed: 0 };
        full.result = finished;
        full.status = "failed";
        return finished;
      },
    );
    return full;
  }

  private handle(agentId: unknown): Handle {
    const handle = typeof agentId === "string" ? this.handles.get(agentId) : undefined;
    if (!handle) {
      const known = [...this.handles.keys()];
      throw new ToolError(`No subagent with id "${String(agentId)}". Known agents: ${known.join(", ") || "(none)"}.`);
    }
    return handle;
  }

  private spawnTool(): RegisteredTool {
    return {
      definition: {
        name: "spawn_agent",
        description: "Spawn a subagent to handle a scoped task autonomously. It shares this workspace and has its own conversation. Returns its agent_id; call wait to get its result.",
        parameters: {
          type: "object",
          properties: {
            task: { type: "string", description: "The task, in natural language, with everything the subagent needs to know." },
            working_dir: { type: "string", description: "Subdirectory to scope the subagent to (relative to the working directory)." },
            model: { type: "string", description: "Model override (default: this agent's model)." },
            max_turns: { type: "integer", minimum: 0, description: "Turn limit for the subagent (default 0, unlimited)." },
          },
          required: ["task"],
          additionalProperties: false,
        },
      },
      executor: async (args) => {
        const request: SpawnRequest = {
          task: String(args["task"]),
          ...(typeof args["working_dir"] === "string" && args["working_dir"] !== "" ? { workingDir: args["working_dir"] } : {}),
          ...(typeof args["model"] === "string" && args["model"] !== "" ? { model: args["model"] } : {}),
          ...(typeof args["max_turns"] === "number" ? { maxTurns: args["max_turns"] } : {}),
        };
        const { session, run } = this.options.spawn(request);
        const handle = this.track({ id: session.id, session, status: "running" }, run);
        this.handles.set(handle.id, handle);
        return JSON.stringify({ agent_id: handle.id, status: handle.status });
      },
    };
  }

  private sendInputTool(): RegisteredTool {
    return {
      definition: {
        name: "send_input",
        description: "Send a message to a subagent: steers it while it works, or gives it a new input when it is done.",
        parameters: {
          type: "object",
          properties: { agent_id: { type: "string" }, message: { type: "string" } },
          required: ["agent_id", "message"],
          additionalProperties: false,
        },
      },
      executor: async (args) => {
        const handle = this.handle(args["agent_id"]);
        const message = String(args["message"]);
        if (handle.session.state === "closed") throw new ToolError(`Subagent "${handle.id}" is closed.`);
        if (handle.session.state === "processing") {
          handle.session.steer(message);
          return JSON.stringify({ agent_id: handle.id, delivered: "steering" });
        }
        handle.status = "running";
        this.track(handle, handle.session.submit(message));
        return JSON.stringify({ agent_id: handle.id, delivered: "input" });
      },
    };
  }

  private waitTool(): RegisteredTool {
    return {
      definition: {
        name: "wait",
        description: "Wait for a subagent to finish and return its result (output, success, turns used).",
        parameters: {
          type: "object",
          properties: { agent_id: { type: "string" } },
          required: ["agent_id"],
          additionalProperties: false,
        },
      },
      executor: async (args, _environment, context) => {
        const handle = this.handle(args["agent_id"]);
        const result = await untilAborted(handle.run, context?.signal);
        if (!result) throw new ToolError(`Stopped waiting for subagent "${handle.id}": the session was aborted.`);
        return JSON.stringify({ agent_id: handle.id, status: handle.status, output: result.output, success: result.success, turns_used: result.turnsUsed });
      },
    };
  }

  private closeTool(): RegisteredTool {
    return {
      definition: {
        name: "close_agent",
        description: "Terminate a subagent (aborting its work if it is still running).",
        parameters: {
          type: "object",
          properties: { agent_id: { type: "string" } },
          required: ["agent_id"],
          additionalProperties: false,
        },
      },
      executor: async (args) => {
        const handle = this.handle(args["agent_id"]);
        await handle.session.close();
        await handle.run;
        return JSON.stringify({ agent_id: handle.id, status: handle.status });
      },
    };
  }
}

/** The promise's value, or undefined as soon as the signal aborts. */
async function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T | undefined> {
  if (!signal) return promise;
  if (signal.aborted) return undefined;
  return new Promise<T | undefined>((resolve, reject) => {
    const onAbort = (): void => resolve(undefined);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** The same profile answering with another model (the prototype keeps class-based profiles' methods). */
export function profileWithModel(profile: ProviderProfile, model: string): ProviderProfile {
  return Object.create(profile, { model: { value: model, enumerable: true } }) as ProviderProfile;
}

/** The parent's environment with a subdirectory as working directory; relative paths resolve there. */
export function scopeEnvironment(environment: ExecutionEnvironment, subdirectory: string): ExecutionEnvironment {
  const root = path.resolve(environment.workingDirectory(), subdirectory);
  const resolve = (target: string): string => path.resolve(root, target);
  return {
    readFile: (target, options) => environment.readFile(resolve(target), options),
    writeFile: (target, content) => environment.writeFile(resolve(target), content),
    deleteFile: (target) => environment.deleteFile(resolve(target)),
    fileExists: (target) => environment.fileExists(resolve(target)),
    listDirectory: (target, depth) => environment.listDirectory(resolve(target), depth),
    execCommand: (command, options) => environment.execCommand(command, { ...options, workingDir: resolve(options?.workingDir ?? ".") }),
    grep: (pattern, target, options) => environment.grep(pattern, resolve(target ?? "."), options),
    glob: (pattern, target) => environment.glob(pattern, resolve(target ?? ".")),
    initialize: () => environment.initialize(),
    cleanup: async () => {
      // The parent owns the shared environment's lifecycle.
    },
    workingDirectory: () => root,
    platform: () => environment.platform(),
    osVersion: () => environment.osVersion(),
  };
}
