export { createAgent } from "./agent.js";
export { AgentError, type AgentErrorCode } from "./errors.js";
export { DEFAULT_POLICY_REASONS } from "./policy-reasons.js";
export type {
  Agent,
  AgentOptions,
  AgentStats,
  Evidence,
  IngestEvent,
  Initiator,
  InstrumentOptions,
  PolicyCause,
  ReportInput,
  ShutdownOptions,
  WsServerLike,
  WsSocketLike,
} from "./types.js";
