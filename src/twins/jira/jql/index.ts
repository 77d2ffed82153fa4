/**
 * The JQL engine of the Jira twin: parse (with Jira's error sentences), print, validate and
 * evaluate queries against the caller's issues. Pure functions: no I/O, the clock is passed in.
 */
export type { JqlClause, JqlField, JqlOperand, JqlOperator, JqlQuery, JqlSort } from "./ast.js";
export { JqlError, type JqlErrorCode, type JqlPosition } from "./errors.js";
export { parseJql } from "./parser.js";
export { formatJql } from "./format.js";
export { compileJql, type CompiledJql, type CompileOptions, type JqlFieldValue } from "./evaluator.js";
export { fieldsOf, validate, type JqlProblem, type JqlProblemCode, type ValidateOptions } from "./validate.js";
