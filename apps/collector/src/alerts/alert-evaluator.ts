import { randomUUID } from "node:crypto";
import type { AlertFiringRow, AlertRuleRow, Database, Prisma } from "@closewatch/db";
import type { AlertTarget } from "@closewatch/protocol";
import type { FastifyBaseLogger } from "fastify";
import type { CollectorMetrics } from "../plugins/metrics.js";
import { type EvaluatorLeadership, NotLeaderError } from "../replicas/alert-leadership.js";
import { CloseCounts } from "../services/close-counts.js";
import { BackgroundTasks } from "./background-tasks.js";
import { DEFAULT_DELIVERY, deliver, type DeliveryOptions } from "./delivery.js";
import { type AlertEffect, type Evaluation, evaluateRule } from "./evaluate.js";
import { type AlertNotice, notificationBody } from "./payloads.js";
import { settingsOf, stateOf, targetOf, thresholdOf, toAlertRule } from "./rule-rows.js";
import { readWindowCounts } from "./window-counts.js";

export interface AlertEvaluatorOptions {
  db: Database;
  metrics: Pick<CollectorMetrics, "alertsFiring" | "alertNotifications">;
  log: FastifyBaseLogger;
  /** CLOSEWATCH_PUBLIC_URL: notifications link to the dashboard when set. */
  publicUrl?: string | undefined;
  /** Timeouts and retry delays; tests shorten them. */
  delivery?: Partial<DeliveryOptions> | undefined;
  /**
   * Several replicas on one PostgreSQL: evaluate only while this replica
   * leads, and fence every write with it. Unset: always evaluate (PGlite, or
   * evaluation driven by hand).
   */
  leadership?: EvaluatorLeadership | undefined;
}

/** What one evaluation did, by rule id. */
export interface EvaluationReport {
  evaluated: number;
  fired: string[];
  resolved: string[];
  /** Rules whose evaluation failed (logged); the others were still evaluated. */
  failed: string[];
  /** Set when this replica did not evaluate (or stopped part-way): another one leads. */
  skipped?: "not the leader";
}

type RuleWithOpenFiring = AlertRuleRow & { firings: AlertFiringRow[] };

/**
 * Evaluates every rule against the rollups, stores each new state and firing,
 * and sends notifications in the background: a slow or broken webhook never
 * delays the next evaluation, and nothing it does can throw into it.
 */
export class AlertEvaluator {
  private readonly counts: CloseCounts;
  private readonly notifications: BackgroundTasks;
  private readonly delivery: DeliveryOptions;
  /** Evaluations run one at a time, in call order (the timer's and a test's never overlap). */
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(private readonly options: AlertEvaluatorOptions) {
    this.counts = new CloseCounts(options.db);
    this.delivery = { ...DEFAULT_DELIVERY, ...options.delivery };
    this.notifications = new BackgroundTasks((error) => options.log.warn({ err: error }, "alert notification failed unexpectedly"));
  }

  /** Evaluates every rule once, as of `now`. Tests call it with a chosen `now`; the timer with the clock. */
  evaluateOnce(now = new Date()): Promise<EvaluationReport> {
    const run = this.queue.then(() => this.evaluateAll(now));
    this.queue = run.catch(() => {});
    return run;
  }

  /** Resolves once every notification sent so far was delivered or given up on. */
  notificationsSettled(): Promise<void> {
    return this.notifications.idle();
  }

  /** Stops evaluating, aborts notifications in flight and waits for both. */
  async close(): Promise<void> {
    this.closed = true;
    await this.queue;
    await this.notifications.close();
  }

