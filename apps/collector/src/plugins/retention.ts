import type { Database } from "@closewatch/db";
import fp from "fastify-plugin";
import { expireOldData, type RetentionPolicy } from "../services/retention.js";

/** Runs expiry shortly after start and then every `intervalMs`; never keeps the process alive. */
export const retentionPlugin = fp<{ db: Database; policy: RetentionPolicy; intervalMs: number }>(
  async (app, { db, policy, intervalMs }) => {
    let running: Promise<void> | undefined;
    const run = () => {
      if (running) return;
      running = expireOldData(db, policy)
        .then((expired) => {
          if (expired.raw + expired.minute + expired.hour > 0) app.log.info({ expired, policy }, "expired old close data");
        })
        .catch((error: unknown) => app.log.warn({ err: error }, "retention run failed; will retry"))
        .finally(() => {
          running = undefined;
        });
    };
    const first = setTimeout(run, Math.min(intervalMs, 30_000)).unref();
    const every = setInterval(run, intervalMs).unref();
    app.addHook("onClose", async () => {
      clearTimeout(first);
      clearInterval(every);
      await running;
    });
  },
  { name: "closewatch-retention" },
);
