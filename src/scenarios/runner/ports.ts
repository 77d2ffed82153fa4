/**
 * Free TCP ports on 127.0.0.1 for apps under test: bind port 0, read the port the system chose,
 * close, hand it on. Ports handed out recently in this process are not handed out again, so two
 * trials starting at the same moment cannot be given the same one.
 */
import { createServer } from "node:net";

const recentlyGiven: number[] = [];
const REMEMBERED = 256;

function bindAnyPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const port = await bindAnyPort();
    if (recentlyGiven.includes(port)) continue;
    recentlyGiven.push(port);
    if (recentlyGiven.length > REMEMBERED) recentlyGiven.shift();
    return port;
  }
  throw new Error("no free port on 127.0.0.1 after 20 attempts");
}
