import type { InsightSeverity } from "@closewatch/protocol";

/**
 * How loud a finding is: by how many closes it explains and what share of all
 * closes in the range they are. A handful of events is never critical.
 */
export function severityFor(events: number, totalCloses: number): InsightSeverity {
  const sharePercent = totalCloses === 0 ? 0 : (events / totalCloses) * 100;
  if (events >= 20 && (sharePercent >= 5 || events >= 500)) return "critical";
  if (events >= 5) return "warning";
  return "info";
}

const ORDER: Record<InsightSeverity, number> = { critical: 0, warning: 1, info: 2 };

export const bySeverityThenSize = (
  a: { severity: InsightSeverity; eventsAffected: number },
  b: { severity: InsightSeverity; eventsAffected: number },
): number => ORDER[a.severity] - ORDER[b.severity] || b.eventsAffected - a.eventsAffected;
