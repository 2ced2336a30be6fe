import type { Database } from "@closewatch/db";
import fp from "fastify-plugin";
import { AlertEvaluator } from "../alerts/alert-evaluator.js";
import type { DeliveryOptions } from "../alerts/delivery.js";
import { AlertLeadership } from "../replicas/alert-leadership.js";

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
  /**
   * PostgreSQL: several replicas may share the database, so only the holder
   * of the evaluator lock evaluates (replicas/alert-leadership.ts).
   */
  leadership?: { replicaId: string; retryMs: number } | undefined;
}

/**
 * Evaluates the built-in alert rules every `intervalMs` once the app is
 * ready, and stops with it: the timer never keeps the process alive, and
 * close waits for the evaluation in progress and aborts notifications still
 * retrying. Needs the metrics plugin (the firing gauge lives on its registry).
 *
 * On PostgreSQL with evaluation on, it first has to lead: one replica among
 * those on the database evaluates, the others wait for its lock. A replica
 * that becomes the leader evaluates at once (it may be taking over from one
 * that died), then every `intervalMs`; one that stops leading drops its
 * firing gauge, which only the leader exports.
 */
export const alertsPlugin = fp<AlertsPluginOptions>(
  async (app, { db, intervalMs, publicUrl, delivery, leadership: elect }) => {
    const leadership =
      intervalMs > 0 && db.kind === "postgres" && elect
        ? new AlertLeadership({
            replicaId: elect.replicaId,
            connect: () => db.dedicated({ applicationName: `closewatch-alert-leader ${elect.replicaId}` }),
            retryMs: elect.retryMs,
            log: app.log,
            onChange(leader) {
              app.metrics.alertEvaluatorLeader.set(leader ? 1 : 0);
              if (leader) tick();
              else app.metrics.alertsFiring.reset();
            },
          })
        : undefined;
    const evaluator = new AlertEvaluator({ db, metrics: app.metrics, log: app.log, publicUrl, delivery, leadership });
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
      if (intervalMs <= 0) return;
      timer = setInterval(tick, intervalMs).unref();
      if (leadership) leadership.start();
      else app.metrics.alertEvaluatorLeader.set(1);
    });
    app.addHook("onClose", async () => {
      clearInterval(timer);
      // The evaluation in progress finishes (its writes are fenced) before the lock is given up.
      await evaluator.close();
      await leadership?.close();
    });
  },
  { name: "closewatch-alerts", dependencies: ["closewatch-metrics"] },
);
