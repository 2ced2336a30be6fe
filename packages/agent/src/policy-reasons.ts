import type { PolicyCause } from "./types.js";

/**
 * Default close-frame reason for each 1008 cause. Short (a reason is at most
 * 123 bytes), human, and worded so that the collector's reason classifier
 * would land on the same cause even if the structured cause were lost.
 */
export const DEFAULT_POLICY_REASONS: Readonly<Record<PolicyCause, string>> = {
  rate_limit: "rate limit exceeded",
  auth_expired: "authentication expired",
  auth_invalid: "authentication failed",
  forbidden: "forbidden",
  origin_rejected: "origin not allowed",
  content_rejected: "invalid message content",
  limit_exceeded: "connection limit exceeded",
  fragment_flood: "too many message fragments",
  unspecified: "policy violation",
};

export function isPolicyCause(cause: string): cause is PolicyCause {
  return Object.hasOwn(DEFAULT_POLICY_REASONS, cause);
}

export function defaultPolicyReason(cause: string): string {
  return isPolicyCause(cause) ? DEFAULT_POLICY_REASONS[cause] : DEFAULT_POLICY_REASONS.unspecified;
}
