/**
 * The session history as plain, versioned data (`{ "v": 1, "turns": [...] }`), so a host can keep
 * a thread across processes: the factory writes it per thread in the run directory after each
 * stage and gives it back to the next session of the same thread when a run resumes. Everything
 * the next model call needs survives: text, tool calls with their raw arguments, tool results,
 * steering, and the assistant's parts with reasoning signatures and provider data (OpenAI
 * reasoning items, Gemini thought signatures), so a reasoning model keeps its chain.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { z } from "zod";
import { LightsoutError } from "../errors.js";
import type { ContentPart } from "../llm/types.js";
import type { Turn } from "./turns.js";

export const HISTORY_SNAPSHOT_VERSION = 1;

/** JSON-safe: image bytes travel as base64 (`dataBase64`). */
export interface HistorySnapshot {
  readonly v: 1;
  readonly turns: readonly unknown[];
}

const providerData = z.record(z.string(), z.record(z.string(), z.unknown()));
const toolCall = z.object({ id: z.string(), name: z.string(), arguments: z.record(z.string(), z.unknown()), rawArguments: z.string().optional() });
const usage = z.object({
  inputTokens: z.number(),
  outputTokens: z.number(),
  totalTokens: z.number(),
  reasoningTokens: z.number().optional(),
  cacheReadTokens: z.number().optional(),
  cacheWriteTokens: z.number().optional(),
});
const part = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("text"), text: z.string() }),
  z.object({
    kind: z.literal("image"),
    url: z.string().optional(),
    dataBase64: z.string().optional(),
    mediaType: z.string().optional(),
    detail: z.enum(["auto", "low", "high"]).optional(),
  }),
  toolCall.extend({ kind: z.literal("tool_call"), providerData: providerData.optional() }),
  z.object({ kind: z.literal("tool_result"), toolCallId: z.string(), content: z.string(), isError: z.boolean() }),
  z.object({ kind: z.literal("thinking"), text: z.string(), signature: z.string().optional(), providerData: providerData.optional() }),
  z.object({ kind: z.literal("redacted_thinking"), data: z.string() }),
]);
const timestamp = z.number();
const turn = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("user"), content: z.string(), timestamp }),
  z.object({ kind: z.literal("steering"), content: z.string(), timestamp }),
  z.object({ kind: z.literal("system"), content: z.string(), timestamp }),
  z.object({
    kind: z.literal("assistant"),
    content: z.string(),
    toolCalls: z.array(toolCall),
    reasoning: z.string().nullable(),
    usage,
    responseId: z.string().nullable(),
    parts: z.array(part),
    timestamp,
  }),
  z.object({
    kind: z.literal("tool-results"),
    results: z.array(z.object({ toolCallId: z.string(), toolName: z.string(), content: z.string(), isError: z.boolean() })),
    timestamp,
  }),
]);
const snapshot = z.object({ v: z.literal(HISTORY_SNAPSHOT_VERSION), turns: z.array(turn) });

type StoredPart = z.infer<typeof part>;
type StoredTurn = z.infer<typeof turn>;

function storePart(value: ContentPart): StoredPart {
  if (value.kind !== "image" || value.data === undefined) return value as StoredPart;
  const { data, ...rest } = value;
  return { ...rest, dataBase64: Buffer.from(data).toString("base64") };
}

function loadPart(value: StoredPart): ContentPart {
  if (value.kind !== "image") return value as ContentPart;
  const { dataBase64, ...rest } = value;
  return dataBase64 === undefined ? rest : { ...rest, data: new Uint8Array(Buffer.from(dataBase64, "base64")) };
}

/** The history as JSON-safe data; `JSON.stringify` it to a file. Undefined fields become null or are left out. */
export function serializeHistory(history: readonly Turn[]): HistorySnapshot {
  const turns = history.map((entry): StoredTurn => {
    if (entry.kind !== "assistant") return entry.kind === "tool-results" ? { ...entry, results: [...entry.results] } : { ...entry };
    return {
      ...entry,
      toolCalls: [...entry.toolCalls],
      reasoning: entry.reasoning ?? null,
      responseId: entry.responseId ?? null,
      parts: entry.parts.map(storePart),
    };
  });
  // A JSON round trip drops `undefined` fields the way a file would, so the snapshot is what gets stored.
  return JSON.parse(JSON.stringify({ v: HISTORY_SNAPSHOT_VERSION, turns })) as HistorySnapshot;
}

