import type { AlertFiring } from "@closewatch/protocol";
import { formatDuration, type FormatOptions } from "../../lib/format.js";

/*
 * One firing of the history table in words: how long it lasted (or has lasted
 * so far) and what became of its notification.
 */

/** "12 min", or "12 min so far" while it is still firing. */
export function firingDurationWords(
  firing: Pick<AlertFiring, "startedAt" | "resolvedAt">,
  now: number,
  opts: FormatOptions = {},
): string {
  const start = Date.parse(firing.startedAt);
  const end = firing.resolvedAt === null ? now : Date.parse(firing.resolvedAt);
  const words = formatDuration(Math.max(0, end - start), opts);
  return firing.resolvedAt === null ? `${words} so far` : words;
}

export interface NotificationWords {
  /** One word for the status: the table's main line. */
  status: string;
  /** Attempts, and the last error when delivery failed or is being retried. */
  detail: string | undefined;
  /** Whether something went wrong the reader should look at. */
  problem: boolean;
}

function attempts(n: number): string {
  return `${n} ${n === 1 ? "attempt" : "attempts"}`;
}

export function notificationWords(notification: AlertFiring["notification"]): NotificationWords {
  const { status, attempts: n, lastError } = notification;
  switch (status) {
    case "delivered":
      return { status: "Delivered", detail: `after ${attempts(n)}`, problem: false };
    case "failed":
      return { status: "Failed", detail: `after ${attempts(n)}${lastError ? `: ${lastError}` : ""}`, problem: true };
    case "pending":
      return {
        status: "Sending",
        detail: n === 0 ? "not tried yet" : `${attempts(n)} so far${lastError ? `, last: ${lastError}` : ""}`,
        problem: lastError !== null,
      };
    case "none":
      return { status: "No target", detail: undefined, problem: false };
    default:
      // A status this build does not know: say it as it came.
      return { status: String(status), detail: n > 0 ? attempts(n) : undefined, problem: false };
  }
}
