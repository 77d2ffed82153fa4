import { describe, expect, test } from "vitest";
import { bufferedRequest, bufferedResponse, bufferedText } from "./buffered-body.js";

const encode = (text: string) => new TextEncoder().encode(text);
const request = (text: string, type = "application/json") => bufferedRequest("http://h/x", "POST", { "content-type": type }, encode(text));
const response = (text: string) => bufferedResponse(text, { status: 201, headers: { "content-type": "application/json" } });

describe.each([
  ["bufferedRequest", request],
  ["bufferedResponse", response],
])("%s", (_name, make) => {
  test("each body reader reads the body, once", async () => {
    expect(await make('{"a":1}').json()).toEqual({ a: 1 });
    expect(await make("héllo").text()).toBe("héllo");
    expect(new Uint8Array(await make("abc").arrayBuffer())).toEqual(encode("abc"));
    expect(await (await make("abc").blob()).text()).toBe("abc");
    const message = make("x");
    expect(message.bodyUsed).toBe(false);
    await message.text();
    expect(message.bodyUsed).toBe(true);
    await expect(message.text()).rejects.toThrow("Body is unusable");
    expect(() => message.clone()).toThrow("Body is unusable");
  });

  test("the body stream is read only when read, and a clone reads the same body", async () => {
    const message = make("streamed");
    expect(await message.clone().text()).toBe("streamed");
    expect(message.body).not.toBeNull();
    expect(message.bodyUsed).toBe(false);
    expect(bufferedText(message)).toBe("streamed");
    expect(await new Response(message.body).text()).toBe("streamed");
    expect(message.bodyUsed).toBe(true);
  });
});

describe("buffered messages", () => {
  test("are real Requests and Responses", () => {
    const asked = request("{}");
    expect(asked).toBeInstanceOf(Request);
    expect([asked.method, asked.url, asked.headers.get("content-type")]).toEqual(["POST", "http://h/x", "application/json"]);
    const answer = response("{}");
    expect(answer).toBeInstanceOf(Response);
    expect([answer.status, answer.ok, answer.headers.get("content-type")]).toEqual([201, true, "application/json"]);
  });

  test("multipart formData, and bufferedText of other messages", async () => {
    const form = new FormData();
    form.append("channel", "C1");
    form.append("file", new Blob(["bytes"]), "f.txt");
    const encoded = new Response(form);
    const type = encoded.headers.get("content-type")!;
    const upload = bufferedRequest("http://h/upload", "POST", { "content-type": type }, new Uint8Array(await encoded.arrayBuffer()));
    expect((await upload.clone().formData()).get("channel")).toBe("C1");
    const file = (await upload.formData()).get("file") as File;
    expect(await file.text()).toBe("bytes");
    expect(bufferedText(new Request("http://h/", { method: "POST", body: "x" }))).toBeUndefined();
    expect(bufferedText(new Response("x"))).toBeUndefined();
  });
});
