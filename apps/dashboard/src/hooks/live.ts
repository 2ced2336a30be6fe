import type { LiveMessage } from "@closewatch/protocol";
import { isStoredEvent } from "../api/guards.js";

/** The live socket is on the page's own origin: ws: for http pages, wss: for https. */
export function liveUrl(location: { protocol: string; host: string }, path = "/api/live"): string {
  return `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}${path}`;
}

/** Parse one frame from /api/live; anything else (bad JSON, unknown type) is ignored, not fatal. */
export function parseLiveMessage(data: string): LiveMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null || !("type" in value)) return undefined;
  if (value.type === "hello" && "serverTime" in value && typeof value.serverTime === "string") {
    return { type: "hello", serverTime: value.serverTime };
  }
  if (value.type === "events" && "events" in value && Array.isArray(value.events)) {
    return { type: "events", events: value.events.filter(isStoredEvent) };
  }
  return undefined;
}

export const BACKOFF_BASE_MS = 500;
export const BACKOFF_MAX_MS = 10_000;

/**
 * Delay before reconnect attempt `attempt` (0-based): exponential, capped at
 * 10 s, with jitter in the upper half so many dashboards do not reconnect in step.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
