/**
 * The way to add a rule ("New rule", or the suggested rule when there are
 * none) carries this class: focus lands there when what had it is gone (a
 * deleted rule's card, the empty state once the first rule exists).
 */
export const NEW_RULE_CLASS = "alert-new-rule";

/** After the next render, so the button is there (and enabled) again. */
export function focusNewRule(): void {
  requestAnimationFrame(() => document.querySelector<HTMLElement>(`.${NEW_RULE_CLASS}`)?.focus());
}
