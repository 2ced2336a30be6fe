import type { CodeInfo } from "@closewatch/protocol";
import { codeEntryFor, type CauseOption } from "../explorer/knowledge.js";

/**
 * The causes a rule can narrow to: those the knowledge base lists under every
 * one of the rule's codes (the collector refuses a cause that one of them
 * cannot have), in the first code's order. A cause the rule already has
 * stays listed even when its codes no longer explain it, so the select never
 * misstates the rule; the collector then says what is wrong with it.
 */
export function causeOptionsForCodes(
  knowledge: readonly CodeInfo[],
  codes: readonly number[],
  current: string,
): CauseOption[] {
  const [first, ...rest] = codes.map((code) => codeEntryFor(knowledge, code)?.causes ?? []);
  const options: CauseOption[] = (first ?? [])
    .filter((cause) => rest.every((causes) => causes.some((c) => c.id === cause.id)))
    .map((c) => ({ id: c.id, label: `${c.id} — ${c.title}` }));
  if (current && !options.some((o) => o.id === current)) options.push({ id: current, label: current });
  return options;
}
