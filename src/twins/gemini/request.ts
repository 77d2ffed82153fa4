/**
 * Reading a GenerateContentRequest (and a countTokens request) off the wire: the fields the twin
 * uses, normalized from either JSON spelling (`systemInstruction` or `system_instruction`, as
 * Google's proto JSON accepts both), or Google's 400 INVALID_ARGUMENT naming what is wrong.
 */
import { invalidArgument } from "./errors.js";

export interface WirePart {
  text?: string;
  thought?: boolean;
  thoughtSignature?: string;
  inlineData?: { mimeType?: string; data?: string };
  fileData?: { mimeType?: string; fileUri?: string };
  functionCall?: { id?: string; name?: string; args?: unknown };
  functionResponse?: { id?: string; name?: string; response?: unknown };
}

export interface WireContent {
  role: "user" | "model";
  parts: WirePart[];
}

export interface GenerateRequest {
  contents: WireContent[];
  /** The system instruction's text parts, joined by newlines. */
  system: string;
  /** Function declarations offered, by name, in order. */
  toolNames: string[];
  /** The `tools` array as sent, serialized: counted as prompt tokens and part of the cache prefix. */
  toolsText: string;
  maxOutputTokens?: number;
  thinkingBudget?: number;
  thinkingLevel?: string;
  includeThoughts: boolean;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; response: Response };

const GENERATE_FIELDS = ["contents", "tools", "toolConfig", "safetySettings", "systemInstruction", "generationConfig", "cachedContent", "model", "labels", "serviceTier", "store"];
const COUNT_FIELDS = ["contents", "generateContentRequest"];
const PART_DATA = ["text", "inlineData", "fileData", "functionCall", "functionResponse", "executableCode", "codeExecutionResult", "toolCall", "toolResponse"];

const snakeCase = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

type Fields = Record<string, unknown>;

function isObject(value: unknown): value is Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A field by its camelCase name, or its snake_case one. */
function field(object: Fields, name: string): unknown {
  return object[name] ?? object[snakeCase(name)];
}

const failed = (response: Response): { ok: false; response: Response } => ({ ok: false, response });

function unknownFields(body: Fields, known: string[], at: string): Response | undefined {
  const allowed = new Set([...known, ...known.map(snakeCase)]);
  const unknown = Object.keys(body).filter((key) => !allowed.has(key));
  if (unknown.length === 0) return undefined;
  const where = at === "" ? "" : ` at '${at}'`;
  const descriptions = unknown.map((key) => `Invalid JSON payload received. Unknown name "${key}"${where}: Cannot find field.`);
  return invalidArgument(descriptions.join("\n"), [
    { "@type": "type.googleapis.com/google.rpc.BadRequest", fieldViolations: descriptions.map((description) => ({ ...(at === "" ? {} : { field: at }), description })) },
  ]);
}

/** The request body as an object, or Google's answer to a body that is not one. */
export function requestObject(body: unknown, rawBody: string): Parsed<Fields> {
  if (rawBody.trim() === "") return { ok: true, value: {} };
  if (body === undefined) return failed(invalidArgument("Invalid JSON payload received. Unexpected token."));
  if (!isObject(body)) return failed(invalidArgument('Invalid JSON payload received. Unknown name "": Root element must be a message.'));
  return { ok: true, value: body };
}

function partsError(parts: unknown, path: string): Response | undefined {
  if (!Array.isArray(parts) || parts.length === 0) return invalidArgument(`* GenerateContentRequest.${path}.parts: contents.parts must not be empty.\n`);
  for (const [index, part] of parts.entries()) {
    if (!isObject(part) || !PART_DATA.some((name) => field(part, name) !== undefined)) {
      return invalidArgument(`* GenerateContentRequest.${path}.parts[${index}].data: required oneof field 'data' must have one initialized field\n`);
    }
  }
  return undefined;
}

