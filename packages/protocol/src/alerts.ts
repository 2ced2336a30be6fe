import { Type, type Static } from "typebox";
import { CauseId, CloseCode, Count, ServiceName, Timestamp, Uuid } from "./common.js";

/*
 * Built-in alert rules: for teams without Prometheus. A rule watches the
 * close counts of some codes (optionally one cause, one service) over a
 * sliding window and fires when the count crosses a threshold — absolute, or
 * a factor over the same window's recent baseline.
 */

/** `count`: closes in the window ≥ value. `factor`: closes in the window ≥ value × the baseline's average per window. */
export const AlertThreshold = Type.Union([
  Type.Object({ kind: Type.Literal("count"), value: Type.Integer({ minimum: 1, maximum: 1_000_000_000 }) }),
  Type.Object({
    kind: Type.Literal("factor"),
    value: Type.Number({ minimum: 1.1, maximum: 1000 }),
    /** How far back the baseline reaches, before the window. */
    baselineSeconds: Type.Integer({ minimum: 300, maximum: 7 * 86_400 }),
  }),
]);
export type AlertThreshold = Static<typeof AlertThreshold>;

/** Where a firing is sent: a webhook that receives closewatch's JSON, or a Slack-compatible incoming webhook. */
export const AlertTarget = Type.Object({
  url: Type.String({ format: "uri", pattern: "^https?://", maxLength: 2000 }),
  format: Type.Union([Type.Literal("json"), Type.Literal("slack")]),
});
export type AlertTarget = Static<typeof AlertTarget>;

/** What a user sets when creating or replacing a rule. */
export const AlertRuleInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    codes: Type.Array(CloseCode, { minItems: 1, maxItems: 20, uniqueItems: true }),
    cause: Type.Optional(CauseId),
    service: Type.Optional(ServiceName),
    windowSeconds: Type.Integer({ minimum: 60, maximum: 86_400 }),
    threshold: AlertThreshold,
    /** Below this many closes in the window the rule never fires: quiet services do not page. */
    minEvents: Type.Integer({ minimum: 1, maximum: 1_000_000_000 }),
    /** How long the count must stay over the threshold before `pending` becomes `firing`: a blip does not page. */
    forSeconds: Type.Integer({ minimum: 0, maximum: 3600 }),
    /** After a firing resolves, the rule stays quiet this long. */
    cooldownSeconds: Type.Integer({ minimum: 0, maximum: 7 * 86_400 }),
    target: Type.Optional(AlertTarget),
    enabled: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type AlertRuleInput = Static<typeof AlertRuleInput>;

/** `ok` → `pending` (over the threshold, waiting to be sure) → `firing` → back to `ok` once resolved. */
export const AlertState = Type.Union([Type.Literal("ok"), Type.Literal("pending"), Type.Literal("firing")]);
export type AlertState = Static<typeof AlertState>;

export const AlertRule = Type.Intersect([
  AlertRuleInput,
  Type.Object({
    id: Uuid,
    createdAt: Timestamp,
    updatedAt: Timestamp,
    state: AlertState,
    /** When the current state began. */
    stateSince: Timestamp,
    /** The last evaluation's count in the window, and the threshold it was compared with. */
    lastValue: Type.Union([Count, Type.Null()]),
    lastThreshold: Type.Union([Type.Number(), Type.Null()]),
    lastEvaluatedAt: Type.Union([Timestamp, Type.Null()]),
  }),
]);
export type AlertRule = Static<typeof AlertRule>;

export const AlertRulesResponse = Type.Object({ rules: Type.Array(AlertRule) });
export type AlertRulesResponse = Static<typeof AlertRulesResponse>;

export const AlertRuleParams = Type.Object({ id: Uuid });
export type AlertRuleParams = Static<typeof AlertRuleParams>;

export const NotificationStatus = Type.Union([
  Type.Literal("pending"),
  Type.Literal("delivered"),
  Type.Literal("failed"),
  Type.Literal("none"), // the rule has no target
]);

/** One firing of a rule, from start to resolution. */
export const AlertFiring = Type.Object({
  id: Uuid,
  ruleId: Uuid,
  ruleName: Type.String(),
  startedAt: Timestamp,
  resolvedAt: Type.Union([Timestamp, Type.Null()]),
  /** Highest count in the window while firing, and the threshold at the start. */
  peakValue: Count,
  threshold: Type.Number(),
  notification: Type.Object({
    status: NotificationStatus,
    attempts: Count,
    lastError: Type.Union([Type.String(), Type.Null()]),
  }),
});
export type AlertFiring = Static<typeof AlertFiring>;

export const AlertFiringsQuery = Type.Object({
  ruleId: Type.Optional(Uuid),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
});
export type AlertFiringsQuery = Static<typeof AlertFiringsQuery>;

export const AlertFiringsResponse = Type.Object({ firings: Type.Array(AlertFiring, { description: "Newest first" }) });
export type AlertFiringsResponse = Static<typeof AlertFiringsResponse>;
