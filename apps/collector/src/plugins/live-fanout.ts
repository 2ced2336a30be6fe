import type { Database } from "@closewatch/db";
import fp from "fastify-plugin";
import { LiveFanout } from "../replicas/live-fanout.js";
import { readEventsById } from "../replicas/read-events.js";

export interface LiveFanoutPluginOptions {
  db: Database;
  replicaId: string;
}

/**
 * PostgreSQL with several collector replicas: pushes to this replica's
 * dashboards the events the other replicas store (see replicas/live-fanout.ts).
 * Listens from the moment the app is ready, so a collector that answers
 * /readyz already hears the others; stops with the app.
 */
export const liveFanoutPlugin = fp<LiveFanoutPluginOptions>(
  async (app, { db, replicaId }) => {
    const fanout = new LiveFanout({
      replicaId,
      connect: () => db.dedicated({ applicationName: `closewatch-live ${replicaId}` }),
      read: (ids) => readEventsById(db, ids),
      wanted: () => app.live.size > 0,
      publish: (events) => app.live.publish(events),
      onConnected: (up) => app.metrics.liveFanoutConnected.set(up ? 1 : 0),
      log: app.log,
    });
    app.addHook("onReady", () => fanout.start());
    app.addHook("onClose", () => fanout.close());
  },
  { name: "closewatch-live-fanout", dependencies: ["closewatch-live", "closewatch-metrics"] },
);
