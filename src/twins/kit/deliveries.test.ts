import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, test } from "vitest";
import { deliver } from "./deliveries.js";
import { callToy, createToyTwin } from "./toy-twin.js";

describe("deliveries", () => {
  test("a delivery that arrives is recorded with the receiver's status", async () => {
    const calls: { url: string; init: RequestInit | undefined }[] = [];
    const twin = createToyTwin({ fetch: async (url, init) => (calls.push({ url: String(url), init }), new Response("accepted", { status: 202 })) });
    const delivery = await deliver(twin, twin.tenant(), { url: "http://receiver.test/events", headers: { "x-signature": "v0=abc" }, body: '{"type":"ping"}' });
    expect(delivery).toEqual({ seq: 1, time: twin.tenant().now(), url: "http://receiver.test/events", headers: { "x-signature": "v0=abc" }, body: '{"type":"ping"}', status: 202 });
    expect(twin.tenant().deliveries).toEqual([delivery]);
    expect(calls[0]).toMatchObject({ url: "http://receiver.test/events", init: { method: "POST", body: '{"type":"ping"}', headers: { "x-signature": "v0=abc" } } });
  });

  test("a delivery that fails is recorded with the error, never thrown", async () => {
    const twin = createToyTwin({
      fetch: async () => {
        throw new TypeError("fetch failed");
      },
    });
    const delivery = await deliver(twin, twin.tenant(), { url: "http://nowhere.test/", headers: {}, body: "" });
    expect(delivery.status).toBeUndefined();
    expect(delivery.error).toBe("fetch failed");
    expect(twin.tenant().deliveries).toHaveLength(1);
  });

  test("over real HTTP: an event from a twin reaches a receiver on loopback; a closed port is an error", async () => {
    const bodies: string[] = [];
    const receiver = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString()));
      request.on("end", () => {
        bodies.push(body);
        response.writeHead(200).end("ok");
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const port = (receiver.address() as AddressInfo).port;
    try {
      const twin = createToyTwin();
      twin.tenant().config = { webhookUrl: `http://127.0.0.1:${port}/hook` };
      await callToy(twin, "notes.create", { body: { text: "event" } });
      expect(twin.tenant().deliveries[0]).toMatchObject({ seq: 1, status: 200 });
      expect(JSON.parse(bodies[0]!)).toMatchObject({ type: "note_created", note: { text: "event" } });
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }
    const twin = createToyTwin();
    twin.tenant().config = { webhookUrl: `http://127.0.0.1:${port}/hook` };
    await callToy(twin, "notes.create", { body: { text: "lost" } });
    expect(twin.tenant().deliveries[0]).toMatchObject({ seq: 1, error: "fetch failed" });
    expect(twin.tenant().deliveries[0]!.status).toBeUndefined();
  });
});
