import type { AlertFiring, AlertRule } from "@closewatch/protocol";

/** Rules and firings shaped like the alert API's answers, for tests. */

export function rule(partial: Partial<AlertRule> = {}): AlertRule {
  return {
    id: "00000000-0000-4000-8000-000000000001",
    name: "1009 spike",
    codes: [1009],
    windowSeconds: 300,
    threshold: { kind: "factor", value: 3, baselineSeconds: 3600 },
    minEvents: 20,
    forSeconds: 120,
    cooldownSeconds: 900,
    enabled: true,
    createdAt: "2026-11-25T10:00:00.000Z",
    updatedAt: "2026-11-25T10:00:00.000Z",
    state: "ok",
    stateSince: "2026-11-25T10:00:00.000Z",
    lastValue: null,
    lastThreshold: null,
    lastEvaluatedAt: null,
    ...partial,
  };
}

export function firing(partial: Partial<AlertFiring> = {}): AlertFiring {
  return {
    id: "00000000-0000-4000-8000-0000000000f1",
    ruleId: "00000000-0000-4000-8000-000000000001",
    ruleName: "1009 spike",
    startedAt: "2026-11-25T10:00:00.000Z",
    resolvedAt: "2026-11-25T10:12:00.000Z",
    peakValue: 64,
    threshold: 20,
    notification: { status: "delivered", attempts: 1, lastError: null },
    ...partial,
  };
}
