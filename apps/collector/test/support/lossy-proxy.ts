import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A real HTTP hop between agent and collector that forwards every request but
 * loses the first `dropAcks` responses: the collector has stored the batch,
 * the agent never hears so, and must send it again.
 */
export async function startLossyProxy(target: string, dropAcks: number): Promise<{ url: string; forwarded: number; close(): Promise<void> }> {
  const state = { forwarded: 0 };
  let toDrop = dropAcks;
  const server: Server = createServer((req, res) => {
    const upstream = httpRequest(new URL(req.url ?? "/", target), { method: req.method, headers: req.headers }, (up) => {
      state.forwarded += 1;
      if (toDrop > 0) {
        toDrop -= 1;
        up.resume();
        up.on("end", () => req.socket.destroy()); // stored upstream, acknowledgement lost on the way back
        return;
      }
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on("error", () => req.socket.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get forwarded() {
      return state.forwarded;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