function normalizePart(part: Fields): WirePart {
  const normalized: WirePart = {};
  const text = field(part, "text");
  if (typeof text === "string") normalized.text = text;
  if (field(part, "thought") === true) normalized.thought = true;
  const signature = field(part, "thoughtSignature");
  if (typeof signature === "string") normalized.thoughtSignature = signature;
  const inline = field(part, "inlineData");
  if (isObject(inline)) normalized.inlineData = { mimeType: String(field(inline, "mimeType") ?? ""), data: String(inline["data"] ?? "") };
  const file = field(part, "fileData");
  if (isObject(file)) normalized.fileData = { mimeType: String(field(file, "mimeType") ?? ""), fileUri: String(field(file, "fileUri") ?? "") };
  const call = field(part, "functionCall");
  if (isObject(call)) normalized.functionCall = { ...(typeof call["id"] === "string" ? { id: call["id"] } : {}), name: String(call["name"] ?? ""), args: call["args"] ?? {} };
  const response = field(part, "functionResponse");
  if (isObject(response)) normalized.functionResponse = { ...(typeof response["id"] === "string" ? { id: response["id"] } : {}), name: String(response["name"] ?? ""), response: response["response"] ?? {} };
  return normalized;
}

function readContents(value: unknown): Parsed<WireContent[]> {
  if (value === undefined || (Array.isArray(value) && value.length === 0)) return failed(invalidArgument("* GenerateContentRequest.contents: contents is not specified\n"));
  if (!Array.isArray(value)) return failed(invalidArgument(`Invalid JSON payload received. Unknown name "contents": Proto field is not repeating, cannot start list.`));
  const contents: WireContent[] = [];
  for (const [index, content] of value.entries()) {
    if (!isObject(content)) return failed(invalidArgument(`Invalid value at 'contents[${index}]', expected a Content object.`));
    const role = content["role"] ?? "user";
    if (role !== "user" && role !== "model") return failed(invalidArgument("Please use a valid role: user, model."));
    const problem = partsError(content["parts"], `contents[${index}]`);
    if (problem) return failed(problem);
    contents.push({ role, parts: (content["parts"] as Fields[]).map(normalizePart) });
  }
  return { ok: true, value: contents };
}

/**
 * Gemini refuses a function-call turn whose answer has a different number of function responses
 * (a common agent bug: one result dropped), and a function-call turn that follows another model turn.
 */
function functionTurnsError(contents: WireContent[]): Response | undefined {
  for (const [index, content] of contents.entries()) {
    const calls = content.parts.filter((part) => part.functionCall).length;
    if (content.role !== "model" || calls === 0) continue;
    if (index > 0 && contents[index - 1]!.role !== "user") {
      return invalidArgument("Please ensure that function call turn comes immediately after a user turn or after a function response turn.");
    }
    const next = contents[index + 1];
    if (!next) continue;
    const responses = next.parts.filter((part) => part.functionResponse).length;
    if (responses !== calls) {
      return invalidArgument("Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn.");
    }
  }
  return undefined;
}

function readSystem(value: unknown): Parsed<string> {
  if (value === undefined) return { ok: true, value: "" };
  if (typeof value === "string") return { ok: true, value };
  if (!isObject(value)) return failed(invalidArgument("Invalid value at 'system_instruction', expected a Content object."));
  const problem = partsError(value["parts"], "system_instruction");
  if (problem) return failed(problem);
  const texts = (value["parts"] as Fields[]).map((part) => field(part, "text")).filter((text): text is string => typeof text === "string");
  return { ok: true, value: texts.join("\n") };
}

function readToolNames(value: unknown): Parsed<string[]> {
  if (value === undefined) return { ok: true, value: [] };
  if (!Array.isArray(value)) return failed(invalidArgument(`Invalid JSON payload received. Unknown name "tools": Proto field is not repeating, cannot start list.`));
  const names: string[] = [];
  for (const [toolIndex, tool] of value.entries()) {
    const declarations = isObject(tool) ? field(tool, "functionDeclarations") : undefined;
    if (declarations === undefined) continue;
    if (!Array.isArray(declarations)) return failed(invalidArgument(`Invalid value at 'tools[${toolIndex}].function_declarations', expected a list.`));
    for (const [index, declaration] of declarations.entries()) {
      const name = isObject(declaration) ? declaration["name"] : undefined;
      if (typeof name !== "string" || !/^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$/.test(name)) {
        return failed(invalidArgument(`* GenerateContentRequest.tools[${toolIndex}].function_declarations[${index}].name: Invalid function name. Must start with a letter or an underscore. Must be alphameric (a-z, A-Z, 0-9), underscores (_), dots (.), colons (:), or dashes (-), with a maximum length of 64.\n`));
      }
      names.push(name);
    }
  }
  return { ok: true, value: names };
}