  private async evaluateAll(now: Date): Promise<EvaluationReport> {
    const report: EvaluationReport = { evaluated: 0, fired: [], resolved: [], failed: [] };
    if (this.closed) return report;
    const leadership = this.options.leadership;
    if (leadership && !leadership.isLeader) return { ...report, skipped: "not the leader" };
    const rules: RuleWithOpenFiring[] = await this.options.db.prisma.alertRule.findMany({
      include: { firings: { where: { resolvedAt: null }, orderBy: { startedAt: "desc" }, take: 1 } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    const firingByName = new Map<string, number>();
    for (const rule of rules) {
      // Leadership lost part-way: stop at once; the new leader evaluates every rule from the stored state.
      if (leadership && !leadership.isLeader) return { ...report, skipped: "not the leader" };
      let state = rule.state;
      // A disabled rule needs nothing unless it still has a state to leave.
      if (rule.enabled || rule.state !== "ok") {
        try {
          const outcome = await this.evaluate(rule, now);
          state = outcome.state;
          report.evaluated++;
          if (outcome.fired) report.fired.push(rule.id);
          if (outcome.resolved) report.resolved.push(rule.id);
        } catch (error) {
          if (error instanceof NotLeaderError) {
            this.options.log.warn({ rule: rule.id }, "alert evaluation stopped: this replica lost the evaluator lock (nothing of this rule was written)");
            return { ...report, skipped: "not the leader" };
          }
          report.failed.push(rule.id);
          this.options.log.warn({ err: error, rule: rule.id }, "alert rule evaluation failed; will retry next time");
        }
      }
      firingByName.set(rule.name, (firingByName.get(rule.name) ?? 0) + (state === "firing" ? 1 : 0));
    }
    if (leadership && !leadership.isLeader) return { ...report, skipped: "not the leader" };
    // Reset and set in one synchronous step: a scrape never sees half of it,
    // and deleted rules lose their series. Only the leader exports it (see
    // AlertsPlugin), so sum() across replicas counts each rule once.
    const gauge = this.options.metrics.alertsFiring;
    gauge.reset();
    for (const [rule, firing] of firingByName) gauge.set({ rule }, firing);
    return report;
  }

  private async evaluate(rule: RuleWithOpenFiring, now: Date): Promise<{ state: AlertRuleRow["state"]; fired: boolean; resolved: boolean }> {
    const counts = rule.enabled
      ? await readWindowCounts(this.counts, { ...rule, threshold: thresholdOf(rule) }, now)
      : null;
    const open = rule.firings[0];
    const evaluation = evaluateRule(settingsOf(rule), stateOf(rule, open), counts, now);
    const notices = await this.store(rule, open, evaluation, now);
    const target = targetOf(rule);
    if (target) for (const { firingId, notice } of notices) this.notify(target, firingId, notice);
    return {
      state: evaluation.state.state,
      fired: evaluation.effects.some((e) => e.type === "fire"),
      resolved: evaluation.effects.some((e) => e.type === "resolve"),
    };
  }

  /** Writes the new state and the firing changes in one transaction; returns what to notify. */
  private async store(
    rule: AlertRuleRow,
    open: AlertFiringRow | undefined,
    evaluation: Evaluation,
    now: Date,
  ): Promise<{ firingId: string; notice: AlertNotice }[]> {
    const prisma = this.options.db.prisma;
    const { state } = evaluation;
    // Each write is a function of the client, so the same list runs as a
    // batch or inside an interactive transaction behind the leadership fence.
    type Write = (client: Prisma.TransactionClient) => Prisma.PrismaPromise<unknown>;
    const writes: Write[] = [
      (client) => client.alertRule.update({
        where: { id: rule.id },
        data: {
          state: state.state,
          stateSince: state.stateSince,
          clearStreak: state.clearStreak,
          lastResolvedAt: state.lastResolvedAt,
          // A disabled rule was not counted: keep what its last evaluation saw.
          ...(evaluation.value === null
            ? {}
            : { lastValue: BigInt(evaluation.value), lastThreshold: evaluation.threshold, lastEvaluatedAt: now }),
        },
      }),
    ];
    const notices: { firingId: string; notice: AlertNotice }[] = [];
    const notice = (effect: Extract<AlertEffect, { type: "fire" | "resolve" }>, firingId: string): AlertNotice => ({
      status: effect.type === "fire" ? "firing" : "resolved",
      rule: toAlertRule(rule),
      firingId,
      count: effect.value,
      threshold: evaluation.threshold ?? effect.firing.threshold,
      peakValue: effect.firing.peakValue,
      startedAt: effect.firing.startedAt,
      resolvedAt: effect.type === "resolve" ? effect.resolvedAt : null,
    });
    const target = targetOf(rule);
    for (const effect of evaluation.effects) {
      if (effect.type === "fire") {
        const id = randomUUID();
        writes.push((client) =>
          client.alertFiring.create({
            data: {
              id,
              ruleId: rule.id,
              ruleName: rule.name,
              startedAt: effect.firing.startedAt,
              peakValue: BigInt(effect.firing.peakValue),
              threshold: effect.firing.threshold,
              notificationStatus: target ? "pending" : "none",
            },
          }),
        );
        notices.push({ firingId: id, notice: notice(effect, id) });
      } else if (open && effect.type === "peak") {
        writes.push((client) => client.alertFiring.updateMany({ where: { id: open.id }, data: { peakValue: BigInt(effect.peakValue) } }));
      } else if (open && effect.type === "resolve") {
        writes.push((client) =>
          client.alertFiring.updateMany({
            where: { id: open.id },
            data: { resolvedAt: effect.resolvedAt, peakValue: BigInt(effect.firing.peakValue) },
          }),
        );
        notices.push({ firingId: open.id, notice: notice(effect, open.id) });
      }
    }
    const leadership = this.options.leadership;
    if (leadership) {
      await prisma.$transaction(async (tx) => {
        await leadership.fence(tx);
        for (const write of writes) await write(tx);
      });
    } else {
      await prisma.$transaction(writes.map((write) => write(prisma)));
    }
    return notices;
  }

  /**
   * Sends one notification in the background and records how it went on the
   * firing. The firing's notification fields describe its latest
   * notification: the "firing" one, then the "resolved" one, which waits for
   * the first (same key) so a receiver never hears them out of order.
   */
  private notify(target: AlertTarget, firingId: string, notice: AlertNotice): void {
    const { db, metrics, log, publicUrl } = this.options;
    this.notifications.run(firingId, async (signal) => {
      const where = { id: firingId };
      await db.prisma.alertFiring.updateMany({
        where,
        data: { notificationStatus: "pending", notificationAttempts: 0, notificationError: null },
      });
      const result = await deliver(target.url, notificationBody(target.format, notice, publicUrl), this.delivery, signal);
      metrics.alertNotifications.inc({ format: target.format, outcome: result.delivered ? "delivered" : "failed" });
      if (!result.delivered) {
        log.warn({ rule: notice.rule.id, firing: firingId, attempts: result.attempts, error: result.lastError }, "alert notification not delivered");
      }
      await db.prisma.alertFiring.updateMany({
        where,
        data: {
          notificationStatus: result.delivered ? "delivered" : "failed",
          notificationAttempts: result.attempts,
          notificationError: result.lastError,
        },
      });
    });
  }
}
