/**
 * Our Request -> the AI SDK's provider call options (LanguageModelV3CallOptions): the prompt,
 * passive tool definitions, tool choice, response format, reasoning effort in each provider's
 * own terms, and Anthropic prompt-cache breakpoints. The provider packages then write the wire.
 */
import { extname } from "node:path";
import type { JSONValue, LanguageModelV3CallOptions, LanguageModelV3Message, LanguageModelV3Prompt, SharedV3ProviderOptions } from "@ai-sdk/provider";
import { isLocalPath, mediaFilePart, readLocalFile } from "./media-parts.js";
import type { RoutedModelRef } from "./models.js";
import type { ContentPart, Message, ReasoningEffort, Request } from "./types.js";

/** The AI SDK's providerOptions key for each of our providers. */
export function providerOptionsKey(ref: RoutedModelRef): string {
  if (ref.provider === "openai-compatible") return ref.endpoint ?? "openaiCompatible";
  if (ref.provider === "custom") return ref.endpoint;
  return ref.provider;
}

const ANTHROPIC_THINKING_BUDGET: Record<ReasoningEffort, number> = { low: 1024, medium: 4096, high: 16_384 };
const GEMINI_THINKING_BUDGET: Record<ReasoningEffort, number> = { low: 1024, medium: 8192, high: 24_576 };
const EPHEMERAL = { anthropic: { cacheControl: { type: "ephemeral" } } };

function textOf(message: Message): string {
  return message.content.map((part) => (part.kind === "text" ? part.text : "")).join("");
}

/** Provider data for the model's own provider only: signatures are invalid elsewhere (spec 3.5). */
function ownData(ref: RoutedModelRef, data: Record<string, Record<string, unknown>> | undefined): SharedV3ProviderOptions | undefined {
  if (!data || ref.provider !== "google" || !data["google"]) return undefined;
  return { google: data["google"] as Record<string, JSONValue> };
}

function toolNamesById(messages: Message[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const message of messages) for (const part of message.content) if (part.kind === "tool_call") names.set(part.id, part.name);
  return names;
}

type AssistantPart = Extract<LanguageModelV3Message, { role: "assistant" }>["content"][number];
type UserPart = Extract<LanguageModelV3Message, { role: "user" }>["content"][number];

