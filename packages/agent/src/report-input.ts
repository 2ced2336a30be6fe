import type { IngestEvent, Initiator } from "@closewatch/protocol";
import { CAUSE_PATTERN, isCount, labelText, reasonText, sanitizeEvidence, WS_ERROR_CODE_PATTERN } from "./sanitize.js";

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface Defaults {
  readonly service: string;
  readonly instance: string | undefined;
  /**
   * Redacts the reason before it is cut to 123 bytes, so that a secret the
   * cut would split is still recognised. (The whole event is redacted again
   * before it is queued.)
   */
  readonly redact?: (text: string) => string;
}

export type NormalizedReport =
  | { readonly ok: true; readonly event: IngestEvent; readonly problems: readonly string[] }
  | { readonly ok: false; readonly problem: string };

/**
 * Turns a manual `report()` into a valid ingest event. Only a bad `code`
 * refuses the event; other bad fields are replaced or left out and listed in
 * `problems`, because one invalid field would make the collector reject the
 * whole batch it travels in.
 */
export function normalizeReport(input: unknown, defaults: Defaults): NormalizedReport {
  if (typeof input !== "object" || input === null) return { ok: false, problem: "report: event must be an object" };
  const get = (key: string): unknown => (Object.hasOwn(input, key) ? Reflect.get(input, key) : undefined);

  const code = get("code");
  if (typeof code !== "number" || !Number.isInteger(code) || code < 1000 || code > 4999) {
    return { ok: false, problem: `report: code must be an integer from 1000 to 4999, got ${String(code).slice(0, 20)}` };
  }
  const problems: string[] = [];

  const id = get("id");
  const occurredAt = get("occurredAt");
  const service = get("service");
  const initiator = get("initiator");
  const event: IngestEvent = {
    id: typeof id === "string" && UUID_PATTERN.test(id) ? id : crypto.randomUUID(),
    occurredAt: isoTimestamp(occurredAt) ?? new Date().toISOString(),
    service: typeof service === "string" && service.length >= 1 && service.length <= 100 ? service : defaults.service,
    code,
    reason: reasonText(redactReason(get("reason"), defaults.redact)),
    // No close frame means nobody initiated; otherwise a manual reporter is
    // usually the server that decided to close.
    initiator: isInitiator(initiator) ? initiator : code === 1006 || code === 1015 ? "none" : "server",
    connectionAgeMs: countOr(get("connectionAgeMs"), 0),
    messagesIn: countOr(get("messagesIn"), 0),
    messagesOut: countOr(get("messagesOut"), 0),
    bytesIn: countOr(get("bytesIn"), 0),
    bytesOut: countOr(get("bytesOut"), 0),
  };
  if (id !== undefined && event.id !== id) problems.push("id is not a UUID; a new one was generated");

  const instance = get("instance") ?? defaults.instance;
  if (typeof instance === "string") event.instance = labelText(instance);
  const route = get("route");
  if (typeof route === "string") event.route = labelText(route);

  const cause = get("cause");
  if (typeof cause === "string" && CAUSE_PATTERN.test(cause)) event.cause = cause;
  else if (cause !== undefined) problems.push("cause is not a cause id and was left out");

  const wsErrorCode = get("wsErrorCode");
  if (typeof wsErrorCode === "string" && WS_ERROR_CODE_PATTERN.test(wsErrorCode)) event.wsErrorCode = wsErrorCode;
  else if (wsErrorCode !== undefined) problems.push("wsErrorCode is not an error code and was left out");

  const messageSize = get("messageSize");
  if (isCount(messageSize)) event.messageSize = messageSize;
  const sizeLimit = get("sizeLimit");
  if (isCount(sizeLimit)) event.sizeLimit = sizeLimit;

  const evidence = sanitizeEvidence(get("evidence"));
  if (evidence.evidence) event.evidence = evidence.evidence;
  problems.push(...evidence.problems);

  return { ok: true, event, problems };
}

function redactReason(reason: unknown, redact: ((text: string) => string) | undefined): unknown {
  return typeof reason === "string" && redact !== undefined ? redact(reason) : reason;
}

function countOr(value: unknown, fallback: number): number {
  return isCount(value) ? value : fallback;
}

function isoTimestamp(value: unknown): string | undefined {
  if (typeof value !== "string" && !(value instanceof Date)) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function isInitiator(value: unknown): value is Initiator {
  return value === "server" || value === "client" || value === "none";
}
