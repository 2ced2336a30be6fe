import type { AgentStats } from "@closewatch/agent";

/** How the echo server child is started (argv[2], JSON). */
export interface EchoServerArgs {
  /** Instrument the server with a closewatch agent; omitted: plain ws, the baseline. */
  agent?: { endpoint: string; flushIntervalMs: number; maxQueueSize?: number };
}

export interface EchoServerInfo {
  port: number;
}

/** Params of the "mark" request: starts a measurement window. */
export interface EchoMarkParams {
  /** Run a full GC first, so `heapUsedBytes` of the next sample is comparable. */
  gc: boolean;
}

/** Reply to "sample": what the server process used since the last "mark". */
export interface EchoServerSample {
  /** CPU time (user + system) since the mark, µs. */
  cpuMicros: number;
  rssPeakBytes: number;
  heapPeakBytes: number;
  /** heapUsed now (after a full GC when asked). */
  heapUsedBytes: number;
  /** heapUsed right after the mark's GC. */
  heapAtMarkBytes: number;
  /** Largest `agent.stats().queued` seen since the mark (sampled every 20 ms). */
  queueHighWater: number;
  stats: AgentStats | undefined;
  /** Agent problems by code (onError), since the start. */
  agentErrors: Record<string, number>;
  connections: number;
}

/**
 * Text frames are commands from the churn clients so that some closes start
 * on the server: "close:<code>" closes with that code, "terminate" drops the
 * socket. Binary frames are echoed.
 */
export const CLOSE_COMMAND = "close:";
export const TERMINATE_COMMAND = "terminate";
