/**
 * The high-level generate() (unified-llm-spec 4.3): a prompt or a message list, tools that the
 * layer executes itself when they have an `execute` handler (active) or returns to the caller
 * when they do not (passive), up to `maxToolRounds` rounds, with a total and a per-step timeout.
 * The coding agent has its own loop (src/agent) over the low-level client; this is for callers
 * who want one call that ends in an answer (judges, planners, the factory's small helpers).
 * Tool failures are data for the model (error results), never exceptions for the caller.
 */
import { Ajv, type ValidateFunction } from "ajv";
import { LightsoutError } from "../errors.js";
import { addUsage, ZERO_USAGE } from "./cost.js";
import { LlmError } from "./errors.js";
import {
  responseReasoning,
  responseText,
  responseToolCalls,
  systemMessage,
  userMessage,
  type CallOptions,
  type FinishReason,
  type LlmClient,
  type Message,
  type Request,
  type Response,
  type ToolCall,
  type ToolDefinition,
  type Usage,
} from "./types.js";

/** A tool for generate(): with `execute` it is active (run by the loop), without it passive. */
export interface GenerateTool extends ToolDefinition {
  execute?: (args: Record<string, unknown>, context: { toolCallId: string; signal: AbortSignal }) => unknown;
}

export interface ToolResultRecord {
  toolCallId: string;
  toolName: string;
  /** What the tool returned (a string, or a value sent to the model as JSON), or the error message. */
  content: unknown;
  isError: boolean;
}

/** One model call and the tools it triggered (spec 4.3 StepResult). */
export interface StepResult {
  response: Response;
  text: string;
  reasoning: string | undefined;
  toolCalls: ToolCall[];
  toolResults: ToolResultRecord[];
  finishReason: FinishReason;
  usage: Usage;
}

export interface GenerateResult extends Omit<StepResult, "usage"> {
  /** Usage of the last step. */
  usage: Usage;
  /** Usage summed over every step. */
  totalUsage: Usage;
  steps: StepResult[];
  /** The conversation after the last step (input, assistant turns, tool results). */
  messages: Message[];
}

export interface GenerateTimeouts {
  /** The whole operation, every step and tool included. */
  totalMs?: number;
  /** Each model call (a step's tools are not counted). */
  perStepMs?: number;
}

export interface GenerateOptions extends Omit<Request, "messages" | "tools"> {
  client: LlmClient;
  /** A single user message; exclusive with `messages`. */
  prompt?: string;
  messages?: Message[];
  /** Put before the conversation as a system message. */
  system?: string;
  tools?: GenerateTool[];
  /** Rounds of automatic tool execution; 0 returns the first tool calls to the caller. Default 1. */
  maxToolRounds?: number;
  signal?: AbortSignal;
  timeout?: GenerateTimeouts;
}

function initialMessages(options: GenerateOptions): Message[] {
  if (options.prompt !== undefined && options.messages !== undefined) {
    throw new LightsoutError("INPUT", "generate(): give either `prompt` or `messages`, not both.");
  }
  if (options.prompt === undefined && options.messages === undefined) throw new LightsoutError("INPUT", "generate(): give a `prompt` or `messages`.");
  const conversation = options.messages ?? [userMessage(options.prompt!)];
  return options.system !== undefined ? [systemMessage(options.system), ...conversation] : [...conversation];
}

const ajv = new Ajv({ allErrors: true, strict: false });
const validators = new WeakMap<GenerateTool, ValidateFunction>();

function validatorOf(tool: GenerateTool): ValidateFunction {
  let validate = validators.get(tool);
  if (!validate) {
    validate = ajv.compile(tool.parameters);
    validators.set(tool, validate);
  }
  return validate;
}

