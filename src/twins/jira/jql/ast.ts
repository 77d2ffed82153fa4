/**
 * The parsed form of a JQL query: plain data, no positions, so that `parseJql(formatJql(q))`
 * equals `q` and queries can be compared, stored and printed.
 */

/** A field as written (`name`, unquoted and unescaped) and its lookup key (`key`). */
export interface JqlField {
  /** As written: `Story Points`, `assignee`, `cf[10001]`. */
  name: string;
  /** Lowercase name, or `cf[10001]` for a custom field id: what `resolveField` receives. */
  key: string;
}

export type JqlOperator = "=" | "!=" | "~" | "!~" | "<" | "<=" | ">" | ">=" | "in" | "not in" | "is" | "is not";

export type JqlOperand =
  /** `EMPTY` or `NULL`. */
  | { kind: "empty" }
  /** A quoted or unquoted string, unescaped: `PROJ-123`, `In Progress`, `-7d`. */
  | { kind: "value"; value: string }
  /** An unquoted integer, as written (`10002`, `-3`); quoted digits are a `value`. */
  | { kind: "number"; value: string }
  /** `currentUser()`, `membersOf("jira-users")`, `startOfDay(-1d)`: arguments are strings. */
  | { kind: "function"; name: string; args: string[] }
  /** `(a, b, c)` after IN / NOT IN (Jira also allows nested lists). */
  | { kind: "list"; items: JqlOperand[] };

export type JqlClause =
  | { kind: "terminal"; field: JqlField; operator: JqlOperator; operand: JqlOperand }
  /** Two or more clauses. */
  | { kind: "and"; clauses: JqlClause[] }
  /** Two or more clauses. */
  | { kind: "or"; clauses: JqlClause[] }
  | { kind: "not"; clause: JqlClause };

/** `direction` is undefined when the query names none (the field's default order applies). */
export interface JqlSort {
  field: JqlField;
  direction: "asc" | "desc" | undefined;
}

export interface JqlQuery {
  /** Undefined for an empty query or one that is only `ORDER BY ...`. */
  where: JqlClause | undefined;
  orderBy: JqlSort[];
}
