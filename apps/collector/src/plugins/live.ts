import type { LiveMessage, StoredEvent } from "@closewatch/protocol";
import websocket from "@fastify/websocket";
import fp from "fastify-plugin";
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

/** Pushes every newly stored batch to the dashboards on /api/live, serialised once for all sockets. */
export const livePlugin = fp(
  async (app) => {
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

    app.get("/api/live", { websocket: true, schema: { hide: true } }, (socket) => {
      sockets.add(socket);
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
  { name: "closewatch-live", dependencies: ["closewatch-metrics"] },
);
