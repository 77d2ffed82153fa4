/**
 * A recursive-descent JQL parser whose grammar and error choices follow Jira's (Jql.g):
 *
 *   query    := clause? ( ORDER BY sort ( ',' sort )* )?
 *   clause   := and ( OR and )*            and := not ( AND not )*
 *   not      := ( NOT | '!' ) not | '(' clause ')' | field operator operand
 *   field    := string | number | cf '[' digits ']'
 *   operator := = != ~ !~ < <= > >= | IN | NOT IN | IS | IS NOT
 *   operand  := EMPTY | NULL | string | number | name '(' args? ')' | '(' operand ( ',' operand )* ')'
 *   sort     := field ( ASC | DESC )?
 *
 * Precedence is NOT > AND > OR. `&`/`&&` mean AND, `|`/`||` mean OR and `!` means NOT.
 * Errors are JqlErrors worded as Jira words them, with Jira's line and character.
 */
import type { JqlClause, JqlField, JqlOperand, JqlOperator, JqlQuery, JqlSort } from "./ast.js";
import { messages } from "./errors.js";
import { tokenize, type Keyword, type Token } from "./lexer.js";

/** Parse a JQL query; throws JqlError (and nothing else) on any malformed input. */
export function parseJql(text: string): JqlQuery {
  return new Parser(tokenize(text)).query();
}

/** Tokens that may follow a value: a string or number followed by anything else is an error. */
function followsValue(token: Token): boolean {
  return (
    token.kind === "end" ||
    token.kind === ")" ||
    token.kind === "," ||
    (token.kind === "keyword" && (token.keyword === "and" || token.keyword === "or" || token.keyword === "order"))
  );
}

/** Parentheses, NOTs and lists nest at most this deep, so that no input can exhaust the stack. */
export const MAX_NESTING = 200;

