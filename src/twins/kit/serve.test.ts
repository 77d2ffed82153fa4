import { afterEach, describe, expect, test } from "vitest";
import { serveTwin, type ServedTwin } from "./serve.js";
import { createToyTwin } from "./toy-twin.js";

const served: ServedTwin[] = [];
afterEach(async () => {
  await Promise.all(served.splice(0).map((server) => server.close()));
});

async function serve(): Promise<ServedTwin> {
  const server = await serveTwin(createToyTwin());
  served.push(server);
  return server;
}

function token(server: ServedTwin, tenant?: string): string {
  return server.twin.definition.describe!(server.twin.tenant(tenant), "").credentials["token"]!;
}

describe("serveTwin", () => {
  test("listens on 127.0.0.1 on a free port and answers like the in-process twin", async () => {
    const [first, second] = [await serve(), await serve()];
    expect(first.baseUrl).toBe(`http://127.0.0.1:${first.port}`);
    expect(first.port).toBeGreaterThan(0);
    expect(second.port).not.toBe(first.port);
    expect(first.server.address()).toMatchObject({ address: "127.0.0.1" });
    const response = await fetch(`${first.baseUrl}/api/notes.create`, {
      method: "POST",
      headers: { authorization: `Bearer ${token(first)}`, "content-type": "application/x-www-form-urlencoded" },
      body: "text=over+http",
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(await response.json()).toMatchObject({ ok: true, note: { id: "N2", text: "over http" } });
    // The handler saw the real origin, so links and base URLs it builds work from outside.
    const described = await (await fetch(`${first.baseUrl}/_twin/tenants/default/describe`)).json();
    expect(described).toMatchObject({ baseUrl: `${first.baseUrl}/api/` });
  });

  test("JSON, multipart and repeated headers arrive as sent", async () => {
    const server = await serve();
    const authorization = `Bearer ${token(server)}`;
    const json = await fetch(`${server.baseUrl}/api/notes.create`, { method: "POST", headers: { authorization, "content-type": "application/json" }, body: JSON.stringify({ text: "as json ✓" }) });
    expect(await json.json()).toMatchObject({ note: { text: "as json ✓" } });
    const form = new FormData();
    form.append("text", "as multipart");
    form.append("attachment", new Blob(["bytes"]), "a.txt");
    const multipart = await fetch(`${server.baseUrl}/api/notes.create`, { method: "POST", headers: { authorization }, body: form });
    expect(await multipart.json()).toMatchObject({ note: { text: "as multipart" } });
    expect(server.twin.tenant().log.at(-1)!.body).toEqual({ text: "as multipart", attachment: { filename: "a.txt", size: 5, type: "application/octet-stream" } });
    const headers = new Headers({ authorization });
    headers.append("x-trace", "a");
    headers.append("x-trace", "b");
    const seen: string[] = [];
    const probe = await serveTwin({ ...server.twin, fetch: async (request) => (seen.push(request.headers.get("x-trace") ?? ""), new Response("ok")) });
    served.push(probe);
    await (await fetch(`${probe.baseUrl}/x`, { headers })).text();
    expect(seen).toEqual(["a, b"]);
  });

  test("tenant paths and the admin plane work over HTTP", async () => {
    const server = await serve();
    const created = await fetch(`${server.baseUrl}/_twin/tenants`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"id":"trial"}' });
    expect(created.status).toBe(201);
    const response = await fetch(`${server.baseUrl}/t/trial/api/counter.increment`, { method: "POST", headers: { authorization: `Bearer ${token(server, "trial")}` }, body: "" });
    expect(await response.json()).toEqual({ ok: true, value: 1 });
  });

  test("a dropped-connection fault destroys the socket: the client sees a network error", async () => {
    const server = await serve();
    server.twin.tenant().faults = { rules: [{ dropRate: 1 }] };
    const failure = await fetch(`${server.baseUrl}/api/notes.list`, { headers: { authorization: `Bearer ${token(server)}` } }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(TypeError);
    expect(String((failure as Error & { cause?: unknown }).cause)).toMatch(/socket|closed|ECONNRESET/i);
    // The server is still up for the next request.
    server.twin.tenant().faults = { rules: [] };
    expect((await fetch(`${server.baseUrl}/api/notes.list`, { headers: { authorization: `Bearer ${token(server)}` } })).status).toBe(200);
  });

  test("close frees the port; a taken port is an error", async () => {
    const server = await serve();
    await expect(serveTwin(createToyTwin(), { port: server.port })).rejects.toMatchObject({ code: "EADDRINUSE" });
    await server.close();
    served.length = 0;
    const again = await serveTwin(createToyTwin(), { port: server.port });
    served.push(again);
    expect(again.port).toBe(server.port);
  });
});
