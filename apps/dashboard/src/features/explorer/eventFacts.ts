import type { CauseSource, Evidence, Initiator, StoredEvent } from "@closewatch/protocol";
import {
  formatBytes,
  formatCount,
  formatDuration,
  formatNumber,
  formatRatio,
  type FormatOptions,
} from "../../lib/format.js";

/*
 * Words for the fields of one stored event, as the detail shows them. Pure,
 * with the locale and time zone passable, so tests are deterministic.
 */

/** "20 Nov 2026, 14:05:09.123 UTC": a close is a moment; the milliseconds tell events of one second apart. */
export function formatInstant(iso: string, { locale, timeZone }: FormatOptions = {}): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Intl.DateTimeFormat(locale, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    fractionalSecondDigits: 3,
    hourCycle: "h23",
    timeZoneName: "short",
    timeZone,
  }).format(ms);
}

/** How long the close took to reach the collector; agent clocks may run ahead, which is said, not hidden. */
export function deliveryText(occurredAt: string, receivedAt: string, options: FormatOptions = {}): string {
  const delay = Date.parse(receivedAt) - Date.parse(occurredAt);
  if (!Number.isFinite(delay)) return "";
  if (delay < 0) return `${formatDuration(-delay, options)} before it occurred: the agent's clock runs ahead`;
  return `${formatDuration(delay, options)} after it occurred`;
}

export const INITIATOR_TEXT: Readonly<Record<Initiator, string>> = {
  server: "The server (it sent the first close frame)",
  client: "The client (it sent the first close frame)",
  none: "Nobody: the connection ended without a close frame",
};

export function initiatorText(initiator: string): string {
  return Object.hasOwn(INITIATOR_TEXT, initiator) ? INITIATOR_TEXT[initiator as Initiator] : initiator;
}

/** Which evidence decided the cause, strongest first (see the classifier in @closewatch/close-codes). */
export const CAUSE_SOURCE_TEXT: Readonly<Record<CauseSource, string>> = {
  agent: "Reported by the agent (a closePolicy call or the size check it saw)",
  ws_error: "Derived from the ws error code",
  reason: "Read from the close reason text",
  code: "The close code's generic cause: nothing more specific was recorded",
};

export function causeSourceText(source: string): string {
  return Object.hasOwn(CAUSE_SOURCE_TEXT, source) ? CAUSE_SOURCE_TEXT[source as CauseSource] : source;
}

/** "4 KiB (4,096 bytes)": the unit people think in, and the exact number a limit is set in. */
export function bytesText(bytes: number, options: FormatOptions = {}): string {
  const exact = `${formatCount(bytes, options)} ${bytes === 1 ? "byte" : "bytes"}`;
  return bytes < 1024 ? exact : `${formatBytes(bytes, options)} (${exact})`;
}

export interface SizeFacts {
  size?: string;
  limit?: string;
  /** "2× the limit", "1,024 bytes over" — only when both are known. */
  comparison?: string;
}

/**
 * The message size against the enforced limit, as far as the agent recorded
 * them. A message cut short before its last fragment only has a lower bound,
 * and an outbound one may be estimated; the agent says so in the evidence,
 * and so does this.
 */
export function sizeFacts(
  e: Pick<StoredEvent, "messageSize" | "sizeLimit" | "evidence">,
  options: FormatOptions = {},
): SizeFacts {
  const facts: SizeFacts = {};
  const qualifier = e.evidence?.sizeIsLowerBound === true ? "at least " : e.evidence?.sizeIsEstimate === true ? "about " : "";
  if (e.messageSize !== null) facts.size = `${qualifier}${bytesText(e.messageSize, options)}`;
  if (e.sizeLimit !== null) facts.limit = bytesText(e.sizeLimit, options);
  if (e.messageSize !== null && e.sizeLimit !== null && e.sizeLimit > 0) {
    const over = e.messageSize - e.sizeLimit;
    const ratio = e.messageSize / e.sizeLimit;
    // "1× the limit" says nothing for a message just over it: then only the bytes over.
    const times = ratio >= 1.1 ? `${qualifier}${formatRatio(ratio, options)} the limit, ` : "";
    facts.comparison = over > 0 ? `${times}${qualifier}${bytesText(over, options)} over` : "within the limit";
  }
  return facts;
}

/** "3 messages · 1.2 KiB" */
export function trafficText(messages: number, bytes: number, options: FormatOptions = {}): string {
  return `${formatCount(messages, options)} ${messages === 1 ? "message" : "messages"} · ${formatBytes(bytes, options)}`;
}

/**
 * Evidence keys in a stable order with readable values: durations (`…Ms`)
 * and sizes (`…Bytes`, `…Size`, as the agent names them) get their unit
 * beside the raw number, which stays, because it is what the agent sent.
 */
export function evidenceEntries(evidence: Evidence | null, options: FormatOptions = {}): { key: string; value: string }[] {
  if (!evidence) return [];
  return Object.keys(evidence)
    .sort((a, b) => a.localeCompare(b))
    .map((key) => ({ key, value: evidenceValue(key, evidence[key], options) }));
}

function evidenceValue(key: string, value: Evidence[string] | undefined, options: FormatOptions): string {
  if (typeof value === "number") {
    const raw = formatNumber(value, 3, options);
    if (/Ms$/.test(key) && value >= 1000) return `${raw} (${formatDuration(value, options)})`;
    if (/(Bytes|Size)$/.test(key) && value >= 1024) return `${raw} (${formatBytes(value, options)})`;
    return raw;
  }
  if (typeof value === "boolean") return value ? "yes" : "no";
  return value ?? "";
}