/**
 * A snapshot (parsed JSON) back to turns. Throws LightsoutError INPUT naming the source, the
 * path of the first bad field and what was expected: a snapshot is a file a person may have edited.
 */
export function restoreHistory(value: unknown, source = "history snapshot"): Turn[] {
  if (typeof value === "object" && value !== null && "v" in value && (value as { v: unknown }).v !== HISTORY_SNAPSHOT_VERSION) {
    throw new LightsoutError("INPUT", `${source}: unsupported version v=${JSON.stringify((value as { v: unknown }).v)}; this build reads v=${HISTORY_SNAPSHOT_VERSION}.`);
  }
  const parsed = snapshot.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const at = issue.path.length === 0 ? "the top level" : issue.path.map((key) => (typeof key === "number" ? `[${key}]` : `.${String(key)}`)).join("").replace(/^\./, "");
    throw new LightsoutError("INPUT", `${source}: at ${at}: ${issue.message}.`);
  }
  return parsed.data.turns.map((entry): Turn => {
    if (entry.kind !== "assistant") return entry as Turn;
    const { reasoning, responseId, parts, toolCalls, ...rest } = entry;
    return {
      ...rest,
      toolCalls: toolCalls.map((call) => ({ ...call })),
      reasoning: reasoning ?? undefined,
      responseId: responseId ?? undefined,
      parts: parts.map(loadPart),
    };
  });
}

/** Writes the history's snapshot to `file` (parents created), whole or not at all (a temporary file renamed). */
export function writeHistoryFile(file: string, history: readonly Turn[]): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(serializeHistory(history))}\n`);
  renameSync(temporary, file);
}

/**
 * The turns stored in `file`, or undefined when there is none (a thread not started yet). A file
 * that is not JSON is refused with its line and column; one that is not a snapshot as restoreHistory does.
 */
export function readHistoryFile(file: string): Turn[] | undefined {
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, "utf8");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const before = text.slice(0, firstJsonError(text)).split("\n");
    throw new LightsoutError("INPUT", `${file}:${before.length}:${before[before.length - 1]!.length + 1}: not JSON (${(error as Error).message}); expected a history snapshot { "v": 1, "turns": [...] }.`);
  }
  return restoreHistory(value, file);
}

/**
 * The offset of the first syntax error in text that JSON.parse refused (its messages give no
 * position on every Node version): a recursive-descent walk over the JSON grammar.
 */
function firstJsonError(text: string): number {
  let at = 0;
  const fail = (): never => {
    throw at;
  };
  const space = (): void => {
    while (at < text.length && " \t\n\r".includes(text[at]!)) at += 1;
  };
  const literal = (word: string): void => {
    if (text.startsWith(word, at)) at += word.length;
    else fail();
  };
  const string = (): void => {
    at += 1;
    while (at < text.length && text[at] !== '"') {
      if (text.charCodeAt(at) < 0x20) fail();
      at += text[at] === "\\" ? 2 : 1;
    }
    if (at >= text.length) fail();
    at += 1;
  };
  const value = (): void => {
    space();
    const char = text[at];
    if (char === "{" || char === "[") {
      const close = char === "{" ? "}" : "]";
      at += 1;
      space();
      if (text[at] === close) {
        at += 1;
        return;
      }
      for (;;) {
        if (close === "}") {
          space();
          if (text[at] !== '"') fail();
          string();
          space();
          if (text[at] !== ":") fail();
          at += 1;
        }
        value();
        space();
        if (text[at] === ",") at += 1;
        else if (text[at] === close) return void (at += 1);
        else fail();
      }
    }
    if (char === '"') return string();
    if (char === "t") return literal("true");
    if (char === "f") return literal("false");
    if (char === "n") return literal("null");
    const number = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(at));
    if (number === null) fail();
    at += number![0].length;
  };
  try {
    value();
    space();
    return at;
  } catch (offset) {
    return typeof offset === "number" ? offset : at;
  }
}