/** Unknown tool, invalid arguments and a throwing handler all become error results for the model. */
async function executeTool(call: ToolCall, tools: readonly GenerateTool[], signal: AbortSignal): Promise<ToolResultRecord> {
  const base = { toolCallId: call.id, toolName: call.name };
  const tool = tools.find((candidate) => candidate.name === call.name);
  if (!tool?.execute) return { ...base, content: `Unknown tool: ${call.name}`, isError: true };
  if (call.rawArguments !== undefined && call.rawArguments.trim() !== "") {
    try {
      JSON.parse(call.rawArguments);
    } catch {
      return { ...base, content: `The arguments of ${call.name} are not valid JSON: ${call.rawArguments}`, isError: true };
    }
  }
  const validate = validatorOf(tool);
  if (!validate(call.arguments)) {
    const problems = (validate.errors ?? []).map((error) => `${error.instancePath || "(root)"} ${error.message ?? "is invalid"}`).join("; ");
    return { ...base, content: `Invalid arguments for ${call.name}: ${problems}`, isError: true };
  }
  try {
    return { ...base, content: await tool.execute(call.arguments, { toolCallId: call.id, signal }), isError: false };
  } catch (error) {
    return { ...base, content: error instanceof Error ? error.message : String(error), isError: true };
  }
}

function toolMessage(results: readonly ToolResultRecord[]): Message {
  return {
    role: "tool",
    content: results.map((result) => ({
      kind: "tool_result" as const,
      toolCallId: result.toolCallId,
      content: typeof result.content === "string" ? result.content : JSON.stringify(result.content) ?? "",
      isError: result.isError,
    })),
  };
}

/** The signal of one step: the caller's, the total deadline's and the step's own, whichever fires first. */
function stepSignal(signals: readonly (AbortSignal | undefined)[]): AbortSignal | undefined {
  const present = signals.filter((signal): signal is AbortSignal => signal !== undefined);
  return present.length === 0 ? undefined : AbortSignal.any(present);
}

function timeoutError(which: "total" | "per-step", ms: number, provider: string, cause: unknown): LlmError {
  return new LlmError(`generate(): the ${which} timeout of ${ms} ms passed before the model answered`, { kind: "request_timeout", provider, retryable: false, cause });
}

export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const { client, prompt: _prompt, messages: _messages, system: _system, tools = [], maxToolRounds = 1, signal, timeout = {}, ...request } = options;
  const conversation = initialMessages(options);
  const total = timeout.totalMs !== undefined ? AbortSignal.timeout(timeout.totalMs) : undefined;
  const definitions: ToolDefinition[] = tools.map(({ name, description, parameters }) => ({ name, description, parameters }));
  const steps: StepResult[] = [];
  let totalUsage = ZERO_USAGE;

  for (let round = 0; ; round += 1) {
    const perStep = timeout.perStepMs !== undefined ? AbortSignal.timeout(timeout.perStepMs) : undefined;
    const combined = stepSignal([signal, total, perStep]);
    const call: CallOptions = combined ? { signal: combined } : {};
    let response: Response;
    try {
      response = await client.complete({ ...request, messages: [...conversation], ...(definitions.length > 0 ? { tools: definitions } : {}) }, call);
    } catch (error) {
      // The caller's own abort stays CANCELLED; a deadline of ours is a timeout.
      if (signal?.aborted !== true && total?.aborted === true) throw timeoutError("total", timeout.totalMs!, request.provider ?? request.model, error);
      if (signal?.aborted !== true && perStep?.aborted === true) throw timeoutError("per-step", timeout.perStepMs!, request.provider ?? request.model, error);
      throw error;
    }
    conversation.push(response.message);
    const toolCalls = responseToolCalls(response);
    // A call to a passive tool hands the round to the caller; unknown tools get error results.
    const passive = toolCalls.some((toolCall) => tools.some((tool) => tool.name === toolCall.name && tool.execute === undefined));
    const execute = toolCalls.length > 0 && round < maxToolRounds && !passive;
    const toolSignal = stepSignal([signal, total]) ?? new AbortController().signal;
    const toolResults = execute ? await Promise.all(toolCalls.map((toolCall) => executeTool(toolCall, tools, toolSignal))) : [];
    totalUsage = addUsage(totalUsage, response.usage);
    steps.push({
      response,
      text: responseText(response),
      reasoning: responseReasoning(response),
      toolCalls,
      toolResults,
      finishReason: response.finishReason,
      usage: response.usage,
    });
    if (!execute) break;
    // All results of the round in one continuation (spec 5.7).
    conversation.push(toolMessage(toolResults));
  }
  const last = steps[steps.length - 1]!;
  return { ...last, totalUsage, steps, messages: conversation };
}
