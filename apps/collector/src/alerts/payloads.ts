import type { AlertRule, AlertTarget, AlertThreshold } from "@closewatch/protocol";

/** What a notification tells, whatever its format. */
export interface AlertNotice {
  status: "firing" | "resolved";
  rule: Pick<AlertRule, "id" | "name" | "codes" | "cause" | "service" | "windowSeconds" | "threshold">;
  firingId: string;
  /** The window's count at this evaluation; null when the firing ended because its rule was disabled. */
  count: number | null;
  threshold: number;
  peakValue: number;
  startedAt: Date;
  resolvedAt: Date | null;
}

/** closewatch's own webhook body (`format: "json"`). */
export interface JsonAlertPayload {
  source: "closewatch";
  status: "firing" | "resolved";
  rule: {
    id: string;
    name: string;
    codes: number[];
    cause: string | null;
    service: string | null;
    threshold: AlertThreshold;
  };
  firingId: string;
  count: number | null;
  threshold: number;
  peakValue: number;
  windowSeconds: number;
  startedAt: string;
  resolvedAt: string | null;
  /** Only when CLOSEWATCH_PUBLIC_URL is set. */
  dashboardUrl?: string;
}

/** Slack's incoming-webhook body: `text` is the fallback (and the notification), `blocks` the message. */
export interface SlackAlertPayload {
  text: string;
  blocks: unknown[];
}

export function notificationBody(format: AlertTarget["format"], notice: AlertNotice, publicUrl: string | undefined): string {
  return JSON.stringify(format === "slack" ? slackPayload(notice, publicUrl) : jsonPayload(notice, publicUrl));
}

export function jsonPayload(notice: AlertNotice, publicUrl: string | undefined): JsonAlertPayload {
  const link = dashboardLink(notice, publicUrl);
  return {
    source: "closewatch",
    status: notice.status,
    rule: {
      id: notice.rule.id,
      name: notice.rule.name,
      codes: notice.rule.codes,
      cause: notice.rule.cause ?? null,
      service: notice.rule.service ?? null,
      threshold: notice.rule.threshold,
    },
    firingId: notice.firingId,
    count: notice.count,
    threshold: notice.threshold,
    peakValue: notice.peakValue,
    windowSeconds: notice.rule.windowSeconds,
    startedAt: notice.startedAt.toISOString(),
    resolvedAt: notice.resolvedAt?.toISOString() ?? null,
    ...(link ? { dashboardUrl: link } : {}),
  };
}

export function slackPayload(notice: AlertNotice, publicUrl: string | undefined): SlackAlertPayload {
  const { rule } = notice;
  const what = [rule.codes.join("/"), rule.cause, rule.service && `on ${rule.service}`].filter(Boolean).join(" ");
  const window = formatSeconds(rule.windowSeconds);
  const threshold = round(notice.threshold);
  const summary =
    notice.status === "firing"
      ? `${notice.count} closes (${what}) in ${window}, threshold ${threshold}`
      : notice.count === null
        ? `rule disabled; peak ${notice.peakValue} closes (${what}) in ${window}`
        : `${notice.count} closes (${what}) in ${window}, threshold ${threshold}; peak ${notice.peakValue}`;
  const head = notice.status === "firing" ? "FIRING" : "RESOLVED";
  // Slack reads the fallback text as mrkdwn too.
  const text = escapeMrkdwn(`[${head}] ${rule.name}: ${summary}`);
  const link = dashboardLink(notice, publicUrl);
  const since =
    notice.resolvedAt === null
      ? `Started ${notice.startedAt.toISOString()}`
      : `Fired ${notice.startedAt.toISOString()}, resolved ${notice.resolvedAt.toISOString()}`;
  return {
    text,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: `*[${head}] ${escapeMrkdwn(rule.name)}*\n${escapeMrkdwn(summary)}` } },
      {
        type: "context",
        elements: [{ type: "mrkdwn", text: link ? `${since} · <${link}|Open in closewatch>` : since }],
      },
    ],
  };
}

/**
 * The events behind the firing on the dashboard: its cause and service, its
 * code when there is only one (the events page filters by one code), over
 * the window that made it fire (through its resolution, once resolved).
 */
export function dashboardLink(notice: AlertNotice, publicUrl: string | undefined): string | undefined {
  if (!publicUrl) return undefined;
  const { rule } = notice;
  const params = new URLSearchParams();
  if (rule.codes.length === 1) params.set("code", String(rule.codes[0]));
  if (rule.cause) params.set("cause", rule.cause);
  if (rule.service) params.set("service", rule.service);
  params.set("from", new Date(notice.startedAt.getTime() - rule.windowSeconds * 1000).toISOString());
  params.set("to", (notice.resolvedAt ?? notice.startedAt).toISOString());
  return `${publicUrl}/events?${params.toString()}`;
}

/** 300 → "5m", 7200 → "2h", 90 → "90s". */
export function formatSeconds(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Slack reads &, < and > as markup in mrkdwn; rule names are user text. */
function escapeMrkdwn(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}
