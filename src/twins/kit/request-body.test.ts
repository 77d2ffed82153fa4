import { describe, expect, test } from "vitest";
import { jsonResponse, peekJson, readBody } from "./request-body.js";

const post = (body: NonNullable<RequestInit["body"]>, type?: string) => new Request("http://h/x", { method: "POST", body, ...(type ? { headers: { "content-type": type } } : {}) });

describe("readBody", () => {
  test("JSON, form-encoded, multipart, text, empty, and GET", async () => {
    expect(await readBody(post('{"a":1}', "application/json"))).toEqual({ parsed: { a: 1 }, raw: '{"a":1}' });
    expect(await readBody(post("a=1&b=two", "application/x-www-form-urlencoded"))).toEqual({ parsed: { a: "1", b: "two" }, raw: "a=1&b=two" });
    const form = new FormData();
    form.append("channel", "C1");
    form.append("file", new Blob(["hello"], { type: "text/plain" }), "hello.txt");
    expect((await readBody(post(form))).parsed).toEqual({ channel: "C1", file: { filename: "hello.txt", size: 5, type: "text/plain" } });
    expect(await readBody(post("plain words", "text/plain"))).toEqual({ parsed: "plain words", raw: "plain words" });
    expect(await readBody(post(""))).toEqual({ parsed: undefined, raw: "" });
    expect(await readBody(new Request("http://h/x"))).toEqual({ parsed: undefined, raw: "" });
  });

  test("JSON without a content type is recognised; broken JSON is flagged, not thrown", async () => {
    expect((await readBody(post('[1,2]', "text/plain"))).parsed).toEqual([1, 2]);
    expect(await readBody(post('{"a":', "application/json"))).toEqual({ parsed: undefined, raw: '{"a":', invalidJson: true });
  });

  test("the body can still be read by the handler", async () => {
    const request = post('{"a":1}', "application/json");
    await readBody(request);
    expect(await request.json()).toEqual({ a: 1 });
  });
});

describe("jsonResponse and peekJson", () => {
  test("the log sees the value without parsing; other JSON responses are parsed", async () => {
    const value = { ok: true };
    const response = jsonResponse(value, 201, { "x-extra": "1" });
    expect(response.status).toBe(201);
    expect(response.headers.get("x-extra")).toBe("1");
    expect(await peekJson(response)).toBe(value);
    expect(await response.json()).toEqual(value);
    expect(await peekJson(new Response('{"b":2}', { headers: { "content-type": "application/json" } }))).toEqual({ b: 2 });
    expect(await peekJson(new Response("{broken", { headers: { "content-type": "application/json" } }))).toBeUndefined();
    expect(await peekJson(new Response("text"))).toBeUndefined();
  });
});
