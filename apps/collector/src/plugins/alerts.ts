import type { Database } from "@closewatch/db";
import fp from "fastify-plugin";
import { AlertEvaluator } from "../alerts/alert-evaluator.js";
import type { DeliveryOptions } from "../alerts/delivery.js";

declare module "fastify" {
  interface FastifyInstance {
    /** The alert evaluator; tests call `app.alerts.evaluateOnce(now)`. */
    alerts: AlertEvaluator;
  }
}

export interface AlertsPluginOptions {
  db: Database;
  /** How often to evaluate; 0 never does on its own (tests drive evaluateOnce). */
  intervalMs: number;
  publicUrl: string | undefined;
  delivery?: Partial<DeliveryOptions> | undefined;
}

/**
 * Evaluates the built-in alert rules every `intervalMs` once the app is
 * ready, and stops with it: the timer never keeps the process alive, and
 * close waits for the evaluation in progress and aborts notifications still
 * retrying. Needs the metrics plugin (the firing gauge lives on its registry).
 */
export const alertsPlugin = fp<AlertsPluginOptions>(
  async (app, { db, intervalMs, publicUrl, delivery }) => {
    const evaluator = new AlertEvaluator({ db, metrics: app.metrics, log: app.log, publicUrl, delivery });
    app.decorate("alerts", evaluator);

    let timer: NodeJS.Timeout | undefined;
    let running = false;
    const tick = () => {
      // An evaluation slower than the interval is not stacked behind itself.
      if (running) return;
      running = true;
      evaluator
        .evaluateOnce()
        .catch((error: unknown) => app.log.warn({ err: error }, "alert evaluation failed; will retry"))
        .finally(() => {
          running = false;
        });
    };
    app.addHook("onReady", async () => {
      if (intervalMs > 0) timer = setInterval(tick, intervalMs).unref();
    });
    app.addHook("onClose", async () => {
      clearInterval(timer);
      await evaluator.close();
    });
  },
  { name: "closewatch-alerts", dependencies: ["closewatch-metrics"] },
);
