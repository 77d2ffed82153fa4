/**
 * Serving twins over HTTP on loopback with Node's http server. Each twin gets its own port;
 * requests are turned into web-standard Requests for `twin.fetch`. A dropped-connection fault
 * destroys the socket, as a real network failure would.
 */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { bufferedRequest } from "./buffered-body.js";
import { serializedText } from "./request-body.js";
import { DroppedConnectionError, type Twin } from "./twin.js";

export interface ServedTwin {
  twin: Twin;
  server: Server;
  port: number;
  baseUrl: string;
  close(): Promise<void>;
}

/** The body's chunks; events rather than `for await`, whose async iterator costs more here. */
function readChunks(incoming: IncomingMessage): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.once("end", () => resolve(chunks));
    incoming.once("error", reject);
  });
}

async function toRequest(incoming: IncomingMessage, origin: string): Promise<Request> {
  const chunks = await readChunks(incoming);
  // rawHeaders is [name, value, name, value, ...]: repeated headers stay repeated.
  const headers: [string, string][] = [];
  for (let index = 0; index + 1 < incoming.rawHeaders.length; index += 2) headers.push([incoming.rawHeaders[index]!, incoming.rawHeaders[index + 1]!]);
  const method = incoming.method ?? "GET";
  const url = new URL(incoming.url ?? "/", origin);
  // GET and HEAD cannot have a body in a Request; anything else gets its bytes, even none.
  if (method === "GET" || method === "HEAD") return new Request(url, { method, headers });
  return bufferedRequest(url, method, headers, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
}

async function writeResponse(response: Response, outgoing: ServerResponse): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => (headers[key] = value));
  // A jsonResponse's text goes out as it is: Node sends headers and a string body in one write.
  const text = serializedText(response);
  const body = text !== undefined ? text : Buffer.from(await response.arrayBuffer());
  headers["content-length"] = String(Buffer.byteLength(body));
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
