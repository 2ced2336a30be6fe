import type { AlertFiring, AlertFiringsResponse, AlertRule, AlertRulesResponse } from "@closewatch/protocol";

/*
 * Light shape checks for the alert API's answers, like api/guards.ts: every
 * field the page renders, no more. States and notification statuses are any
 * string, so a newer collector's additions fall back to their raw words.
 */

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const isString = (value: unknown): value is string => typeof value === "string";
const isNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);
const isNumberOrNull = (value: unknown): value is number | null => value === null || isNumber(value);
const isStringOrNull = (value: unknown): value is string | null => value === null || isString(value);
/** Optional text may come absent, null or as a string. */
const isOptionalString = (value: unknown): boolean => value === undefined || isStringOrNull(value);

function isThreshold(value: unknown): value is AlertRule["threshold"] {
  if (!isRecord(value) || !isNumber(value.value)) return false;
  return value.kind === "count" || (value.kind === "factor" && isNumber(value.baselineSeconds));
}

function isTarget(value: unknown): boolean {
  return value === undefined || value === null || (isRecord(value) && isString(value.url) && isString(value.format));
}

export function isAlertRule(value: unknown): value is AlertRule {
  return (
    isRecord(value) &&
    isString(value.id) &&
    isString(value.name) &&
    Array.isArray(value.codes) &&
    value.codes.every(isNumber) &&
    isOptionalString(value.cause) &&
    isOptionalString(value.service) &&
    isNumber(value.windowSeconds) &&
    isThreshold(value.threshold) &&
    isNumber(value.minEvents) &&
    isNumber(value.forSeconds) &&
    isNumber(value.cooldownSeconds) &&
    isTarget(value.target) &&
    typeof value.enabled === "boolean" &&
    isString(value.state) &&
    isString(value.stateSince) &&
    isNumberOrNull(value.lastValue) &&
    isNumberOrNull(value.lastThreshold) &&
    isStringOrNull(value.lastEvaluatedAt)
  );
}

export function isAlertRulesResponse(body: unknown): body is AlertRulesResponse {
  return isRecord(body) && Array.isArray(body.rules) && body.rules.every(isAlertRule);
}

export function isAlertFiring(value: unknown): value is AlertFiring {
  return (
    isRecord(value) &&
    isString(value.id) &&
    isString(value.ruleId) &&
    isString(value.ruleName) &&
    isString(value.startedAt) &&
    isStringOrNull(value.resolvedAt) &&
    isNumber(value.peakValue) &&
    isNumber(value.threshold) &&
    isRecord(value.notification) &&
    isString(value.notification.status) &&
    isNumber(value.notification.attempts) &&
    isStringOrNull(value.notification.lastError)
  );
}

export function isAlertFiringsResponse(body: unknown): body is AlertFiringsResponse {
  return isRecord(body) && Array.isArray(body.firings) && body.firings.every(isAlertFiring);
}

/** A write's answer the page does not read (DELETE: 204, no body). */
export function isAnyAnswer(_body: unknown): _body is unknown {
  return true;
}
