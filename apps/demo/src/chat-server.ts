import type { IncomingMessage } from "node:http";
import type { Agent } from "@closewatch/agent";
import { WebSocketServer, type WebSocket } from "ws";

export interface ChatServerOptions {
  port: number;
  host: string;
  agent: Agent;
  /** Largest message the server accepts; bigger ones close with 1009. */
  maxPayload: number;
  /** Messages per second a client may send; checked once a second, over it closes with 1008 rate_limit. */
  messagesPerSecond: number;
}

/**
 * A small chat server that enforces the policies real servers enforce: a
 * message size limit (ws maxPayload), a per-connection rate limit and token
 * expiry. Policy closes go through `agent.closePolicy`, so closewatch records
 * the structured cause and the numbers behind it.
 */
export async function startChatServer(options: ChatServerOptions): Promise<{ url: string; close(): Promise<void> }> {
  const { agent } = options;
  const wss = new WebSocketServer({ port: options.port, host: options.host, maxPayload: options.maxPayload });
  await new Promise<void>((resolve) => wss.once("listening", resolve));
  const undo = agent.instrument(wss, { route: "/chat" });

  wss.on("connection", (ws: WebSocket, request: IncomingMessage) => {
    const token = parseToken(request.headers.authorization);
    if (!token) {
      agent.closePolicy(ws, "auth_invalid", {}, "missing or malformed token");
      return;
    }
    const expiresIn = token.expiresAt - Date.now();
    const expiry = setTimeout(() => {
      agent.closePolicy(ws, "auth_expired", { tokenLifetimeMs: token.lifetimeMs, tokenAgeMs: Date.now() - token.issuedAt });
    }, Math.max(0, expiresIn));

    // A periodic limiter, as many servers run one: count messages per window
    // and close connections that went over, reporting how far over they went.
    let inWindow = 0;
    const rateCheck = setInterval(() => {
      if (inWindow > options.messagesPerSecond) {
        agent.closePolicy(ws, "rate_limit", { limit: options.messagesPerSecond, observed: inWindow, windowMs: 1000 });
      }
      inWindow = 0;
    }, 1000);
    ws.on("message", (data) => {
      inWindow += 1;
      ws.send(data); // echo
    });
    ws.on("close", () => {
      clearTimeout(expiry);
      clearInterval(rateCheck);
    });
    ws.on("error", () => {}); // ws reports size-limit violations here; the close that follows is what matters
  });

  const address = wss.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  return {
    url: `ws://${options.host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        undo();
        for (const client of wss.clients) client.close(1001, "demo server stopping");
        wss.close(() => resolve());
      }),
  };
}

interface DemoToken {
  issuedAt: number;
  lifetimeMs: number;
  expiresAt: number;
}

/** Demo tokens look like `Bearer demo.<issuedAtMs>.<lifetimeMs>`; no real crypto, it is a demo. */
function parseToken(header: string | undefined): DemoToken | undefined {
  const match = /^Bearer demo\.(\d+)\.(\d+)$/.exec(header ?? "");
  if (!match) return undefined;
  const issuedAt = Number(match[1]);
  const lifetimeMs = Number(match[2]);
  return { issuedAt, lifetimeMs, expiresAt: issuedAt + lifetimeMs };
}

export function demoToken(lifetimeMs: number, issuedAt = Date.now()): string {
  return `Bearer demo.${issuedAt}.${lifetimeMs}`;
}
