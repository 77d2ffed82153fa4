/**
 * The content arguments of a message (`text`, `blocks`, `attachments`, `metadata`,
 * `markdown_text`), validated as Slack does and stored as given: Block Kit passes through,
 * checked only for being a JSON array of objects that each have a string `type`.
 */
import { type Args, INVALID_JSON } from "./args.js";
import { type SlackFailure, fail } from "./responses.js";

export const MAX_TEXT = 40_000;
export const MAX_BLOCKS = 50;
export const MAX_ATTACHMENTS = 100;

export interface MessageContent {
  text?: string;
  blocks?: unknown[];
  attachments?: unknown[];
  metadata?: unknown;
}

export function readBlocks(args: Args, name = "blocks"): unknown[] | undefined | SlackFailure {
  if (!args.has(name)) return undefined;
  const blocks = args.json(name);
  if (blocks === INVALID_JSON || !Array.isArray(blocks)) return fail("invalid_blocks_format");
  if (blocks.length > MAX_BLOCKS) return fail("invalid_blocks");
  if (!blocks.every((block) => typeof block === "object" && block !== null && !Array.isArray(block) && typeof (block as { type?: unknown }).type === "string")) return fail("invalid_blocks");
  return blocks;
}

/** Reads and checks a message's content; `required` makes a message with no content `no_text`. */
export function readContent(args: Args, { required = true } = {}): MessageContent | SlackFailure {
  const blocks = readBlocks(args);
  if (blocks !== undefined && !Array.isArray(blocks)) return blocks;
  let attachments: unknown[] | undefined;
  if (args.has("attachments")) {
    const parsed = args.json("attachments");
    if (parsed === INVALID_JSON || !Array.isArray(parsed)) return fail("invalid_attachments");
    if (parsed.length > MAX_ATTACHMENTS) return fail("too_many_attachments");
    attachments = parsed.map((attachment, index) => (typeof attachment === "object" && attachment !== null ? { id: index + 1, ...attachment } : attachment));
  }
  let metadata: unknown;
  if (args.has("metadata")) {
    metadata = args.json("metadata");
    const shape = metadata as { event_type?: unknown; event_payload?: unknown } | null;
    if (metadata === INVALID_JSON || typeof shape !== "object" || shape === null || typeof shape.event_type !== "string" || typeof shape.event_payload !== "object") return fail("invalid_metadata_format");
  }
  const markdown = args.string("markdown_text");
  let text = args.string("text");
  if (markdown !== undefined) {
    if (text !== undefined || blocks !== undefined) return fail("markdown_text_conflict");
    text = markdown;
  }
  if (required && text === undefined && blocks === undefined && attachments === undefined) return fail("no_text");
  if (text !== undefined && text.length > MAX_TEXT) return fail("msg_too_long");
  return { ...(text !== undefined ? { text } : {}), ...(blocks ? { blocks } : {}), ...(attachments ? { attachments } : {}), ...(metadata !== undefined ? { metadata } : {}) };
}
