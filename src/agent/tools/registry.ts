/**
 * The tool registry (coding-agent-loop-spec 3.8): tools by name, latest registration wins, and
 * the execution pipeline's LOOKUP -> VALIDATE -> EXECUTE steps. Every failure on the way
 * (unknown tool, unparsable JSON, arguments that break the schema, an executor that throws)
 * becomes an error result for the model, never an exception for the loop.
 * Truncation (step 4) is `truncateToolOutput` in truncate-output.ts, applied by the loop so the
 * full output can go into the TOOL_CALL_END event first.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import type { ToolDefinition } from "../../llm/types.js";
import type { ExecutionEnvironment } from "../execution/environment.js";

/** What the model sees of a tool: {name, description, parameters (JSON Schema, root type "object")}. */
export type { ToolDefinition };

/** Per-call context the loop may pass: cancellation and the session's command timeouts. */
export interface ToolCallContext {
  readonly signal?: AbortSignal;
  /** SessionConfig.default_command_timeout_ms (spec 5.4), used when neither call nor profile sets one. */
  readonly defaultCommandTimeoutMs?: number;
  /** SessionConfig.max_command_timeout_ms: the upper bound for any command. */
  readonly maxCommandTimeoutMs?: number;
  /** Output of a streaming tool as it is produced (the loop emits `tool-call-output-delta`). */
  readonly onOutput?: (delta: string) => void;
}

export type ToolExecutor = (
  args: Record<string, unknown>,
  env: ExecutionEnvironment,
  context?: ToolCallContext,
) => Promise<string>;

export interface RegisteredTool {
  readonly definition: ToolDefinition;
  readonly executor: ToolExecutor;
}

export interface ToolExecutionResult {
  /** The full, untruncated output (or the error message). */
  readonly output: string;
  readonly isError: boolean;
}

/** Thrown by an executor for an expected failure whose message reaches the model verbatim (no `Error:` prefix). */
export class ToolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ToolError";
  }
}

export type ValidationOutcome =
  | { readonly ok: true; readonly args: Record<string, unknown> }
  | { readonly ok: false; readonly message: string };

export class ToolRegistry {
  private readonly tools = new Map<string, RegisteredTool>();
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly ajv = new Ajv({ allErrors: true, strict: false, useDefaults: false });

  constructor(tools: readonly RegisteredTool[] = []) {
    for (const tool of tools) this.register(tool);
  }

  /** Adds a tool, replacing any tool of the same name (custom tools override profile tools, 3.7). */
  register(tool: RegisteredTool): void {
    this.tools.set(tool.definition.name, tool);
    this.validators.delete(tool.definition.name);
  }

  unregister(name: string): boolean {
    this.validators.delete(name);
    return this.tools.delete(name);
  }

  get(name: string): RegisteredTool | undefined {
    return this.tools.get(name);
  }

  has(name: string): boolean {
    return this.tools.has(name);
  }

  definitions(): ToolDefinition[] {
    return [...this.tools.values()].map((tool) => tool.definition);
  }

  names(): string[] {
    return [...this.tools.keys()];
  }

  /** A copy with the same tools, so a profile's registry can be extended without touching the original. */
  clone(): ToolRegistry {
    return new ToolRegistry([...this.tools.values()]);
  }

  /** Parses (when given a JSON string) and checks arguments against the tool's parameter schema. */
  validate(name: string, rawArgs: unknown): ValidationOutcome {
    const tool = this.tools.get(name);
    if (!tool) return { ok: false, message: unknownToolMessage(name, this.names()) };
    let args: unknown = rawArgs ?? {};
    if (typeof rawArgs === "string") {
      if (rawArgs.trim() === "") args = {};
      else {
        try {
          args = JSON.parse(rawArgs);
        } catch (error) {
          return { ok: false, message: `Invalid arguments for tool "${name}": not valid JSON (${(error as Error).message}).` };
        }
      }
    }
    if (typeof args !== "object" || args === null || Array.isArray(args)) {
      return { ok: false, message: `Invalid arguments for tool "${name}": expected a JSON object.` };
    }
    let validator = this.validators.get(name);
    if (!validator) {
      try {
        validator = this.ajv.compile(tool.definition.parameters);
      } catch (error) {
        return { ok: false, message: `Tool "${name}" has an invalid parameter schema: ${(error as Error).message}` };
      }
      this.validators.set(name, validator);
    }
    if (!validator(args)) {
      return { ok: false, message: `Invalid arguments for tool "${name}": ${describeErrors(validator.errors ?? [])}` };
    }
    return { ok: true, args: args as Record<string, unknown> };
  }

  /** LOOKUP, VALIDATE and EXECUTE; the output is untruncated. Never throws. */
  async execute(
    name: string,
    rawArgs: unknown,
    env: ExecutionEnvironment,
    context?: ToolCallContext,
  ): Promise<ToolExecutionResult> {
    const tool = this.tools.get(name);
    if (!tool) return { output: unknownToolMessage(name, this.names()), isError: true };
    const validation = this.validate(name, rawArgs);
    if (!validation.ok) return { output: validation.message, isError: true };
    try {
      const output = await tool.executor(validation.args, env, context);
      return { output, isError: false };
    } catch (error) {
      if (error instanceof ToolError) return { output: error.message, isError: true };
      const message = error instanceof Error ? error.message : String(error);
      return { output: `Error: ${message}`, isError: true };
    }
  }
}

function unknownToolMessage(name: string, known: readonly string[]): string {
  return `Unknown tool "${name}". Available tools: ${known.join(", ") || "(none)"}.`;
}

function describeErrors(errors: readonly ErrorObject[]): string {
  return errors
    .map((error) => {
      const where = error.instancePath === "" ? "arguments" : `"${error.instancePath.slice(1).replace(/\//g, ".")}"`;
      if (error.keyword === "required") return `missing required property "${String(error.params["missingProperty"])}"`;
      if (error.keyword === "additionalProperties") {
        return `unexpected property "${String(error.params["additionalProperty"])}"`;
      }
      return `${where} ${error.message ?? "is invalid"}`;
    })
    .join("; ");
}
