import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createLlmClient } from "./client.js";
import { LlmError } from "./errors.js";
import type { ContentPart, Request } from "./types.js";

/** A fetch that records each request body and answers with the given provider's minimal reply. */
function recordingFetch(reply: unknown): { fetch: typeof globalThis.fetch; bodies: Record<string, unknown>[] } {
  const bodies: Record<string, unknown>[] = [];
  const fetch = (async (_url: string | URL | globalThis.Request, init?: RequestInit) => {
    bodies.push(JSON.parse(String(init?.body ?? "{}")) as Record<string, unknown>);
    return new globalThis.Response(JSON.stringify(reply), { status: 200, headers: { "content-type": "application/json" } });
  }) as typeof globalThis.fetch;
  return { fetch, bodies };
}

const ENV = { OPENAI_API_KEY: "sk-test", ANTHROPIC_API_KEY: "ak-test", GEMINI_API_KEY: "gk-test", LOCAL_BASE_URL: "http://local.test/v1" };
const PDF = new Uint8Array([0x25, 0x50, 0x44, 0x46]); // "%PDF"
const PDF_B64 = "JVBERg==";
const WAV_B64 = "UklGRg=="; // "RIFF"

const REPLIES = {
  openai: { id: "resp_1", created_at: 1, model: "gpt-5", output: [{ type: "message", id: "m1", role: "assistant", content: [{ type: "output_text", text: "ok", annotations: [] }] }], usage: { input_tokens: 1, output_tokens: 1 } },
  anthropic: { id: "msg_1", type: "message", role: "assistant", model: "claude-sonnet-4-5", content: [{ type: "text", text: "ok" }], stop_reason: "end_turn", usage: { input_tokens: 1, output_tokens: 1 } },
  google: { candidates: [{ content: { role: "model", parts: [{ text: "ok" }] }, finishReason: "STOP" }], usageMetadata: { promptTokenCount: 1, candidatesTokenCount: 1 } },
  local: { id: "c1", created: 1, model: "llama", choices: [{ index: 0, message: { role: "assistant", content: "ok" }, finish_reason: "stop" }], usage: { prompt_tokens: 1, completion_tokens: 1 } },
};

async function send(model: string, reply: unknown, parts: ContentPart[]): Promise<Record<string, unknown>> {
  const { fetch, bodies } = recordingFetch(reply);
  const client = createLlmClient({ env: ENV, fetch, retry: { maxRetries: 0 } });
  const request: Request = { model, messages: [{ role: "user", content: [{ kind: "text", text: "Summarize." }, ...parts] }], providerOptions: { anthropic: { autoCache: false } } };
  await client.complete(request);
  return bodies[0]!;
}

async function refusal(model: string, parts: ContentPart[]): Promise<{ error: unknown; sent: number }> {
  const { fetch, bodies } = recordingFetch({});
  const client = createLlmClient({ env: ENV, fetch });
  const error = await client.complete({ model, messages: [{ role: "user", content: parts }] }).catch((failure: unknown) => failure);
  return { error, sent: bodies.length };
}

