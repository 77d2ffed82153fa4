/**
 * What Jira checks after parsing, as data: fields that do not exist, values a field cannot hold,
 * functions it does not know and dates it cannot read, each with Jira's sentence. The caller
 * decides what is known (its fields, its values) and whether a problem is a 400 or no results.
 */
import type { JqlClause, JqlField, JqlOperand, JqlOperator, JqlQuery } from "./ast.js";
import { isDateFunction, parseDateValue } from "./dates.js";

export type JqlProblemCode = "field-unknown" | "value-unknown" | "function-unknown" | "date-invalid";

export interface JqlProblem {
  code: JqlProblemCode;
  /** Jira's sentence, e.g. `Field 'foo' does not exist or you do not have permission to view it.` */
  message: string;
  /** The field as written in the query. */
  field: string;
}

export interface ValidateOptions {
  /**
   * The hook for values: false reports `The value 'XYZ' does not exist for the field 'project'.`
   * `field` is the lookup key (lowercase, or `cf[10001]`); `value` is as written. Not asked for
   * text searches (`~`, `!~`), EMPTY or functions.
   */
  valueExists?: (field: string, value: string, operator: JqlOperator) => boolean;
  /** Function names known besides the built-ins (currentUser, membersOf and the date functions). */
  functions?: Iterable<string>;
  /** Keys of date fields, whose values must be dates; defaults to Jira's system date fields. */
  dateFields?: Iterable<string>;
}

const SYSTEM_DATE_FIELDS = ["created", "createddate", "updated", "updateddate", "resolved", "resolutiondate", "due", "duedate", "lastviewed"];
const BUILT_IN_FUNCTIONS = ["currentuser", "membersof"];
const TEXT_OPERATORS: ReadonlySet<JqlOperator> = new Set(["~", "!~"]);
const DATE_FORMATS =
  "Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.";

/** The keys of every field the query names, in its WHERE clause and its ORDER BY, each once. */
export function fieldsOf(query: JqlQuery): string[] {
  const keys = new Set<string>();
  for (const field of whereFields(query.where)) keys.add(field.key);
  for (const sort of query.orderBy) keys.add(sort.field.key);
  return [...keys];
}

/**
 * Problems in a parsed query, in the order Jira would meet them. `knownFields` holds field names
 * or keys (case-insensitive: `Story Points`, `cf[10001]`) or is a predicate over keys. ORDER BY
 * fields are not checked: Jira Cloud passes over a sort field it does not know.
 */
export function validate(
  query: JqlQuery,
  knownFields: Iterable<string> | ((field: string) => boolean),
  options: ValidateOptions = {},
): JqlProblem[] {
  const knownKeys = typeof knownFields === "function" ? undefined : keySet(knownFields);
  const isKnown = typeof knownFields === "function" ? knownFields : (key: string) => knownKeys?.has(key) === true;
  const functions = keySet([...BUILT_IN_FUNCTIONS, ...(options.functions ?? [])]);
  const dateFields = keySet(options.dateFields ?? SYSTEM_DATE_FIELDS);
  const problems: JqlProblem[] = [];
  const reportedFields = new Set<string>();

  const checkOperand = (field: JqlField, operator: JqlOperator, operand: JqlOperand): void => {
    switch (operand.kind) {
      case "empty":
        return;
      case "list":
        for (const item of operand.items) checkOperand(field, operator, item);
        return;
      case "function":
        if (!functions.has(operand.name.toLowerCase()) && !isDateFunction(operand.name)) {
          problems.push({ code: "function-unknown", message: `Unable to find JQL function '${operand.name}()'.`, field: field.name });
        }
        return;
      case "value":
      case "number":
        if (TEXT_OPERATORS.has(operator)) return;
        if (dateFields.has(field.key)) {
          if (operand.kind === "value" && parseDateValue(operand.value, 0) === undefined) {
            const message = `Date value '${operand.value}' for field '${field.name}' is invalid. ${DATE_FORMATS}`;
            problems.push({ code: "date-invalid", message, field: field.name });
          }
          return;
        }
        if (options.valueExists !== undefined && !options.valueExists(field.key, operand.value, operator)) {
          const message =
            operand.kind === "number"
              ? `A value with ID '${operand.value}' does not exist for the field '${field.name}'.`
              : `The value '${operand.value}' does not exist for the field '${field.name}'.`;
          problems.push({ code: "value-unknown", message, field: field.name });
        }
        return;
    }
  };

  const visit = (clause: JqlClause | undefined): void => {
    if (clause === undefined) return;
    if (clause.kind === "not") return visit(clause.clause);
    if (clause.kind === "and" || clause.kind === "or") return clause.clauses.forEach(visit);
    const { field, operator, operand } = clause;
    if (!isKnown(field.key)) {
      if (!reportedFields.has(field.key)) {
        reportedFields.add(field.key);
        problems.push({
          code: "field-unknown",
          message: `Field '${field.name}' does not exist or you do not have permission to view it.`,
          field: field.name,
        });
      }
      return;
    }
    checkOperand(field, operator, operand);
  };
  visit(query.where);
  return problems;
}

function keySet(names: Iterable<string>): Set<string> {
  return new Set([...names].map((name) => name.toLowerCase()));
}

function whereFields(clause: JqlClause | undefined): JqlField[] {
  if (clause === undefined) return [];
  if (clause.kind === "terminal") return [clause.field];
  if (clause.kind === "not") return whereFields(clause.clause);
  return clause.clauses.flatMap(whereFields);
}
