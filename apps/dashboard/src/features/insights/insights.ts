import type { Insight } from "@closewatch/protocol";
import { formatCount } from "../../lib/format.js";
import { viewParams, type ViewFilters } from "../../lib/view.js";

export type Severity = Insight["severity"];

const SEVERITY_TEXT: Readonly<Record<Severity, string>> = {
  critical: "Critical",
  warning: "Warning",
  info: "Info",
};

/** Badge text and CSS modifier; a severity this build does not know yet reads as info, by its own name. */
export function severityBadge(severity: string): { text: string; tone: Severity } {
  if (Object.hasOwn(SEVERITY_TEXT, severity)) {
    const tone = severity as Severity;
    return { text: SEVERITY_TEXT[tone], tone };
  }
  return { text: severity ? severity[0]!.toUpperCase() + severity.slice(1) : "Info", tone: "info" };
}

/** "chat-api · /upload" or just "chat-api" when the route is unknown. */
export function placeLabel(place: Insight["places"][number]): string {
  return place.route ? `${place.service} · ${place.route}` : place.service;
}

/**
 * Where "Show these events" points: the events view with the finding's code
 * and cause plus the current range and service, e.g.
 * `/events?code=1009&cause=message_too_big&range=6h`.
 */
export function eventsHref(insight: Pick<Insight, "code" | "cause">, filters: ViewFilters): string {
  const params = new URLSearchParams({ code: String(insight.code), cause: insight.cause });
  for (const [key, value] of Object.entries(viewParams(filters))) if (value !== undefined) params.set(key, value);
  return `/events?${params.toString()}`;
}

/** "412 closes" */
export function closesText(n: number): string {
  return `${formatCount(n)} ${n === 1 ? "close" : "closes"}`;
}
