/** A scenario's expectations, evaluated against a finished trial: one result each, in order. */
import type { Expectation, ExpectationResult } from "../model.js";
import { evaluateQuery, type TrialView } from "./query.js";

export function evaluateExpectations(expectations: Expectation[], view: TrialView): ExpectationResult[] {
  return expectations.map((expectation) => {
    const result = evaluateQuery(expectation.query, view);
    return {
      id: expectation.id,
      ...(expectation.description !== undefined ? { description: expectation.description } : {}),
      passed: result.passed,
      detail: result.detail,
      ...(result.error !== undefined ? { error: result.error } : {}),
    };
  });
}
