/**
 * Names of the registered close codes (RFC 6455 and the IANA registry). The
 * one table both the knowledge base and the dashboard read, so a name cannot
 * differ between the reference page and a chart label. Kept apart from the
 * knowledge base so a bundle can import the names without all its texts.
 */
export const REGISTERED_CODE_NAMES: Readonly<Record<number, string>> = {
  1000: "Normal Closure",
  1001: "Going Away",
  1002: "Protocol Error",
  1003: "Unsupported Data",
  1005: "No Status Received",
  1006: "Abnormal Closure",
  1007: "Invalid Frame Payload Data",
  1008: "Policy Violation",
  1009: "Message Too Big",
  1010: "Mandatory Extension",
  1011: "Internal Error",
  1012: "Service Restart",
  1013: "Try Again Later",
  1014: "Bad Gateway",
  1015: "TLS Handshake",
  3000: "Unauthorized",
  3003: "Forbidden",
  3008: "Timeout",
};

/** The registered name of `code`; throws for a code without one (a knowledge-base authoring error). */
export function registeredName(code: number): string {
  const name = REGISTERED_CODE_NAMES[code];
  if (name === undefined) throw new Error(`close code ${code} has no registered name`);
  return name;
}