class Parser {
  private index = 0;
  /** How many lists deep the parser is: a stray token in a list expects ',' or ')'. */
  private listDepth = 0;
  /** How many parentheses, NOTs and lists deep the parser is. */
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  query(): JqlQuery {
    let where: JqlClause | undefined;
    let orderBy: JqlSort[] = [];
    if (this.peek().kind !== "end" && !this.isKeyword("order")) where = this.orClause();
    if (this.isKeyword("order")) orderBy = this.orderBy();
    const token = this.peek();
    if (token.kind !== "end") {
      if (orderBy.length > 0) throw messages.expected(",", token.text, token.position);
      throw messages.needLogicalOperator(token.text, token.position);
    }
    return { where, orderBy };
  }

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)] as Token;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== "end") this.index += 1;
    return token;
  }

  private isKeyword(keyword: Keyword, offset = 0): boolean {
    const token = this.peek(offset);
    return token.kind === "keyword" && token.keyword === keyword;
  }

  /** Consume a token of `kind`, or fail with "Expecting 'x' but got ...". */
  private expect(kind: ")" | "[" | "]", shown: string = kind): Token {
    const token = this.peek();
    if (token.kind === kind) return this.next();
    if (token.kind === "end") throw messages.expectedAtEnd(shown, token.position);
    throw messages.expected(shown, token.text, token.position);
  }

  private orClause(): JqlClause {
    const clauses = [this.andClause()];
    while (this.isKeyword("or")) {
      this.next();
      clauses.push(this.andClause());
    }
    return clauses.length === 1 ? (clauses[0] as JqlClause) : { kind: "or", clauses };
  }

  private andClause(): JqlClause {
    const clauses = [this.notClause()];
    while (this.isKeyword("and")) {
      this.next();
      clauses.push(this.notClause());
    }
    return clauses.length === 1 ? (clauses[0] as JqlClause) : { kind: "and", clauses };
  }

  /** Run `parse` one level deeper, failing at the token that opens a level too many. */
  private nested<T>(token: Token, parse: () => T): T {
    if (this.depth >= MAX_NESTING) throw messages.tooDeep(MAX_NESTING, token.position);
    this.depth += 1;
    const result = parse();
    this.depth -= 1;
    return result;
  }

  private notClause(): JqlClause {
    const token = this.peek();
    if (token.kind === "!" || this.isKeyword("not")) {
      this.next();
      return this.nested(token, () => ({ kind: "not", clause: this.notClause() }));
    }
    if (token.kind === "(") {
      this.next();
      return this.nested(token, () => {
        const clause = this.orClause();
        this.expect(")");
        return clause;
      });
    }
    const field = this.field();
    const operator = this.operator();
    const operand = this.operand();
    return { kind: "terminal", field, operator, operand };
  }

  private field(): JqlField {
    const token = this.peek();
    if (token.kind === "number") {
      this.next();
      return { name: token.text, key: token.text };
    }
    if (token.kind === "string" || token.kind === "quoted") {
      this.next();
      if (token.text.trim() === "") throw messages.emptyFieldName(token.position);
      return { name: token.text, key: token.text.toLowerCase() };
    }
    if (token.kind === "keyword" && token.keyword === "cf") {
      this.next();
      this.expect("[");
      const id = this.peek();
      if (id.kind === "end") throw messages.badCustomFieldIdAtEnd(id.position);
      if (id.kind !== "number" || id.text.startsWith("-")) throw messages.badCustomFieldId(id.text, id.position);
      this.next();
      this.expect("]");
      const name = `cf[${BigInt(id.text).toString()}]`;
      return { name, key: name };
    }
    if (token.kind === "[") throw messages.noCustomFieldPrefix(token.position);
    if (token.kind === "end") throw messages.noFieldAtEnd(token.position);
    throw messages.noField(token.text, token.position);
  }

  private operator(): JqlOperator {
    const token = this.next();
    if (token.kind === "operator") return token.operator;
    if (token.kind === "keyword") {
      switch (token.keyword) {
        case "in":
          return "in";
        case "is":
          if (!this.isKeyword("not")) return "is";
          this.next();
          return "is not";
        case "not": {
          const following = this.peek();
          if (this.isKeyword("in")) {
            this.next();
            return "not in";
          }
          if (following.kind === "end") throw messages.expectedAtEnd("IN", following.position);
          throw messages.expected("IN", following.text, following.position);
        }
        case "was":
        case "changed":
          throw messages.unsupportedOperator(token.keyword.toUpperCase(), token.position);
        default:
          break;
      }
    }
    if (token.kind === "end") throw messages.noOperatorAtEnd(token.position);
    throw messages.noOperator(token.text, token.position);
  }

  private operand(): JqlOperand {
    const token = this.peek();
    if (token.kind === "keyword" && token.keyword === "empty") {
      this.next();
      return { kind: "empty" };
    }
    if (token.kind === "string" || token.kind === "quoted" || token.kind === "number") {
      const following = this.peek(1);
      if (following.kind === "(") return this.functionCall();
      if (!followsValue(following)) {
        if (this.listDepth > 0) throw messages.expectedEither(",", ")", following.text, following.position);
        throw messages.needLogicalOperator(following.text, following.position);
      }
      this.next();
      return token.kind === "number" ? { kind: "number", value: token.text } : { kind: "value", value: token.text };
    }
    if (token.kind === "(") return this.nested(token, () => this.list());
    if (token.kind === "end") throw messages.badOperandAtEnd(token.position);
    throw messages.badOperand(token.text, token.position);
  }

  private list(): JqlOperand {
    this.next();
    this.listDepth += 1;
    const items = [this.operand()];
    while (this.peek().kind === ",") {
      this.next();
      items.push(this.operand());
    }
    this.expect(")");
    this.listDepth -= 1;
    return { kind: "list", items };
  }

  private functionCall(): JqlOperand {
    const nameToken = this.next();
    if (nameToken.text.trim() === "") throw messages.emptyFunctionName(nameToken.position);
    this.next();
    const args: string[] = [];
    if (isArgument(this.peek())) {
      args.push(this.next().text);
      while (this.peek().kind === ",") {
        this.next();
        const argument = this.peek();
        if (argument.kind === ")" || argument.kind === ",") throw messages.emptyFunctionArgument(argument.position);
        if (argument.kind === "end") throw messages.badFunctionArgumentAtEnd(argument.position);
        if (!isArgument(argument)) throw messages.badFunctionArgument(argument.text, argument.position);
        args.push(this.next().text);
      }
      const after = this.peek();
      if (after.kind !== ")" && after.kind !== "end") throw messages.expectedEither(")", ",", after.text, after.position);
    } else {
      const after = this.peek();
      if (after.kind !== ")" && after.kind !== "end" && after.kind !== ",") {
        throw messages.badFunctionArgument(after.text, after.position);
      }
    }
    this.expect(")");
    return { kind: "function", name: nameToken.text, args };
  }

  private orderBy(): JqlSort[] {
    this.next();
    const by = this.peek();
    if (!this.isKeyword("by")) {
      if (by.kind === "end") throw messages.expectedAtEnd("BY", by.position);
      throw messages.expected("BY", by.text, by.position);
    }
    this.next();
    const sorts = [this.sort()];
    while (this.peek().kind === ",") {
      this.next();
      sorts.push(this.sort());
    }
    return sorts;
  }

  private sort(): JqlSort {
    const field = this.field();
    const token = this.peek();
    if (token.kind === "keyword" && (token.keyword === "asc" || token.keyword === "desc")) {
      this.next();
      return { field, direction: token.keyword };
    }
    if (token.kind !== "end" && token.kind !== ",") throw messages.badSortOrder(token.text, token.position);
    return { field, direction: undefined };
  }
}

function isArgument(token: Token): boolean {
  return token.kind === "string" || token.kind === "quoted" || token.kind === "number";
}
