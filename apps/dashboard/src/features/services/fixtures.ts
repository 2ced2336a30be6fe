import type { ServiceRow } from "@closewatch/protocol";

/** Rows shaped like the browser fixture's traffic (chat-api /chat, feed-api /feed), for the unit tests. */
export const CHAT_ROW: ServiceRow = {
  service: "chat-api",
  route: "/chat",
  total: 6,
  perMinute: 0.1,
  byCode: [
    { code: 1009, count: 3 },
    { code: 1008, count: 2 },
    { code: 1000, count: 1 },
  ],
  topCause: { code: 1009, cause: "message_too_big", count: 3 },
};

export const FEED_ROW: ServiceRow = {
  service: "feed-api",
  route: "/feed",
  total: 8,
  perMinute: 8 / 60,
  byCode: [
    { code: 1008, count: 4 },
    { code: 1001, count: 3 },
    { code: 1009, count: 1 },
  ],
  topCause: { code: 1008, cause: "auth_expired", count: 4 },
};

/** A row with no route and only normal closes: no top cause. */
export const QUIET_ROW: ServiceRow = {
  service: "batch-api",
  route: null,
  total: 2,
  perMinute: 2 / 60,
  byCode: [{ code: 1000, count: 2 }],
  topCause: null,
};
