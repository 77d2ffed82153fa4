/**
 * Loopback ports of the host (twins) for a sandbox that has no network. The sandbox has its own
 * network namespace with only `lo`; `--share-net` would give it the whole host network, so instead:
 * on the host, one unix socket per allowed port forwards to 127.0.0.1:<port>; the directory of
 * those sockets is bound read-only into the sandbox at /run/lightsout, and a small forwarder
 * (node, started inside the sandbox before the command) listens on 127.0.0.1:<port> there and
 * pipes each connection to the matching socket. Ports not in the allow-list have no socket and so
 * no route; nothing but these sockets crosses the namespace boundary.
 */
import { createConnection, createServer, type Server, type Socket } from "node:net";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { FORWARDER_SCRIPT_NAME, SANDBOX_FORWARDER_DIR } from "./bwrap-arguments.js";

/** Runs inside the sandbox (CommonJS, no dependencies); prints one line once every port listens. */
const FORWARDER_SCRIPT = `"use strict";
const net = require("node:net");
const fs = require("node:fs");
const dir = ${JSON.stringify(SANDBOX_FORWARDER_DIR)};
const ports = fs.readdirSync(dir).map((name) => /^port-(\\d+)\\.sock$/.exec(name)).filter(Boolean);
let pending = ports.length;
const ready = () => { if (--pending <= 0) process.stdout.write("ready\\n"); };
if (pending === 0) { pending = 1; ready(); }
for (const match of ports) {
  const socketPath = dir + "/" + match[0];
  const server = net.createServer((client) => {
    const upstream = net.connect(socketPath);
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  server.on("error", ready);
  server.listen(Number(match[1]), "127.0.0.1", ready);
}
`;

function pipeBoth(a: Socket, b: Socket): void {
  a.on("error", () => b.destroy());
  b.on("error", () => a.destroy());
  a.pipe(b).pipe(a);
}

export interface LoopbackForwarder {
  close(): Promise<void>;
}

/** Writes the forwarder script into `dir` and serves one unix socket per port there. */
export async function startLoopbackForwarder(dir: string, ports: readonly number[]): Promise<LoopbackForwarder> {
  await writeFile(join(dir, FORWARDER_SCRIPT_NAME), FORWARDER_SCRIPT, { mode: 0o644 });
  const servers: Server[] = [];
  const open = new Set<Socket>();
  const track = (socket: Socket) => {
    open.add(socket);
    socket.on("close", () => open.delete(socket));
    return socket;
  };
  for (const port of new Set(ports)) {
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new RangeError(`Not a TCP port: ${port}`);
    const server = createServer((client) => pipeBoth(track(client), track(createConnection({ host: "127.0.0.1", port }))));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(join(dir, `port-${port}.sock`), () => resolve());
    });
    servers.push(server);
  }
  return {
    close: async () => {
      for (const socket of open) socket.destroy();
      await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
    },
  };
}
