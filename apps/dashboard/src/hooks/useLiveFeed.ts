import type { StoredEvent } from "@closewatch/protocol";
import { useEffect, useRef, useState } from "react";
import { mergeEvents } from "../lib/events.js";
import { backoffDelay, liveUrl, parseLiveMessage } from "./live.js";

/** `connecting`: first attempt; `open`: receiving; `reconnecting`: lost, retrying with backoff; `off`: not enabled (waiting for a sign-in). */
export type LiveStatus = "connecting" | "open" | "reconnecting" | "off";

export interface LiveFeedOptions {
  /** Called with every batch the collector pushes. */
  onEvents?: (events: StoredEvent[]) => void;
  /** Called when the socket opens after a drop or a failed attempt: events may have been missed. */
  onReconnect?: () => void;
  /** How many recent live events to keep. */
  keep?: number;
  /** False while the page waits for a sign-in: no socket (it would only be refused). */
  enabled?: boolean;
}

export interface LiveFeed {
  status: LiveStatus;
  /** Events received on the socket since the page loaded, newest first. */
  events: StoredEvent[];
}

/**
 * Subscribe to `/api/live` for the lifetime of the component: reconnects with
 * exponential backoff (capped at 10 s) and closes with 1000 on unmount.
 */
export function useLiveFeed({ onEvents, onReconnect, keep = 200, enabled = true }: LiveFeedOptions = {}): LiveFeed {
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const [events, setEvents] = useState<StoredEvent[]>([]);

  // Latest callbacks without reconnecting when their identity changes.
  const callbacks = useRef({ onEvents, onReconnect });
  useEffect(() => {
    callbacks.current = { onEvents, onReconnect };
  });

  useEffect(() => {
    if (!enabled) return;
    // A new socket after sign-in starts over (the last one may have been "open" before sign-out).
    setStatus("connecting");
    let socket: WebSocket | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0; // failed or dropped connections since the last successful open
    let everOpened = false;
    let stopped = false;

    const connect = () => {
      const ws = new WebSocket(liveUrl(window.location));
      socket = ws;
      ws.onopen = () => {
        const recovered = everOpened || attempt > 0;
        attempt = 0;
        everOpened = true;
        setStatus("open");
        if (recovered) callbacks.current.onReconnect?.();
      };
      ws.onmessage = (message: MessageEvent<unknown>) => {
        if (typeof message.data !== "string") return;
        const parsed = parseLiveMessage(message.data);
        if (parsed?.type !== "events" || parsed.events.length === 0) return;
        setEvents((prev) => mergeEvents([parsed.events, prev], keep));
        callbacks.current.onEvents?.(parsed.events);
      };
      ws.onclose = () => {
        socket = undefined;
        if (stopped) return;
        setStatus("reconnecting");
        retry = setTimeout(connect, backoffDelay(attempt));
        attempt += 1;
      };
      // An error is always followed by close, which schedules the retry.
    };

    connect();
    return () => {
      stopped = true;
      if (retry !== undefined) clearTimeout(retry);
      socket?.close(1000, "dashboard closed");
    };
  }, [keep, enabled]);

  // Derived, not stored: the moment the feed is switched off, no stale "Live" stays on screen.
  return { status: enabled ? status : "off", events };
}
