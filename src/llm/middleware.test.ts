import { describe, expect, it } from "vitest";
import { createScriptedLlm } from "../testing/scripted-llm.js";
import { withMiddleware, type LlmMiddleware } from "./middleware.js";
import { responseText, userMessage, type Request, type StreamEvent } from "./types.js";

const request: Request = { model: "scripted:model", messages: [userMessage("hi")] };

function tracing(name: string, log: string[]): LlmMiddleware {
  return {
    async complete(req, options, next) {
      log.push(`${name} request`);
      const response = await next({ ...req, metadata: { ...req.metadata, [name]: "seen" } }, options);
      log.push(`${name} response`);
      return response;
    },
    async *stream(req, options, next) {
      log.push(`${name} stream request`);
      for await (const event of next(req, options)) yield event;
      log.push(`${name} stream end`);
    },
  };
}

describe("withMiddleware", () => {
  it("runs requests in registration order and responses in reverse, for complete and stream", async () => {
    const llm = createScriptedLlm([{ text: "one" }, { text: "two" }]);
    const log: string[] = [];
    const client = withMiddleware(llm, [tracing("outer", log), tracing("inner", log)]);
    await client.complete(request);
    expect(log).toEqual(["outer request", "inner request", "inner response", "outer response"]);
    expect(llm.requests[0]!.metadata).toEqual({ outer: "seen", inner: "seen" });
    log.length = 0;
    for await (const _event of client.stream(request)) void _event;
    expect(log).toEqual(["outer stream request", "inner stream request", "inner stream end", "outer stream end"]);
  });

  it("lets a middleware change the response, rewrite stream events, or answer without calling the provider", async () => {
    const llm = createScriptedLlm([{ text: "secret-123" }, { text: "secret-456" }]);
    const redact: LlmMiddleware = {
      async complete(req, options, next) {
        const response = await next(req, options);
        return { ...response, message: { role: "assistant", content: [{ kind: "text", text: responseText(response).replace(/\d+/g, "***") }] } };
      },
      async *stream(req, options, next) {
        for await (const event of next(req, options)) yield event.type === "text-delta" ? { ...event, delta: event.delta.replace(/\d/g, "*") } : event;
      },
    };
    const client = withMiddleware(llm, [redact]);
    expect(responseText(await client.complete(request))).toBe("secret-***");
    const deltas: string[] = [];
    for await (const event of client.stream(request) as AsyncIterable<StreamEvent>) if (event.type === "text-delta") deltas.push(event.delta);
    expect(deltas.join("")).not.toMatch(/\d/);

    const cached = new Map<string, Awaited<ReturnType<typeof client.complete>>>();
    const cache: LlmMiddleware = {
      async complete(req, options, next) {
        const key = JSON.stringify(req.messages);
        const hit = cached.get(key);
        if (hit) return hit;
        const response = await next(req, options);
        cached.set(key, response);
        return response;
      },
    };
    const counting = createScriptedLlm([{ text: "computed" }]);
    const cachedClient = withMiddleware(counting, [cache]);
    await cachedClient.complete(request);
    expect(responseText(await cachedClient.complete(request))).toBe("computed");
    expect(counting.requests).toHaveLength(1);
  });
});