function optionalNumber(config: Fields, name: string, path: string): Parsed<number | undefined> {
  const value = field(config, name);
  if (value === undefined || value === null) return { ok: true, value: undefined };
  if (typeof value !== "number" || !Number.isFinite(value)) return failed(invalidArgument(`Invalid value at '${path}' (TYPE_INT32), "${String(value)}"`));
  return { ok: true, value };
}

/** A GenerateContentRequest, checked as Google checks it. */
export function parseGenerateRequest(body: Fields): Parsed<GenerateRequest> {
  const unknown = unknownFields(body, GENERATE_FIELDS, "");
  if (unknown) return failed(unknown);
  const contents = readContents(field(body, "contents"));
  if (!contents.ok) return contents;
  const turns = functionTurnsError(contents.value);
  if (turns) return failed(turns);
  const system = readSystem(field(body, "systemInstruction"));
  if (!system.ok) return system;
  const tools = readToolNames(field(body, "tools"));
  if (!tools.ok) return tools;
  const config = field(body, "generationConfig") ?? {};
  if (!isObject(config)) return failed(invalidArgument("Invalid value at 'generation_config', expected a GenerationConfig object."));
  const maxOutputTokens = optionalNumber(config, "maxOutputTokens", "generation_config.max_output_tokens");
  if (!maxOutputTokens.ok) return maxOutputTokens;
  if (maxOutputTokens.value !== undefined && maxOutputTokens.value < 1) {
    return failed(invalidArgument(`Unable to submit request because it has a maxOutputTokens value of ${maxOutputTokens.value} but the supported range is from 1 (inclusive) to 65537 (exclusive). Update the value and try again.`));
  }
  const temperature = optionalNumber(config, "temperature", "generation_config.temperature");
  if (!temperature.ok) return temperature;
  if (temperature.value !== undefined && (temperature.value < 0 || temperature.value > 2)) {
    return failed(invalidArgument(`* GenerateContentRequest.generation_config.temperature: must be in the range [0.0, 2.0]\n`));
  }
  const thinking = field(config, "thinkingConfig") ?? {};
  if (!isObject(thinking)) return failed(invalidArgument("Invalid value at 'generation_config.thinking_config', expected a ThinkingConfig object."));
  const budget = optionalNumber(thinking, "thinkingBudget", "generation_config.thinking_config.thinking_budget");
  if (!budget.ok) return budget;
  const level = field(thinking, "thinkingLevel");
  const toolsValue = field(body, "tools");
  return {
    ok: true,
    value: {
      contents: contents.value,
      system: system.value,
      toolNames: tools.value,
      toolsText: toolsValue === undefined ? "" : JSON.stringify(toolsValue),
      ...(maxOutputTokens.value !== undefined ? { maxOutputTokens: maxOutputTokens.value } : {}),
      ...(budget.value !== undefined ? { thinkingBudget: budget.value } : {}),
      ...(typeof level === "string" ? { thinkingLevel: level } : {}),
      includeThoughts: field(thinking, "includeThoughts") === true,
    },
  };
}

/** A countTokens request: `{contents}` or `{generateContentRequest}`. */
export function parseCountTokensRequest(body: Fields): Parsed<GenerateRequest> {
  const unknown = unknownFields(body, COUNT_FIELDS, "");
  if (unknown) return failed(unknown);
  const inner = field(body, "generateContentRequest");
  if (isObject(inner)) {
    const { model: _model, ...rest } = inner;
    return parseGenerateRequest(rest);
  }
  return parseGenerateRequest({ contents: field(body, "contents") });
}
