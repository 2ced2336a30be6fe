import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedRequest {
  path: string;
  method: string;
  contentType: string | undefined;
  body: unknown;
}

/** How the receiver answers the n-th request (from 1) to a path; "hang" never answers. */
export type Answer = (n: number) => number | "hang";

export interface WebhookReceiver {
  url: string;
  /** Every request so far, in arrival order. */
  requests: ReceivedRequest[];
  /** Sets how a path answers (default: 200). */
  answer(path: string, answer: Answer): void;
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 that records the JSON it is sent, for webhook tests. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const requests: ReceivedRequest[] = [];
  const answers = new Map<string, Answer>();
  const seen = new Map<string, number>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const path = req.url ?? "/";
      const text = Buffer.concat(chunks).toString("utf8");
      requests.push({ path, method: req.method ?? "", contentType: req.headers["content-type"], body: text ? JSON.parse(text) : undefined });
      const n = (seen.get(path) ?? 0) + 1;
      seen.set(path, n);
      const status = (answers.get(path) ?? (() => 200))(n);
      if (status === "hang") return;
      res.writeHead(status, { "content-type": "text/plain" }).end(status < 300 ? "ok" : "receiver says no");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    answer: (path, answer) => answers.set(path, answer),
    async close() {
      // Hanging requests would otherwise hold close() open.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
