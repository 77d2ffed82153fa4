/**
 * The wire request as the scripted policy sees it (`PolicyRequest`). Gemini puts no ids on
 * function calls, so a call and its response are paired by name and position: the n-th call of
 * `read_file` in the conversation is `read_file#n`, and so is the n-th response of `read_file`.
 */
import type { PolicyMessage, PolicyRequest } from "../llm-policy/index.js";
import type { GenerateRequest, WireContent, WirePart } from "./request.js";

/** The id the policy sees for the `ordinal`-th (0-based) call or response of a function. */
export function functionCallId(name: string, ordinal: number): string {
  return `${name}#${ordinal}`;
}

function mediaText(part: WirePart): string | undefined {
  if (part.inlineData) return `[inline ${part.inlineData.mimeType}]`;
  if (part.fileData) return `[file ${part.fileData.mimeType} ${part.fileData.fileUri}]`;
  return undefined;
}

/**
 * What a function response says: its `content` (the AI SDK's field), `output` or `result` (the
 * genai docs' fields), as is when a string, else as JSON; an `error` field makes it an error.
 */
function responseOutput(response: unknown): { output: string; isError: boolean } {
  if (typeof response === "object" && response !== null && !Array.isArray(response)) {
    const fields = response as Record<string, unknown>;
    if ("error" in fields) return { output: typeof fields["error"] === "string" ? fields["error"] : JSON.stringify(fields["error"]), isError: true };
    for (const name of ["content", "output", "result"]) {
      if (name in fields) return { output: typeof fields[name] === "string" ? fields[name] : JSON.stringify(fields[name]), isError: false };
    }
  }
  return { output: typeof response === "string" ? response : JSON.stringify(response), isError: false };
}

function contentMessages(content: WireContent, ordinals: { calls: Map<string, number>; responses: Map<string, number> }): PolicyMessage[] {
  const messages: PolicyMessage[] = [];
  const texts: string[] = [];
  const flushText = () => {
    if (texts.length === 0) return;
    messages.push({ role: content.role === "model" ? "assistant" : "user", text: texts.join("\n") });
    texts.length = 0;
  };
  for (const part of content.parts) {
    if (part.thought) continue;
    if (part.functionCall) {
      flushText();
      const name = part.functionCall.name ?? "";
      const ordinal = ordinals.calls.get(name) ?? 0;
      ordinals.calls.set(name, ordinal + 1);
      messages.push({ role: "tool-call", id: functionCallId(name, ordinal), name, arguments: part.functionCall.args ?? {} });
      continue;
    }
    if (part.functionResponse) {
      flushText();
      const name = part.functionResponse.name ?? "";
      const ordinal = ordinals.responses.get(name) ?? 0;
      ordinals.responses.set(name, ordinal + 1);
      const { output, isError } = responseOutput(part.functionResponse.response);
      messages.push({ role: "tool-result", id: functionCallId(name, ordinal), output, ...(isError ? { isError } : {}) });
      continue;
    }
    const text = part.text ?? mediaText(part);
    if (text !== undefined) texts.push(text);
  }
  flushText();
  return messages;
}

export function toPolicyRequest(request: GenerateRequest, model: string, stream: boolean, index: number): PolicyRequest {
  const ordinals = { calls: new Map<string, number>(), responses: new Map<string, number>() };
  const reasoning = request.thinkingLevel ?? (request.thinkingBudget !== undefined ? String(request.thinkingBudget) : undefined);
  return {
    provider: "gemini",
    model,
    system: request.system,
    messages: request.contents.flatMap((content) => contentMessages(content, ordinals)),
    tools: request.toolNames,
    stream,
    ...(reasoning !== undefined ? { reasoning } : {}),
    index,
  };
}
