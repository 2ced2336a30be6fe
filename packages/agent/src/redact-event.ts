import type { IngestEvent } from "@closewatch/protocol";
import type { Redactor } from "./redact.js";
import { cutText, labelText, MAX_EVIDENCE_STRING, MAX_SERVICE_CHARS, truncateUtf8 } from "./sanitize.js";

/**
 * Redacts, in place, every free-text field of an event the agent built (close
 * reason, service / instance / route labels, string evidence values), then
 * bounds each again: a marker can be longer than what it replaced.
 * `reasonDone`: the reason was redacted already, before it was cut (report()).
 */
export function redactEvent(event: IngestEvent, redactor: Redactor, reasonDone = false): IngestEvent {
  if (!reasonDone && event.reason.length > 0) event.reason = truncateUtf8(redactor.text(event.reason));
  event.service = cutText(redactor.label(event.service), MAX_SERVICE_CHARS);
  if (event.instance !== undefined) event.instance = labelText(redactor.label(event.instance));
  if (event.route !== undefined) event.route = labelText(redactor.label(event.route));
  const evidence = event.evidence;
  if (evidence !== undefined) {
    for (const key of Object.keys(evidence)) {
      const value = evidence[key];
      if (typeof value === "string" && value.length > 0) {
        const redacted = redactor.text(value);
        if (redacted !== value) evidence[key] = cutText(redacted, MAX_EVIDENCE_STRING);
      }
    }
  }
  return event;
}
