import type { DedicatedConnection, Prisma } from "@closewatch/db";
import type { FastifyBaseLogger } from "fastify";

/*
 * Which replica evaluates the built-in alert rules: the one holding a
 * session-level PostgreSQL advisory lock, taken with pg_try_advisory_lock on
 * a dedicated session (never a pooled connection: the lock belongs to the
 * session, and the pool would hand it to other queries). The others try again
 * every CLOSEWATCH_ALERT_LEADER_RETRY_S. When the holder's process dies, the
 * kernel closes its socket, PostgreSQL ends the session and the lock is free:
 * the next replica to try takes over, within one retry interval. (A machine
 * that vanishes without closing its socket is noticed through the server-side
 * keepalives set on the session, in about 25 s.)
 *
 * No two evaluators, even for a moment:
 * - the holder stops evaluating as soon as its session reports an error or
 *   end, or a check query on it fails or hangs for a retry interval;
 * - and, since a process can learn of that late (a partition, a paused VM),
 *   every write of an evaluation is fenced: its transaction first checks in
 *   pg_locks that this replica's session still holds the lock, and rolls
 *   back otherwise. Between that check and the commit the session could
 *   still die, so each fenced transaction also holds a second lock (the
 *   handover lock) shared, and a new leader takes that lock exclusively once
 *   before its first evaluation: it waits out any write that passed the
 *   check, and reads the state that write committed.
 * Evaluation state (pending, firing, streaks, cooldowns) lives in the
 * database, so a new leader continues where the old one stopped.
 *
 * Advisory locks are per database: two closewatch installations on different
 * databases of one server do not share a leader.
 */

/** The two-int advisory lock keys: a namespace ("clwc"), then which lock. */
export const ADVISORY_NAMESPACE = 0x636c7763;
export const EVALUATOR_LOCK = 1;
export const HANDOVER_LOCK = 2;

/** What the evaluator needs of its leadership. */
export interface EvaluatorLeadership {
  /** Whether this replica may evaluate now. */
  readonly isLeader: boolean;
  /** Run first inside every transaction that stores an evaluation: throws NotLeaderError unless this replica still holds the lock. */
  fence(tx: Prisma.TransactionClient): Promise<void>;
}

export class NotLeaderError extends Error {
  override name = "NotLeaderError";
}

export interface AlertLeadershipOptions {
  replicaId: string;
  /** Opens the dedicated session that holds the lock. */
  connect(): Promise<DedicatedConnection>;
  /** How often a follower tries to take the lock, and the leader checks its session. */
  retryMs: number;
  log: FastifyBaseLogger;
  /** Told every time this replica becomes or stops being the leader. */
  onChange(leader: boolean): void;
}

export class AlertLeadership implements EvaluatorLeadership {
  private connection: DedicatedConnection | undefined;
  /** The evaluator lock is held by `connection` (the handover may still be pending). */
  private holdsLock = false;
  private leader = false;
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private closed = false;
  private unreachable = false;

  constructor(private readonly options: AlertLeadershipOptions) {}

  get isLeader(): boolean {
    return this.leader;
  }

  /** Tries at once, then every retryMs. */
  start(): void {
    this.ticking = this.tick();
  }

  /** Stops trying, and ends the session (which releases the lock for another replica). Close the evaluator first. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.ticking;
    this.setLeader(false, "this replica is shutting down");
    const connection = this.connection;
    this.connection = undefined;
    await connection?.close();
  }

  async fence(tx: Prisma.TransactionClient): Promise<void> {
    const connection = this.connection;
    if (!this.leader || !connection) throw new NotLeaderError("this replica no longer holds the alert evaluator lock");
    // Shared, until this transaction ends: a new leader's handover waits for it.
    await tx.$queryRaw`SELECT 1 AS ok FROM (SELECT pg_advisory_xact_lock_shared(${ADVISORY_NAMESPACE}::int4, ${HANDOVER_LOCK}::int4)) handover`;
    const [row] = await tx.$queryRaw<{ held: boolean }[]>`
      SELECT EXISTS (
        SELECT 1 FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.granted
          AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND l.classid = ${String(ADVISORY_NAMESPACE)}::oid AND l.objid = ${String(EVALUATOR_LOCK)}::oid AND l.objsubid = 2
          AND l.pid = ${connection.backendPid}::int4 AND a.application_name = ${connection.applicationName}
      ) AS held`;
    if (!row?.held) {
      this.lost(connection, new Error("the alert evaluator lock is no longer held by this replica's session"));
      throw new NotLeaderError("this replica no longer holds the alert evaluator lock");
    }
  }

  private async tick(): Promise<void> {
    try {
      await this.step();
      if (this.unreachable) this.options.log.info("alert leadership: PostgreSQL answers again");
      this.unreachable = false;
    } catch (error) {
      if (!this.unreachable && !this.closed) this.options.log.warn({ err: error }, "alert leadership: cannot reach PostgreSQL; will retry");
      this.unreachable = true;
    } finally {
      if (!this.closed) {
        this.timer = setTimeout(() => {
          this.ticking = this.tick();
        }, this.options.retryMs);
        this.timer.unref();
      }
    }
  }

  private async step(): Promise<void> {
    if (this.closed) return;
    if (!this.connection) {
      const connection = await this.options.connect();
      if (this.closed) {
        await connection.close();
        return;
      }
      connection.onLost((error) => this.lost(connection, error));
      this.connection = connection;
    }
    const connection = this.connection;
    const query = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => {
      try {
        return await withTimeout(connection.query<T>(sql, params), Math.max(this.options.retryMs, 1000));
      } catch (error) {
        // A session that errs or hangs cannot be trusted to hold anything.
        this.lost(connection, error instanceof Error ? error : new Error(String(error)));
        throw error;
      }
    };
    if (this.leader) {
      await query("SELECT 1");
      return;
    }
    if (!this.holdsLock) {
      const [row] = await query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1, $2) AS locked", [ADVISORY_NAMESPACE, EVALUATOR_LOCK]);
      if (!row?.locked) return; // another replica evaluates
      this.holdsLock = true;
    }
    // Handover: a write of the previous leader that passed its fence may still be committing.
    const [handover] = await query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1, $2) AS locked", [ADVISORY_NAMESPACE, HANDOVER_LOCK]);
    if (!handover?.locked) {
      this.options.log.info("alert leadership: took the lock; waiting for the previous leader's last write to finish");
      return;
    }
    await query("SELECT pg_advisory_unlock($1, $2)", [ADVISORY_NAMESPACE, HANDOVER_LOCK]);
    if (this.connection === connection && !this.closed) this.setLeader(true, "took the alert evaluator lock");
  }

  private lost(connection: DedicatedConnection, error: Error): void {
    if (this.connection !== connection) return;
    this.connection = undefined;
    this.holdsLock = false;
    this.setLeader(false, `its lock session is gone (${error.message})`);
    void connection.close();
  }

  private setLeader(leader: boolean, why: string): void {
    if (this.leader === leader) return;
    this.leader = leader;
    const log = this.options.log;
    const replica = this.options.replicaId;
    if (leader) log.info({ replica }, `alert leadership: this replica now evaluates the alert rules (${why})`);
    else if (this.closed) log.info({ replica }, `alert leadership: this replica stopped evaluating the alert rules (${why})`);
    else log.warn({ replica }, `alert leadership: this replica stopped evaluating the alert rules (${why})`);
    this.options.onChange(leader);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the alert lock session did not answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
