/**
 * The close mix both benchmarks use: the demo's traffic weights (apps/demo
 * src/traffic.ts: mostly normal closes, a steady share of 1008/1009) plus a
 * little of what third-party servers send. The ingest load generator builds
 * wire events from it; the query fill writes the rows the collector would
 * have stored for the same closes (hence `storedCause`/`causeSource`, which
 * are what @closewatch/close-codes classifies each kind as).
 */

export type EvidenceKind = "none" | "rate" | "token" | "inbound" | "outbound";

export interface CloseKind {
  readonly name: string;
  /** Relative frequency; the weights add up to 100. */
  readonly weight: number;
  readonly code: number;
  readonly initiator: "server" | "client" | "none";
  readonly reason: string;
  /** Structured cause the agent sends, if any. */
  readonly agentCause?: string;
  readonly wsErrorCode?: string;
  /** Cause and source the collector stores for this close. */
  readonly storedCause: string;
  readonly causeSource: "agent" | "ws_error" | "reason" | "code";
  readonly evidence: EvidenceKind;
}

export const CLOSE_MIX: readonly CloseKind[] = [
  { name: "polite", weight: 30, code: 1000, initiator: "client", reason: "bye", storedCause: "normal", causeSource: "code", evidence: "none" },
  { name: "navigating", weight: 10, code: 1001, initiator: "client", reason: "page unloaded", storedCause: "going_away", causeSource: "code", evidence: "none" },
  { name: "upload-done", weight: 10, code: 1000, initiator: "client", reason: "uploaded", storedCause: "normal", causeSource: "code", evidence: "none" },
  { name: "rate-limit", weight: 12, code: 1008, initiator: "server", reason: "rate limit exceeded", agentCause: "rate_limit", storedCause: "rate_limit", causeSource: "agent", evidence: "rate" },
  { name: "token-expired", weight: 8, code: 1008, initiator: "server", reason: "authentication expired", agentCause: "auth_expired", storedCause: "auth_expired", causeSource: "agent", evidence: "token" },
  { name: "no-token", weight: 3, code: 1008, initiator: "server", reason: "missing or malformed token", agentCause: "auth_invalid", storedCause: "auth_invalid", causeSource: "agent", evidence: "none" },
  {
    name: "upload-too-big",
    weight: 14,
    code: 1009,
    initiator: "server",
    reason: "",
    agentCause: "message_too_big",
    wsErrorCode: "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH",
    storedCause: "message_too_big",
    causeSource: "agent",
    evidence: "inbound",
  },
  { name: "dropped", weight: 6, code: 1006, initiator: "none", reason: "", storedCause: "abnormal", causeSource: "code", evidence: "none" },
  { name: "replaced", weight: 4, code: 4001, initiator: "client", reason: "session replaced", storedCause: "application", causeSource: "code", evidence: "none" },
  // A server without the agent's closePolicy: only the reason text tells the cause.
  { name: "third-party-throttle", weight: 1, code: 1008, initiator: "server", reason: "Too many requests, slow down", storedCause: "rate_limit", causeSource: "reason", evidence: "none" },
  { name: "client-too-big", weight: 1, code: 1009, initiator: "client", reason: "", agentCause: "message_too_big", storedCause: "message_too_big", causeSource: "agent", evidence: "outbound" },
  { name: "internal-error", weight: 1, code: 1011, initiator: "server", reason: "internal error", storedCause: "internal_error", causeSource: "code", evidence: "none" },
];

/** Twenty services; traffic is skewed towards the first ones (weights 1/(i+1)). */
export const SERVICES: readonly string[] = [
  "chat-api", "notifications", "trading-feed", "game-lobby", "presence",
  "collab-editor", "support-chat", "market-data", "iot-gateway", "video-signaling",
  "live-scores", "ride-tracking", "auction-bids", "doc-sync", "graphql-subscriptions",
  "ops-console", "telemetry-stream", "voice-rooms", "price-alerts", "admin-dashboard",
];

export const ROUTES: readonly string[] = ["/ws", "/live", "/graphql"];

/** The message size limit (ws `maxPayload`) each service enforces. */
export function sizeLimitOf(serviceIndex: number): number {
  return serviceIndex % 3 === 0 ? 1_048_576 : 65_536;
}

/**
 * `slots` indexes into `items`, each repeated in proportion to its weight,
 * so one uniform random slot picks by weight (in JavaScript and in SQL alike).
 */
export function weightedSlots(weights: readonly number[], slots = 100): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const out: number[] = [];
  let acc = 0;
  weights.forEach((w, i) => {
    acc += w;
    while (out.length < Math.round((acc / total) * slots)) out.push(i);
  });
  return out;
}

export const MIX_SLOTS: readonly number[] = weightedSlots(CLOSE_MIX.map((k) => k.weight));
export const SERVICE_SLOTS: readonly number[] = weightedSlots(SERVICES.map((_, i) => 1 / (i + 1)));
