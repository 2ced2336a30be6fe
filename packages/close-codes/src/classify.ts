import { GENERIC_CAUSE_BY_CODE, causesForCode, genericCause, isCauseValidForCode } from "./causes.js";
import { normaliseReason } from "./normalise-reason.js";
import { POLICY_RULES, SIZE_RULES, type ReasonRule } from "./reason-patterns.js";
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
 * Which rules can read the reason of each code. 1006 is reported locally by
 * the side that enforced a size limit (uWebSockets.js "Received too big
 * message", a tungstenite capacity error), so it borrows the size rules.
 */
const RULES_BY_CODE: ReadonlyMap<number, readonly ReasonRule[]> = new Map([
  [1008, POLICY_RULES],
  [1009, SIZE_RULES],
  [1006, SIZE_RULES],
]);

/** Codes whose generic cause has finer siblings (1006): the code alone cannot be certain. */
const CODES_WITH_FINER_CAUSES: ReadonlySet<number> = new Set(
  Object.keys(GENERIC_CAUSE_BY_CODE)
    .map(Number)
    .filter((code) => causesForCode(code).length > 1),
);

function matchReason(rules: readonly ReasonRule[], reason: string): ReasonRule | undefined {
  const text = normaliseReason(reason);
  if (text === "") return undefined;
  for (const rule of rules) {
    if (rule.pattern.test(text) && (!rule.also || rule.also.test(text)) && !rule.unless?.test(text)) return rule;
  }
  return undefined;
}

/**
 * Decide why a connection closed. Evidence ranks: a structured cause from the
 * agent, then the ws error code, then the reason text, then the code alone.
 * Called for every ingested event: the regexes are compiled once at load.
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

  const rules = RULES_BY_CODE.get(code);
  if (rules && reason) {
    const rule = matchReason(rules, reason);
    if (rule) return { cause: rule.cause, confidence: rule.confidence, source: "reason" };
  }

  const fallback = genericCause(code);
  const confidence = fallback === "unspecified" ? 0 : CODES_WITH_FINER_CAUSES.has(code) ? 0.8 : 1;
  return { cause: fallback, confidence, source: "code" };
}
