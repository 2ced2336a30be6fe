import type { AlertFiringRow, AlertRuleRow } from "@closewatch/db";
import type { AlertFiring, AlertRule, AlertRuleInput, AlertThreshold } from "@closewatch/protocol";
import { storableText } from "../services/storable-text.js";
import type { RuleSettings, RuleState } from "./evaluate.js";

/**
 * The columns a rule's input fills (the evaluation state is written by the
 * evaluator only). Its free text is made storable as ingest makes events'
 * (U+0000 was a 500), so a rule's service matches the events stored from it.
 */
export function inputColumns(input: AlertRuleInput) {
  const t = input.threshold;
  return {
    name: storableText(input.name),
    codes: input.codes,
    cause: input.cause ?? null,
    service: input.service === undefined ? null : storableText(input.service),
    windowSeconds: input.windowSeconds,
    thresholdKind: t.kind,
    thresholdValue: t.value,
    baselineSeconds: t.kind === "factor" ? t.baselineSeconds : null,
    minEvents: input.minEvents,
    forSeconds: input.forSeconds,
    cooldownSeconds: input.cooldownSeconds,
    targetUrl: input.target?.url ?? null,
    targetFormat: input.target?.format ?? null,
    enabled: input.enabled,
  };
}

export function thresholdOf(row: AlertRuleRow): AlertThreshold {
  return row.thresholdKind === "factor"
    ? { kind: "factor", value: row.thresholdValue, baselineSeconds: row.baselineSeconds ?? 0 }
    : { kind: "count", value: row.thresholdValue };
}

export function targetOf(row: AlertRuleRow): AlertRule["target"] {
  return row.targetUrl && row.targetFormat ? { url: row.targetUrl, format: row.targetFormat } : undefined;
}

export function toAlertRule(row: AlertRuleRow): AlertRule {
  const target = targetOf(row);
  return {
    id: row.id,
    name: row.name,
    codes: row.codes,
    ...(row.cause !== null ? { cause: row.cause } : {}),
    ...(row.service !== null ? { service: row.service } : {}),
    windowSeconds: row.windowSeconds,
    threshold: thresholdOf(row),
    minEvents: row.minEvents,
    forSeconds: row.forSeconds,
    cooldownSeconds: row.cooldownSeconds,
    ...(target ? { target } : {}),
    enabled: row.enabled,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    state: row.state,
    stateSince: row.stateSince.toISOString(),
    lastValue: row.lastValue === null ? null : Number(row.lastValue),
    lastThreshold: row.lastThreshold,
    lastEvaluatedAt: row.lastEvaluatedAt?.toISOString() ?? null,
  };
}

export function toAlertFiring(row: AlertFiringRow): AlertFiring {
  return {
    id: row.id,
    ruleId: row.ruleId,
    ruleName: row.ruleName,
    startedAt: row.startedAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    peakValue: Number(row.peakValue),
    threshold: row.threshold,
    notification: {
      status: row.notificationStatus,
      attempts: row.notificationAttempts,
      lastError: row.notificationError,
    },
  };
}

export function settingsOf(row: AlertRuleRow): RuleSettings {
  return {
    enabled: row.enabled,
    windowSeconds: row.windowSeconds,
    threshold: thresholdOf(row),
    minEvents: row.minEvents,
    forSeconds: row.forSeconds,
    cooldownSeconds: row.cooldownSeconds,
  };
}

/** The state machine's view of a rule row and its open firing (if any). */
export function stateOf(row: AlertRuleRow, open: AlertFiringRow | undefined): RuleState {
  return {
    state: row.state,
    stateSince: row.stateSince,
    clearStreak: row.clearStreak,
    lastResolvedAt: row.lastResolvedAt,
    firing:
      row.state === "firing" && open
        ? { startedAt: open.startedAt, peakValue: Number(open.peakValue), threshold: open.threshold }
        : null,
  };
}