describe("audio and document parts on the wire", () => {
  it("OpenAI Responses: an inline PDF as input_file with its file name, a PDF URL as file_url", async () => {
    const body = await send("openai:gpt-5", REPLIES.openai, [
      { kind: "document", data: PDF, mediaType: "application/pdf", fileName: "report.pdf" },
      { kind: "document", url: "https://example.com/spec.pdf" },
    ]);
    expect(body["input"]).toEqual([
      {
        role: "user",
        content: [
          { type: "input_text", text: "Summarize." },
          { type: "input_file", filename: "report.pdf", file_data: `data:application/pdf;base64,${PDF_B64}` },
          { type: "input_file", file_url: "https://example.com/spec.pdf" },
        ],
      },
    ]);
  });

  it("Anthropic Messages: PDF documents (base64 with title, URL) and inline text/plain", async () => {
    const body = await send("anthropic:claude-sonnet-4-5", REPLIES.anthropic, [
      { kind: "document", data: PDF_B64, fileName: "report.pdf" },
      { kind: "document", url: "https://example.com/spec.pdf" },
      { kind: "document", data: new TextEncoder().encode("plain notes"), mediaType: "text/plain" },
    ]);
    expect(body["messages"]).toEqual([
      {
        role: "user",
        content: [
          { type: "text", text: "Summarize." },
          { type: "document", source: { type: "base64", media_type: "application/pdf", data: PDF_B64 }, title: "report.pdf" },
          { type: "document", source: { type: "url", url: "https://example.com/spec.pdf" } },
          { type: "document", source: { type: "text", media_type: "text/plain", data: "plain notes" } },
        ],
      },
    ]);
  });

  it("Gemini: audio and documents as inlineData (bytes, base64, local file) or fileData (URL)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "llm-media-"));
    writeFileSync(join(dir, "memo.wav"), Buffer.from(WAV_B64, "base64"));
    const body = await send("google:gemini-2.5-flash", REPLIES.google, [
      { kind: "audio", data: WAV_B64, mediaType: "audio/wav" },
      { kind: "audio", url: join(dir, "memo.wav") },
      { kind: "audio", url: "https://example.com/talk.mp3" },
      { kind: "document", data: PDF },
    ]);
    expect(body["contents"]).toEqual([
      {
        role: "user",
        parts: [
          { text: "Summarize." },
          { inlineData: { mimeType: "audio/wav", data: WAV_B64 } },
          { inlineData: { mimeType: "audio/wav", data: WAV_B64 } },
          { fileData: { mimeType: "audio/mpeg", fileUri: "https://example.com/talk.mp3" } },
          { inlineData: { mimeType: "application/pdf", data: PDF_B64 } },
        ],
      },
    ]);
  });

  it("OpenAI-compatible Chat Completions: inline audio as input_audio and a PDF as a file", async () => {
    const body = await send("openai-compatible:local/llama", REPLIES.local, [
      { kind: "audio", data: WAV_B64, mediaType: "audio/wav" },
      { kind: "document", data: PDF, fileName: "report.pdf" },
    ]);
    expect(body["messages"]).toEqual([
      {
        role: "user",
        content: [
          { type: "text", text: "Summarize." },
          { type: "input_audio", input_audio: { data: WAV_B64, format: "wav" } },
          { type: "file", file: { filename: "report.pdf", file_data: `data:application/pdf;base64,${PDF_B64}` } },
        ],
      },
    ]);
  });
});

describe("audio and document parts a provider cannot take", () => {
  it.each([
    ["anthropic:claude-sonnet-4-5", { kind: "audio", data: WAV_B64, mediaType: "audio/wav" }, /anthropic cannot take this audio \(audio\/wav\) part .*no audio input/],
    ["openai:gpt-5", { kind: "audio", url: "https://example.com/a.mp3" }, /openai cannot take this audio \(audio\/mpeg\) part .*no audio input/],
    ["openai:gpt-5", { kind: "document", data: "aGk=", mediaType: "text/csv" }, /openai cannot take this document \(text\/csv\) part/],
    ["anthropic:claude-sonnet-4-5", { kind: "document", url: "https://example.com/page.html" }, /anthropic cannot take this document \(text\/html\) part/],
    ["openai-compatible:local/llama", { kind: "audio", url: "https://example.com/a.wav" }, /openai-compatible cannot take this audio \(audio\/wav\) part .*inline only/],
  ] satisfies [string, ContentPart, RegExp][])("%s refuses %j before sending", async (model, part, message) => {
    const { error, sent } = await refusal(model, [part]);
    expect(error).toBeInstanceOf(LlmError);
    expect(error).toMatchObject({ kind: "invalid_request", retryable: false });
    expect((error as Error).message).toMatch(message);
    expect(sent).toBe(0);
  });

  it("refuses audio of unknown type and parts with both or neither of url and data", async () => {
    expect((await refusal("google:gemini-2.5-flash", [{ kind: "audio", data: WAV_B64 }])).error).toMatchObject({ message: expect.stringMatching(/media type is unknown: set mediaType/) });
    expect((await refusal("google:gemini-2.5-flash", [{ kind: "document", data: PDF, url: "https://example.com/a.pdf" }])).error).toMatchObject({ message: expect.stringMatching(/exactly one of url or data/) });
    expect((await refusal("google:gemini-2.5-flash", [{ kind: "document", url: "not a url.pdf" }])).error).toMatchObject({ message: expect.stringMatching(/neither a URL nor a local path/) });
  });
});
