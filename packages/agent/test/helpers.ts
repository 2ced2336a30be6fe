import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { IngestBatch, type IngestEvent } from "@closewatch/protocol";
import { Compile } from "typebox/compile";
import { WebSocket, WebSocketServer, type ClientOptions, type ServerOptions } from "ws";

const checkBatch = Compile(IngestBatch);

export interface ReceivedRequest {
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** Parsed `events`, or [] when the body was not a batch. */
  readonly events: IngestEvent[];
  /** Whether the body satisfies the collector's ingest schema. */
  readonly valid: boolean;
  /** The status answered; 0 when the collector left the request hanging. */
  readonly status: number;
  /** Date.now() when the whole body had arrived. */
  readonly at: number;
}

/** How the fake collector answers one request. */
export interface CollectorAnswer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** `code` of the problem+json body of an error answer. */
  readonly code?: string;
  /** Never answer (the request stays open until the client gives up). */
  readonly hang?: boolean;
  /** Answer after this long. */
  readonly delayMs?: number;
  /** For a 2xx: indexes of the batch's events to list as `rejected`, as the collector does for invalid events. */
  readonly rejectIndexes?: readonly number[];
}

export interface FakeCollector {
  readonly endpoint: string;
  readonly requests: ReceivedRequest[];
  /** Most requests that were open at the same time. */
  readonly maxConcurrent: number;
  /** Requests open now (received, not yet answered or aborted). */
  readonly open: number;
  /** Events of the requests answered 2xx, in arrival order. */
  delivered(): IngestEvent[];
  /** Resolves once `n` events have been delivered. */
  waitForDelivered(n: number, timeoutMs?: number): Promise<IngestEvent[]>;
  close(): Promise<void>;
}

/**
 * Stands in for the collector: a real HTTP server that records every POSTed
 * batch and answers with the status `respond` picks (202 by default), or as
 * it describes (headers, problem code, no answer at all). `port`: listen on
 * this one (a collector that comes up where an agent already points).
 */
export async function startCollector(
  respond: (attempt: number) => number | CollectorAnswer = () => 202,
  port = 0,
): Promise<FakeCollector> {
  const requests: ReceivedRequest[] = [];
  const concurrency = { open: 0, max: 0 };
  const server: Server = createServer((req, res) => {
    concurrency.open++;
    concurrency.max = Math.max(concurrency.max, concurrency.open);
    res.once("close", () => concurrency.open--);
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        parsed = undefined;
      }
      let valid = false;
      let events: IngestEvent[] = [];
      if (checkBatch.Check(parsed)) {
        valid = true;
        events = parsed.events;
      }
      const picked = respond(requests.length + 1);
      const answer: CollectorAnswer = typeof picked === "number" ? { status: picked } : picked;
      const status = answer.hang ? 0 : answer.status;
      requests.push({ method: req.method, url: req.url, headers: req.headers, body, events, valid, status, at: Date.now() });
      if (answer.hang) return;
      if (answer.delayMs) setTimeout(() => send(res, answer, events.length), answer.delayMs);
      else send(res, answer, events.length);
    });
  });
  const send = (res: ServerResponse, answer: CollectorAnswer, accepted: number): void => {
    if (res.destroyed) return;
    const status = answer.status;
    if (status >= 200 && status < 300) {
      res.writeHead(status, { "content-type": "application/json", ...answer.headers });
      const rejected = (answer.rejectIndexes ?? []).map((index) => ({
        index,
        errors: [{ path: `/events/${index}/reason`, message: "test refusal" }],
      }));
      res.end(JSON.stringify({ accepted: accepted - rejected.length, duplicates: 0, ...(rejected.length ? { rejected } : {}) }));
    } else {
      res.writeHead(status, { "content-type": "application/problem+json", ...answer.headers });
      const code = answer.code ?? "COLLECTOR_ERR_TEST";
      res.end(JSON.stringify({ type: "about:blank", title: "test", status, code, detail: `status ${status}` }));
    }
  };
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address() as AddressInfo;

  const delivered = (): IngestEvent[] => requests.filter((r) => r.status >= 200 && r.status < 300).flatMap((r) => r.events);
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    requests,
    get maxConcurrent() {
      return concurrency.max;
    },
    get open() {
      return concurrency.open;
    },
    delivered,
    async waitForDelivered(n, timeoutMs = 3000) {
      await waitFor(() => delivered().length >= n, timeoutMs, `${n} delivered events`);
      return delivered();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on (listen, note the port, close), and its endpoint URL. */
export async function unusedPort(): Promise<{ port: number; endpoint: string }> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return { port, endpoint: `http://127.0.0.1:${port}` };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitFor(predicate: () => boolean, timeoutMs = 3000, what = "condition"): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export interface TestServer {
  readonly wss: WebSocketServer;
  readonly url: string;
  /** Server-side sockets, in connection order. */
  readonly sockets: WebSocket[];
  /** Resolves with the server-side 'close' event (code) of the nth connection (0-based). */
  serverClosed(index: number): Promise<number>;
  close(): Promise<void>;
}

/**
 * A real ws server on port 0. `onConnection` is the host's own handler; it
 * always gets an 'error' listener first, like a well-behaved host (an
 * unhandled socket error would crash the test process).
 */
export async function startWsServer(
  options: ServerOptions = {},
  onConnection: (ws: WebSocket) => void = () => {},
): Promise<TestServer> {
  const wss = new WebSocketServer({ ...options, port: 0, host: "127.0.0.1" });
  await new Promise<void>((resolve) => wss.once("listening", resolve));
  const sockets: WebSocket[] = [];
  const closes: Promise<number>[] = [];
  wss.on("connection", (ws) => {
    sockets.push(ws);
    closes.push(new Promise((resolve) => ws.on("close", (code) => resolve(code))));
    ws.on("error", () => {});
    onConnection(ws);
  });
  const { port } = wss.address() as AddressInfo;
  return {
    wss,
    url: `ws://127.0.0.1:${port}`,
    sockets,
    async serverClosed(index) {
      await waitFor(() => closes.length > index, 3000, `connection ${index}`);
      const closed = closes[index];
      if (!closed) throw new Error(`no connection ${index}`);
      return closed;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}

export interface ClientClose {
  readonly code: number;
  readonly reason: string;
}

/** Opens a real ws client; `closed` resolves with what the client saw. */
export async function connect(url: string, options?: ClientOptions): Promise<{ client: WebSocket; closed: Promise<ClientClose> }> {
  const client = new WebSocket(url, options);
  client.on("error", () => {});
  const closed = new Promise<ClientClose>((resolve) =>
    client.on("close", (code, reason) => resolve({ code, reason: reason.toString("utf8") })),
  );
  await new Promise<void>((resolve, reject) => {
    client.once("open", () => resolve());
    client.once("error", reject);
  });
  return { client, closed };
}

/** Resolves with the next message the client receives. */
export function nextMessage(client: WebSocket): Promise<string> {
  return new Promise((resolve) => client.once("message", (data) => resolve(data.toString())));
}