const IMAGE_TYPES: Record<string, string> = { ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp", ".heic": "image/heic", ".heif": "image/heif" };

/** Spec 3.5: a url that is a local path (/, ./, ~) is read and sent inline, its type from the extension. */
function localImage(url: string, mediaType: string | undefined): { data: Uint8Array; mediaType: string } | undefined {
  if (!isLocalPath(url)) return undefined;
  return { data: readLocalFile(url), mediaType: mediaType ?? IMAGE_TYPES[extname(url).toLowerCase()] ?? "image/png" };
}

function userPart(part: ContentPart, ref: RoutedModelRef): UserPart | undefined {
  if (part.kind === "text") return { type: "text", text: part.text };
  if (part.kind === "audio" || part.kind === "document") return mediaFilePart(part, ref);
  if (part.kind === "image") {
    if (part.data !== undefined) return { type: "file", mediaType: part.mediaType ?? "image/png", data: part.data };
    if (part.url === undefined) return undefined;
    const local = localImage(part.url, part.mediaType);
    if (local) return { type: "file", ...local };
    return { type: "file", mediaType: part.mediaType ?? "image/*", data: new URL(part.url) };
  }
  return undefined;
}

function assistantPart(part: ContentPart, ref: RoutedModelRef): AssistantPart | undefined {
  switch (part.kind) {
    case "text":
      return { type: "text", text: part.text };
    case "tool_call": {
      const providerOptions = ownData(ref, part.providerData);
      return { type: "tool-call", toolCallId: part.id, toolName: part.name, input: part.arguments, ...(providerOptions ? { providerOptions } : {}) };
    }
    case "thinking": {
      // Anthropic (signed blocks), Gemini (thought signatures) and OpenAI (reasoning items by id,
      // with their encrypted content) take reasoning back; unsigned reasoning text is not sent.
      if (ref.provider === "anthropic" && part.signature !== undefined) return { type: "reasoning", text: part.text, providerOptions: { anthropic: { signature: part.signature } } };
      const openai = part.providerData?.["openai"];
      if (ref.provider === "openai" && typeof openai?.["itemId"] === "string") return { type: "reasoning", text: part.text, providerOptions: { openai: openai as Record<string, JSONValue> } };
      const providerOptions = ownData(ref, part.providerData);
      if (ref.provider === "google" && providerOptions) return { type: "reasoning", text: part.text, providerOptions };
      return undefined;
    }
    case "redacted_thinking":
      return ref.provider === "anthropic" ? { type: "reasoning", text: "", providerOptions: { anthropic: { redactedData: part.data } } } : undefined;
    default:
      return undefined;
  }
}

/** The conversation as an AI SDK prompt: system and developer text merged into one leading system message. */
export function toPrompt(messages: Message[], ref: RoutedModelRef): LanguageModelV3Prompt {
  const system = messages.filter((message) => message.role === "system" || message.role === "developer").map(textOf).filter((text) => text !== "");
  const names = toolNamesById(messages);
  const prompt: LanguageModelV3Prompt = [];
  if (system.length > 0) prompt.push({ role: "system", content: system.join("\n\n") });
  for (const message of messages) {
    if (message.role === "user") {
      const content = message.content.flatMap((part) => userPart(part, ref) ?? []);
      if (content.length > 0) prompt.push({ role: "user", content });
    } else if (message.role === "assistant") {
      const content = message.content.flatMap((part) => assistantPart(part, ref) ?? []);
      if (content.length > 0) prompt.push({ role: "assistant", content });
    } else if (message.role === "tool") {
      const content = message.content.flatMap((part) =>
        part.kind === "tool_result"
          ? [
              {
                type: "tool-result" as const,
                toolCallId: part.toolCallId,
                toolName: names.get(part.toolCallId) ?? message.name ?? "unknown_tool",
                output: part.isError ? { type: "error-text" as const, value: part.content } : { type: "text" as const, value: part.content },
              },
            ]
          : [],
      );
      // Consecutive tool messages become one: Gemini wants all results of a turn in one message.
      const previous = prompt[prompt.length - 1];
      if (previous?.role === "tool") previous.content.push(...content);
      else if (content.length > 0) prompt.push({ role: "tool", content });
    }
  }
  return prompt;
}

/**
 * Anthropic caches only what is marked (spec 2.10): breakpoints on the tool definitions, the
 * system prompt and the last message, so each turn reads the whole previous conversation from the cache.
 */
function markCacheBreakpoints(prompt: LanguageModelV3Prompt): void {
  const first = prompt[0];
  if (first?.role === "system") first.providerOptions = EPHEMERAL;
  const last = prompt[prompt.length - 1];
  if (last && last.role !== "system" && last.content.length > 0) {
    const lastPart = last.content[last.content.length - 1]!;
    if (lastPart.type !== "reasoning") last.providerOptions = EPHEMERAL;
  }
}

function reasoningOptions(ref: RoutedModelRef, effort: ReasoningEffort | undefined): SharedV3ProviderOptions {
  if (effort === undefined) return {};
  switch (ref.provider) {
    case "openai":
      return { openai: { reasoningEffort: effort, reasoningSummary: "auto" } };
    case "anthropic":
      return { anthropic: { thinking: { type: "enabled", budgetTokens: ANTHROPIC_THINKING_BUDGET[effort] } } };
    case "google":
      return ref.model.startsWith("gemini-3")
        ? { google: { thinkingConfig: { thinkingLevel: effort, includeThoughts: true } } }
        : { google: { thinkingConfig: { thinkingBudget: GEMINI_THINKING_BUDGET[effort], includeThoughts: true } } };
    case "openai-compatible":
    case "custom":
      return { [providerOptionsKey(ref)]: { reasoningEffort: effort } };
  }
}

/** Our own Anthropic options, read here and not passed on to the SDK. */
const OWN_ANTHROPIC_OPTIONS = ["autoCache", "betaHeaders"];

/** Ours first, the caller's providerOptions (the escape hatch) merged over them, for this provider only. */
function mergeOptions(base: SharedV3ProviderOptions, extra: Request["providerOptions"], ref: RoutedModelRef): SharedV3ProviderOptions {
  const merged: SharedV3ProviderOptions = { ...base };
  for (const [key, value] of Object.entries(extra ?? {})) {
    const target = key === "gemini" ? "google" : key;
    merged[target] = { ...(merged[target] ?? {}), ...(value as Record<string, JSONValue>) };
  }
  const own = providerOptionsKey(ref);
  const anthropic = merged["anthropic"];
  if (anthropic) merged["anthropic"] = Object.fromEntries(Object.entries(anthropic).filter(([key]) => !OWN_ANTHROPIC_OPTIONS.includes(key)));
  return Object.fromEntries(Object.entries(merged).filter(([key]) => key === own && Object.keys(merged[key] ?? {}).length > 0));
}

/** `providerOptions.anthropic.betaHeaders: ["interleaved-thinking-2025-05-14"]` -> the anthropic-beta header. */
function betaHeaders(request: Request, ref: RoutedModelRef): Record<string, string> | undefined {
  const betas = request.providerOptions?.["anthropic"]?.["betaHeaders"];
  if (ref.provider !== "anthropic" || !Array.isArray(betas) || betas.length === 0) return undefined;
  return { "anthropic-beta": betas.map(String).join(",") };
}

/** The whole call, without the abort signal (the client adds it). */
export function toCallOptions(request: Request, ref: RoutedModelRef): LanguageModelV3CallOptions {
  const choice = request.toolChoice;
  const omitTools = ref.provider === "anthropic" && choice?.mode === "none";
  const tools = omitTools
    ? undefined
    : request.tools?.map((tool) => ({ type: "function" as const, name: tool.name, description: tool.description, inputSchema: tool.parameters as never }));
  const providerOptions = mergeOptions(reasoningOptions(ref, request.reasoningEffort), request.providerOptions, ref);
  const format = request.responseFormat;
  const prompt = toPrompt(request.messages, ref);
  // Anthropic caches only what is marked; `providerOptions.anthropic.autoCache: false` turns our marks off.
  if (ref.provider === "anthropic" && request.providerOptions?.["anthropic"]?.["autoCache"] !== false) {
    markCacheBreakpoints(prompt);
    const lastTool = tools?.[tools.length - 1];
    if (lastTool) Object.assign(lastTool, { providerOptions: EPHEMERAL });
  }
  const headers = betaHeaders(request, ref);
  return {
    prompt,
    ...(headers ? { headers } : {}),
    ...(request.maxTokens !== undefined ? { maxOutputTokens: request.maxTokens } : {}),
    ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
    ...(request.topP !== undefined ? { topP: request.topP } : {}),
    ...(request.stopSequences !== undefined ? { stopSequences: request.stopSequences } : {}),
    ...(tools && tools.length > 0 ? { tools } : {}),
    ...(tools && tools.length > 0 && choice
      ? { toolChoice: choice.mode === "named" ? { type: "tool" as const, toolName: choice.toolName } : { type: choice.mode } }
      : {}),
    ...(format && format.type !== "text"
      ? { responseFormat: format.type === "json" ? { type: "json" as const } : { type: "json" as const, schema: format.jsonSchema as never, ...(format.name ? { name: format.name } : {}) } }
      : {}),
    ...(Object.keys(providerOptions).length > 0 ? { providerOptions } : {}),
  };
}
