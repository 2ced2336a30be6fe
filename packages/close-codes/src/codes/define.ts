import { causesForCode } from "../causes.js";
import { GENERIC_CAUSE_INFO } from "./generic-causes.js";
import { POLICY_CAUSE_INFO } from "./policy-causes.js";
import { SIZE_CAUSE_INFO } from "./size-causes.js";
import type { CauseEntry, CodeEntry, CodeSpec } from "./types.js";

function tableFor(code: number, id: string): Readonly<Record<string, CauseEntry>> {
  if (code === 1008) return POLICY_CAUSE_INFO;
  if (code === 1009) return SIZE_CAUSE_INFO;
  // 1006 borrows the size causes: the side that enforced a size limit records 1006.
  if (id !== "unspecified" && Object.hasOwn(SIZE_CAUSE_INFO, id)) return SIZE_CAUSE_INFO;
  return GENERIC_CAUSE_INFO;
}

/** The explanation of one cause id as it applies to `code`. */
export function causeEntryFor(code: number, id: string): CauseEntry {
  const table = tableFor(code, id);
  const entry = Object.hasOwn(table, id) ? table[id] : undefined;
  // A missing text is a bug in this package; fail at import time, not in a request.
  if (!entry) throw new Error(`close-codes: no explanation for cause "${id}" of code ${code}`);
  return entry;
}

function freezeEntry(entry: CodeEntry): CodeEntry {
  for (const cause of entry.causes) Object.freeze(Object.freeze(cause).fixHints);
  Object.freeze(entry.causes);
  Object.freeze(entry.fixHints);
  return Object.freeze(entry);
}

/**
 * Turns a family's specs into entries. The causes always come from
 * causesForCode(from), so the knowledge base cannot drift from the classifier.
 */
export function defineCodes(family: string, specs: readonly CodeSpec[]): CodeEntry[] {
  return specs.map((spec) =>
    freezeEntry({
      from: spec.from,
      to: spec.to ?? spec.from,
      name: spec.name,
      family,
      meaning: spec.meaning,
      sentBy: spec.sentBy,
      onWire: spec.onWire ?? true,
      reconnect: spec.reconnect,
      causes: causesForCode(spec.from).map((id) => causeEntryFor(spec.from, id)),
      fixHints: [...spec.fixHints],
    }),
  );
}
