/** The user's server of the live-latency scenario (argv[2], JSON). */
export interface UserServerArgs {
  /** Collector base URL the agent ships to. */
  endpoint: string;
  flushIntervalMs: number;
  /** Client connections kept open to the server; each one the server closes is replaced. */
  pool: number;
}

export interface UserServerInfo {
  port: number;
}

/** "close" request: the server closes `count` connections at `perSecond`, reason `${prefix}${n}`. */
export interface CloseParams {
  prefix: string;
  count: number;
  perSecond: number;
}

/** Reply to "close": when each close happened (server-side 'close' event, wall-clock ms), by reason. */
export interface CloseReply {
  closedAt: Array<[reason: string, at: number]>;
  /** Closes asked for but not seen within the wait (the pool ran dry, say). */
  missing: number;
}

/** The dashboards child (argv[2], JSON). */
export interface DashboardsArgs {
  /** ws://…/api/live */
  url: string;
  count: number;
}

/** "collect" request: wait until every dashboard has seen every reason in `reasons`, or `timeoutMs`. */
export interface CollectParams {
  reasons: string[];
  timeoutMs: number;
}

export interface CollectReply {
  /** For each reason, the arrival time (wall-clock ms) on each dashboard, NaN if it never came. */
  arrivals: Array<[reason: string, at: Float64Array]>;
  /** "events" messages received by the first dashboard since the last "reset". */
  messages: number;
  /** The "events" payload of median size seen by the first dashboard, as sent (to time its serialization). */
  medianPayload: string;
  /** Dashboards closed by the collector (e.g. 1013 for a backlog) since the start. */
  closedByCollector: number;
}

/** Token put in the close reason; the live message's `reason` carries it back. */
export const MEASURED_PREFIX = "bench-live:";
