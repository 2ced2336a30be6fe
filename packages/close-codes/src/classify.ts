import { genericCause, isCauseValidForCode } from "./causes.js";
import { REASON_RULES } from "./reason-patterns.js";
import { WS_ERROR_CLOSES } from "./ws-errors.js";

export interface CloseInput {
  code: number;
  reason?: string;
  /** A structured cause reported by the agent; trusted when it is valid for the code. */
  cause?: string;
  /** `err.code` of the ws error that led to the close, e.g. WS_ERR_UNSUPPORTED_MESSAGE_LENGTH. */
  wsErrorCode?: string;
}

export type ClassificationSource = "agent" | "ws_error" | "reason" | "code";

export interface Classification {
  cause: string;
  /** 0..1: how sure the classifier is. `code` fallbacks are certain only for codes with one cause. */
  confidence: number;
  source: ClassificationSource;
}

/**
 * Decide why a connection closed. Evidence ranks: a structured cause from the
 * agent, then the ws error code, then the reason text, then the code alone.
 */
export function classifyClose(input: CloseInput): Classification {
  const { code, reason, cause, wsErrorCode } = input;

  if (cause && isCauseValidForCode(code, cause)) {
    return { cause, confidence: 1, source: "agent" };
  }

  if (wsErrorCode) {
    const mapped = WS_ERROR_CLOSES[wsErrorCode];
    if (mapped && isCauseValidForCode(code, mapped.cause)) {
      return { cause: mapped.cause, confidence: 1, source: "ws_error" };
    }
  }

  if ((code === 1008 || code === 1009) && reason) {
    const rule = REASON_RULES.find((r) => r.code === code && r.pattern.test(reason));
    if (rule) return { cause: rule.cause, confidence: 0.8, source: "reason" };
  }

  const fallback = genericCause(code);
  return { cause: fallback, confidence: fallback === "unspecified" ? 0 : 1, source: "code" };
}
