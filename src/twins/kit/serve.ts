/**
 * Serving twins over HTTP on loopback with Node's http server. Each twin gets its own port;
 * requests are turned into web-standard Requests for `twin.fetch`. A dropped-connection fault
 * destroys the socket, as a real network failure would.
 */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { DroppedConnectionError, type Twin } from "./twin.js";

export interface ServedTwin {
  twin: Twin;
  server: Server;
  port: number;
  baseUrl: string;
  close(): Promise<void>;
}

async function toRequest(incoming: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [key, value] of Object.entries(incoming.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(key, item);
  }
  const hasBody = incoming.method !== "GET" && incoming.method !== "HEAD" && chunks.length > 0;
  return new Request(new URL(incoming.url ?? "/", origin), { method: incoming.method ?? "GET", headers, ...(hasBody ? { body: Buffer.concat(chunks) } : {}) });
}

async function writeResponse(response: Response, outgoing: ServerResponse): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => (headers[key] = value));
  const body = Buffer.from(await response.arrayBuffer());
  headers["content-length"] = String(body.length);
  outgoing.writeHead(response.status, headers);
  outgoing.end(body);
}

/** Listens on `host` (loopback unless told otherwise) and `port` (0 = a free one). */
export function serveTwin(twin: Twin, options: { port?: number; host?: string } = {}): Promise<ServedTwin> {
  const host = options.host ?? "127.0.0.1";
  return new Promise((resolve, reject) => {
    let origin = "";
    const server = createServer((incoming, outgoing) => {
      toRequest(incoming, origin)
        .then((request) => twin.fetch(request))
        .then((response) => writeResponse(response, outgoing))
        .catch((error: unknown) => {
          if (error instanceof DroppedConnectionError) {
            incoming.socket.destroy();
            return;
          }
          if (!outgoing.headersSent) outgoing.writeHead(500, { "content-type": "application/json" });
          outgoing.end(JSON.stringify({ error: "twin_failure", message: "the twin could not answer" }));
        });
    });
    server.keepAliveTimeout = 5_000;
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      const address = server.address() as AddressInfo;
      const printableHost = host.includes(":") ? `[${host}]` : host;
      origin = `http://${printableHost}:${address.port}`;
      resolve({
        twin,
        server,
        port: address.port,
        baseUrl: origin,
        close: () => new Promise<void>((done) => {
          server.closeAllConnections();
          server.close(() => done());
        }),
      });
    });
  });
}
