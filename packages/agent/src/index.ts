export { createAgent } from "./agent.js";
export { AgentError, type AgentErrorCode } from "./errors.js";
export { DEFAULT_POLICY_REASONS } from "./policy-reasons.js";
export type {
  Agent,
  AgentOptions,
  AgentStats,
  Evidence,
  EvidenceValue,
  ExtraEvidence,
  IngestEvent,
  Initiator,
  InstrumentOptions,
  PolicyCause,
  PolicyEvidence,
  PolicyEvidenceMap,
  ReportInput,
  ShutdownOptions,
  WsServerLike,
  WsSocketLike,
} from "./types.js";
