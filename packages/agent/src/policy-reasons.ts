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

/**
 * The reason sent when the caller gives none. `limit_exceeded` names its
 * `resource` when there is one ("subscriptions limit exceeded"). The caller
 * cuts it to 123 bytes.
 */
export function defaultPolicyReason(cause: string, evidence?: unknown): string {
  if (cause === "limit_exceeded" && typeof evidence === "object" && evidence !== null && Object.hasOwn(evidence, "resource")) {
    const resource: unknown = Reflect.get(evidence, "resource");
    if (typeof resource === "string" && resource.trim() !== "") return `${resource.trim()} limit exceeded`;
  }
  return isPolicyCause(cause) ? DEFAULT_POLICY_REASONS[cause] : DEFAULT_POLICY_REASONS.unspecified;
}
