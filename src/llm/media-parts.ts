/**
 * Audio and document content parts (spec 3.5 AudioData, DocumentData) as AI SDK `file` parts,
 * and what each provider's native API takes. The provider packages silently pass some kinds
 * through and throw deep in their converters for others; we decide up front, so a request a
 * provider cannot take fails before anything is sent, with an error naming the provider and kind
 * (spec 8.3: "gracefully rejected", never dropped).
 */
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { extname, join } from "node:path";
import type { LanguageModelV3FilePart } from "@ai-sdk/provider";
import { LlmError } from "./errors.js";
import type { RoutedModelRef } from "./models.js";
import type { AudioPart, DocumentPart } from "./types.js";

const MEDIA_TYPES: Record<string, string> = {
  ".wav": "audio/wav",
  ".mp3": "audio/mpeg",
  ".m4a": "audio/mp4",
  ".ogg": "audio/ogg",
  ".flac": "audio/flac",
  ".webm": "audio/webm",
  ".aac": "audio/aac",
  ".pdf": "application/pdf",
  ".txt": "text/plain",
  ".md": "text/markdown",
  ".html": "text/html",
  ".csv": "text/csv",
};

/** The media type for a file name or URL path, from its extension. */
function mediaTypeOf(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const path = /^[a-z][a-z0-9+.-]*:/i.test(name) && !name.startsWith("data:") ? safePathname(name) : name;
  return MEDIA_TYPES[extname(path).toLowerCase()];
}

function safePathname(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

/** Spec 3.5: a url that is a local path (/, ./, ../, ~/) is read and sent inline. */
export function isLocalPath(url: string): boolean {
  return /^(\/|\.\.?\/|~\/)/.test(url);
}

export function readLocalFile(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path.startsWith("~/") ? join(homedir(), path.slice(2)) : path));
}

/** What the provider's native API takes; a sentence saying why not, or undefined when it is fine. */
function refusal(ref: RoutedModelRef, kind: "audio" | "document", mediaType: string, byUrl: boolean): string | undefined {
  const isPdf = mediaType === "application/pdf";
  switch (ref.provider) {
    case "google":
      return undefined; // Gemini takes audio and documents, inline or by URI.
    case "custom":
      return undefined; // The program's own adapter decides (and throws its own error).
    case "openai":
      if (kind === "audio") return "the Responses API takes no audio input";
      return byUrl || isPdf ? undefined : "the Responses API takes inline documents only as application/pdf";
    case "anthropic":
      if (kind === "audio") return "the Messages API takes no audio input";
      if (isPdf) return undefined;
      return mediaType === "text/plain" && !byUrl ? undefined : "the Messages API takes documents as application/pdf (inline or URL) or inline text/plain";
    case "openai-compatible":
      if (byUrl) return `Chat Completions takes ${kind} parts inline only, not by URL`;
      if (kind === "audio") return ["audio/wav", "audio/mp3", "audio/mpeg"].includes(mediaType) ? undefined : "Chat Completions takes audio as audio/wav or audio/mpeg";
      return isPdf || mediaType.startsWith("text/") ? undefined : "Chat Completions takes documents as application/pdf or text/*";
  }
}

function parseUrl(url: string, ref: RoutedModelRef, kind: string): URL {
  try {
    return new URL(url);
  } catch {
    throw refuse(ref, kind, `"${url}" is neither a URL nor a local path (/, ./, ../, ~/)`);
  }
}

function refuse(ref: RoutedModelRef, kind: string, message: string): LlmError {
  const provider = ref.provider === "custom" ? ref.endpoint : ref.provider;
  return new LlmError(`${provider} cannot take this ${kind} part (model "${ref.id}"): ${message}`, { kind: "invalid_request", provider, retryable: false });
}

/** An audio or document part as an AI SDK file part, or an invalid_request LlmError before sending. */
export function mediaFilePart(part: AudioPart | DocumentPart, ref: RoutedModelRef): LanguageModelV3FilePart {
  const fileName = part.kind === "document" ? part.fileName : undefined;
  if ((part.url === undefined) === (part.data === undefined)) throw refuse(ref, part.kind, "give exactly one of url or data");
  const local = part.url !== undefined && isLocalPath(part.url);
  const mediaType = part.mediaType ?? mediaTypeOf(part.url) ?? mediaTypeOf(fileName) ?? (part.kind === "document" ? "application/pdf" : undefined);
  if (mediaType === undefined) throw refuse(ref, part.kind, "its media type is unknown: set mediaType (e.g. audio/wav)");
  const byUrl = part.url !== undefined && !local;
  const why = refusal(ref, part.kind, mediaType, byUrl);
  if (why !== undefined) throw refuse(ref, `${part.kind} (${mediaType})`, why);
  const data = part.data ?? (local ? readLocalFile(part.url!) : parseUrl(part.url!, ref, part.kind));
  return { type: "file", mediaType, data, ...(fileName !== undefined ? { filename: fileName } : {}) };
}
