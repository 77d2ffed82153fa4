/**
 * The wire request as the scripted policy sees it (`PolicyRequest`): the system blocks joined,
 * each message's text blocks joined, tool_use and tool_result blocks as their own messages (in
 * block order), images as `[image]`, thinking from earlier turns left out.
 */
import type { PolicyMessage, PolicyRequest } from "../llm-policy/index.js";
import type { ContentBlock, MessagesRequest, WireMessage } from "./request.js";

function resultText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return (content as ContentBlock[]).map((block) => (block.type === "text" ? String(block["text"]) : `[${block.type}]`)).join("\n");
}

function messageToPolicy(message: WireMessage): PolicyMessage[] {
  const messages: PolicyMessage[] = [];
  const texts: string[] = [];
  const flush = () => {
    if (texts.length > 0) messages.push({ role: message.role, text: texts.join("\n") });
    texts.length = 0;
  };
  for (const block of message.content) {
    if (block.type === "text") texts.push(String(block["text"]));
    else if (block.type === "image" || block.type === "document") texts.push(`[${block.type}]`);
    else if (block.type === "tool_use") {
      flush();
      messages.push({ role: "tool-call", id: String(block["id"]), name: String(block["name"]), arguments: block["input"] });
    } else if (block.type === "tool_result") {
      flush();
      messages.push({ role: "tool-result", id: String(block["tool_use_id"]), output: resultText(block["content"]), ...(block["is_error"] === true ? { isError: true } : {}) });
    }
  }
  flush();
  return messages;
}

export function toPolicyRequest(request: MessagesRequest, index: number): PolicyRequest {
  const reasoning = request.thinking ? (request.thinking.budgetTokens !== undefined ? String(request.thinking.budgetTokens) : "adaptive") : undefined;
  return {
    provider: "anthropic",
    model: request.modelName,
    system: request.system.map((block) => String(block["text"])).join("\n"),
    messages: request.messages.flatMap(messageToPolicy),
    tools: request.tools.map((tool) => tool.name),
    stream: request.stream,
    ...(reasoning !== undefined ? { reasoning } : {}),
    index,
  };
}
