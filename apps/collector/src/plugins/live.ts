import type { LiveMessage, StoredEvent } from "@closewatch/protocol";
import websocket from "@fastify/websocket";
import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { AUTH_CACHE_TTL_MS } from "../auth/authenticator.js";
import { grants } from "../auth/scopes.js";
import { SESSION_COOKIE } from "./auth.js";
import type { WebSocket } from "ws";

/** A dashboard that stops reading is cut off rather than allowed to grow our memory. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

export interface LiveHub {
  publish(events: readonly StoredEvent[]): void;
  readonly size: number;
}

declare module "fastify" {
  interface FastifyInstance {
    live: LiveHub;
  }
}

/** Whether the request's credential still gets it into the live feed (see the recheck in livePlugin). */
function liveCredentialCheck(app: FastifyInstance, request: FastifyRequest): () => Promise<boolean> {
  const principal = request.principal;
  const header = request.headers.authorization;
  const secret = header ? /^Bearer[ \t]+(\S+)/i.exec(header)?.[1] : request.cookies[SESSION_COOKIE];
  return async () => {
    if (!(await app.authenticator.required())) return true;
    if (!principal || !secret) return false;
    const now = principal.via === "bearer" ? await app.authenticator.bearer(secret) : await app.authenticator.session(secret);
    return now !== null && grants(now.scope, "read");
  };
}

/** Pushes every newly stored batch to the dashboards on /api/live, serialised once for all sockets. */
export const livePlugin = fp<{ recheckMs?: number }>(
  async (app, { recheckMs = AUTH_CACHE_TTL_MS }) => {
    const sockets = new Set<WebSocket>();

    const hub: LiveHub = {
      get size() {
        return sockets.size;
      },
      publish(events) {
        if (events.length === 0 || sockets.size === 0) return;
        const message: LiveMessage = { type: "events", events: [...events] };
        const payload = JSON.stringify(message);
        for (const socket of sockets) {
          if (socket.readyState !== socket.OPEN) continue;
          if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
            socket.close(1013, "live feed backlog too large; reconnect");
            continue;
          }
          socket.send(payload);
        }
      },
    };
    app.decorate("live", hub);

    await app.register(websocket, {
      options: { maxPayload: 4096 },
      // Close dashboards with a code on shutdown so they reconnect instead of guessing.
      preClose(done) {
        for (const socket of this.websocketServer.clients) socket.close(1001, "collector shutting down");
        this.websocketServer.close(() => done());
      },
    });

    // A live socket outlives the check made when it opened: every recheck
    // interval, each socket's credential is looked at again (through the
    // same cache as requests), and a socket whose token was revoked, whose
    // session ended, or that opened while auth was off and now needs it, is
    // closed with 1008. So revocation reaches open dashboards within about
    // twice the cache's TTL.
    const credentials = new WeakMap<WebSocket, () => Promise<boolean>>();
    const recheck = setInterval(() => {
      for (const socket of sockets) {
        const stillValid = credentials.get(socket);
        if (!stillValid) continue;
        stillValid().then(
          (ok) => {
            if (!ok && socket.readyState === socket.OPEN) socket.close(1008, "authentication ended: token revoked or session over");
          },
          () => {}, // the database is down: keep the socket, the next round decides
        );
      }
    }, recheckMs);
    recheck.unref();
    app.addHook("onClose", async () => clearInterval(recheck));

    app.get("/api/live", { websocket: true, schema: { hide: true } }, (socket, request) => {
      sockets.add(socket);
      credentials.set(socket, liveCredentialCheck(app, request));
      app.metrics.liveConnections.set(sockets.size);
      const hello: LiveMessage = { type: "hello", serverTime: new Date().toISOString() };
      socket.send(JSON.stringify(hello));
      // The feed is one-way; anything a dashboard sends is ignored.
      socket.on("close", () => {
        sockets.delete(socket);
        app.metrics.liveConnections.set(sockets.size);
      });
      socket.on("error", () => sockets.delete(socket));
    });
  },
  { name: "closewatch-live", dependencies: ["closewatch-metrics", "closewatch-auth"] },
);
