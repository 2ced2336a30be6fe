import { EmptyState } from "../../components/States.js";
import { SUGGESTED_RULE } from "./ruleForm.js";
import { NEW_RULE_CLASS } from "./newRuleFocus.js";
import { thresholdWords, timingWords } from "./ruleWords.js";

interface EmptyRulesProps {
  onCreateSuggested: () => void;
  onOpenForm: (opener: HTMLElement) => void;
  /** The suggested rule is being created. */
  creating: boolean;
}

/** No rules yet: offer the one most teams want, in one click, and say what it does. */
export function EmptyRules({ onCreateSuggested, onOpenForm, creating }: EmptyRulesProps) {
  return (
    <EmptyState title="No alert rules yet">
      <p className="muted alert-empty-text">
        A rule watches close codes and fires when they spike, here and on a webhook of your choice. The suggested one
        watches <strong>1009 Message Too Big</strong> on all services: it fires at {thresholdWords(SUGGESTED_RULE)}{" "}
        ({timingWords(SUGGESTED_RULE)}).
      </p>
      <div className="state-actions centered alert-empty-actions">
        <button
          type="button"
          className={`button button-primary ${NEW_RULE_CLASS}`}
          disabled={creating}
          onClick={onCreateSuggested}
        >
          {creating ? "Creating…" : "Create the suggested 1009 rule"}
        </button>
        <button type="button" className="button" onClick={(e) => onOpenForm(e.currentTarget)}>
          Write your own rule
        </button>
      </div>
    </EmptyState>
  );
}
