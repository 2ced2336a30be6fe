import { isCauseValidForCode } from "@closewatch/close-codes";
import type { AlertRuleInput } from "@closewatch/protocol";
import type { FastifySchemaValidationError } from "fastify";

/**
 * A factor baseline must span at least this many windows: the average of one
 * or two windows is itself just noise, and a spike compared with noise is not
 * a spike.
 */
export const MIN_BASELINE_WINDOWS = 4;

export interface RuleProblem {
  /** JSON pointer into the body, e.g. `/cause`. */
  path: string;
  message: string;
}

/** What the schema cannot say about a rule; empty when the rule makes sense. */
export function checkRule(input: AlertRuleInput): RuleProblem[] {
  const problems: RuleProblem[] = [];
  if (input.cause !== undefined) {
    const cause = input.cause;
    const without = input.codes.filter((code) => !isCauseValidForCode(code, cause));
    if (without.length > 0) {
      problems.push({
        path: "/cause",
        message: `"${cause}" is not a cause of close code ${without.join(", ")}; a rule with a cause needs it under every one of its codes`,
      });
    }
  }
  const t = input.threshold;
  if (t.kind === "factor" && t.baselineSeconds < MIN_BASELINE_WINDOWS * input.windowSeconds) {
    problems.push({
      path: "/threshold/baselineSeconds",
      message: `must cover at least ${MIN_BASELINE_WINDOWS} windows (≥ ${MIN_BASELINE_WINDOWS * input.windowSeconds} s for a ${input.windowSeconds} s window) for its average to mean anything`,
    });
  }
  return problems;
}

/**
 * The problems as a body validation error, so the one error handler answers
 * them exactly like a schema failure: 400 COLLECTOR_ERR_VALIDATION with
 * `errors: [{ path: "body/cause", message }]`.
 */
export function ruleProblemsError(problems: readonly RuleProblem[]): Error {
  const validation: FastifySchemaValidationError[] = problems.map((p) => ({
    keyword: "closewatch",
    instancePath: p.path,
    schemaPath: `#${p.path}`,
    params: {},
    message: p.message,
  }));
  return Object.assign(new Error(problems.map((p) => `body${p.path} ${p.message}`).join("; ")), {
    statusCode: 400,
    validation,
    validationContext: "body",
  });
}
