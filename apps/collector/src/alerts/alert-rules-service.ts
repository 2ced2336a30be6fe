import { randomUUID } from "node:crypto";
import type { Database } from "@closewatch/db";
import type { AlertFiringsQuery, AlertFiringsResponse, AlertRule, AlertRuleInput, AlertRulesResponse } from "@closewatch/protocol";
import { CollectorError } from "../errors.js";
import { checkRule, ruleProblemsError } from "./rule-checks.js";
import { inputColumns, toAlertFiring, toAlertRule } from "./rule-rows.js";

export const DEFAULT_FIRINGS_LIMIT = 50;

/** The alert rules API: rules in and out, and their firings. The evaluation itself is AlertEvaluator's. */
export class AlertRulesService {
  constructor(private readonly db: Database) {}

  async list(): Promise<AlertRulesResponse> {
    const rows = await this.db.prisma.alertRule.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    return { rules: rows.map(toAlertRule) };
  }

  async get(id: string): Promise<AlertRule> {
    const row = await this.db.prisma.alertRule.findUnique({ where: { id } });
    if (!row) throw notFound(id);
    return toAlertRule(row);
  }

  async create(input: AlertRuleInput, now = new Date()): Promise<AlertRule> {
    assertSensible(input);
    const row = await this.db.prisma.alertRule.create({
      data: { id: randomUUID(), ...inputColumns(input), createdAt: now, updatedAt: now, state: "ok", stateSince: now },
    });
    return toAlertRule(row);
  }

  /**
   * Replaces what the user set and keeps the evaluation state: the next
   * evaluation judges that state by the new settings, so a firing whose rule
   * no longer matches resolves (and its receiver hears so) instead of
   * vanishing.
   */
  async replace(id: string, input: AlertRuleInput, now = new Date()): Promise<AlertRule> {
    assertSensible(input);
    const { count } = await this.db.prisma.alertRule.updateMany({ where: { id }, data: { ...inputColumns(input), updatedAt: now } });
    if (count === 0) throw notFound(id);
    return this.get(id);
  }

  /** Deletes the rule and, with it, its firings. */
  async remove(id: string): Promise<void> {
    const { count } = await this.db.prisma.alertRule.deleteMany({ where: { id } });
    if (count === 0) throw notFound(id);
  }

  async firings(query: AlertFiringsQuery): Promise<AlertFiringsResponse> {
    if (query.ruleId !== undefined && (await this.db.prisma.alertRule.count({ where: { id: query.ruleId } })) === 0) {
      throw notFound(query.ruleId);
    }
    const rows = await this.db.prisma.alertFiring.findMany({
      where: query.ruleId === undefined ? {} : { ruleId: query.ruleId },
      orderBy: [{ startedAt: "desc" }, { id: "desc" }],
      take: query.limit ?? DEFAULT_FIRINGS_LIMIT,
    });
    return { firings: rows.map(toAlertFiring) };
  }
}

function assertSensible(input: AlertRuleInput): void {
  const problems = checkRule(input);
  if (problems.length > 0) throw ruleProblemsError(problems);
}

function notFound(id: string): CollectorError {
  return new CollectorError("NOT_FOUND", `no alert rule with id ${id}`);
}
