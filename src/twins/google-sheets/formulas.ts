/**
 * Formulas, enough for what agents write: numbers, strings, TRUE/FALSE, cell references (with a
 * sheet, quoted or not, and `$` anchors), ranges as function arguments, `+ - * / ^ &`, unary
 * minus, `%`, comparisons, parentheses, and SUM, AVERAGE, MIN, MAX and COUNT. Any other
 * function is `#NAME?`, as Google shows a function it does not know; text that does not parse
 * is `#ERROR!`. Results are computed on read from the cells they reference (ADR 0133).
 */
import { type A1Area, type BoundedArea, parseArea } from "../google-common/a1-notation.js";

export type FormulaErrorCode = "#NAME?" | "#DIV/0!" | "#VALUE!" | "#REF!" | "#ERROR!" | "#NUM!" | "#N/A";

export interface FormulaError {
  error: FormulaErrorCode;
  message: string;
}

/** A computed value; undefined is an empty cell. */
export type Value = number | string | boolean | FormulaError | undefined;

export interface CellResolver {
  /** The value of a cell of the named sheet (undefined: the formula's own); a missing sheet is #REF!. */
  cell(sheetName: string | undefined, row: number, column: number): Value;
  /** The bounds of an area on a sheet, open ends closed by the sheet's grid; undefined: no such sheet. */
  bound(sheetName: string | undefined, area: A1Area): BoundedArea | undefined;
}

export function isFormulaError(value: unknown): value is FormulaError {
  return typeof value === "object" && value !== null && "error" in value;
}

const fail = (error: FormulaErrorCode, message: string): FormulaError => ({ error, message });

type Node =
  | { kind: "number"; value: number }
  | { kind: "string"; value: string }
  | { kind: "boolean"; value: boolean }
  | { kind: "reference"; sheet?: string; area: A1Area; single: boolean }
  | { kind: "call"; name: string; args: Node[] }
  | { kind: "unary"; operator: "-" | "+" | "%"; operand: Node }
  | { kind: "binary"; operator: string; left: Node; right: Node }
  | { kind: "name"; name: string }
  | { kind: "error"; code: FormulaErrorCode };

type Token = { type: "error"; value: "#REF!" } | { type: "number"; value: number } | { type: "string"; value: string } | { type: "word"; value: string } | { type: "sheet"; value: string } | { type: "symbol"; value: string };

class FormulaSyntaxError extends Error {}

const SYMBOLS = ["<>", "<=", ">=", "+", "-", "*", "/", "^", "&", "=", "<", ">", "(", ")", ",", ":", "%"];

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < text.length) {
    const rest = text.slice(index);
    const space = /^\s+/.exec(rest);
    if (space) {
      index += space[0].length;
      continue;
    }
    const number = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(rest);
    if (number) {
      tokens.push({ type: "number", value: Number(number[0]) });
      index += number[0].length;
      continue;
    }
    if (rest.toUpperCase().startsWith("#REF!")) {
      // What a reference to deleted cells becomes (formula-references.ts).
      tokens.push({ type: "error", value: "#REF!" });
      index += 5;
      continue;
    }
    if (rest.startsWith('"')) {
      const match = /^"((?:[^"]|"")*)"/.exec(rest);
      if (!match) throw new FormulaSyntaxError("unterminated string");
      tokens.push({ type: "string", value: match[1]!.replace(/""/g, '"') });
      index += match[0].length;
      continue;
    }
    if (rest.startsWith("'")) {
      const match = /^'((?:[^']|'')+)'!/.exec(rest);
      if (!match) throw new FormulaSyntaxError("bad sheet name");
      tokens.push({ type: "sheet", value: match[1]!.replace(/''/g, "'") });
      index += match[0].length;
      continue;
    }
    const word = /^[$A-Za-z_][$A-Za-z0-9_.]*/.exec(rest);
    if (word) {
      if (rest[word[0].length] === "!") {
        tokens.push({ type: "sheet", value: word[0] });
        index += word[0].length + 1;
      } else {
        tokens.push({ type: "word", value: word[0] });
        index += word[0].length;
      }
      continue;
    }
    const symbol = SYMBOLS.find((candidate) => rest.startsWith(candidate));
    if (!symbol) throw new FormulaSyntaxError(`unexpected ${rest[0]}`);
    tokens.push({ type: "symbol", value: symbol });
    index += symbol.length;
  }
  return tokens;
}

/** Recursive descent, lowest precedence first: comparison, &, + -, * /, ^, unary, %, primary. */
function parse(text: string): Node {
  const tokens = tokenize(text);
  let position = 0;
  const peek = () => tokens[position];
  const isSymbol = (value: string) => peek()?.type === "symbol" && peek()!.value === value;
  const expect = (value: string) => {
    if (!isSymbol(value)) throw new FormulaSyntaxError(`expected ${value}`);
    position += 1;
  };
  const binary = (operators: string[], next: () => Node) => (): Node => {
    let left = next();
    while (peek()?.type === "symbol" && operators.includes(String(peek()!.value))) {
      const operator = tokens[position++]!.value as string;
      left = { kind: "binary", operator, left, right: next() };
    }
    return left;
  };
  const primary = (): Node => {
    const token = tokens[position++];
    if (!token) throw new FormulaSyntaxError("unexpected end");
    if (token.type === "number") return { kind: "number", value: token.value };
    if (token.type === "string") return { kind: "string", value: token.value };
    if (token.type === "error") return { kind: "error", code: token.value };
    if (token.type === "symbol" && token.value === "(") {
      const inner = comparison();
      expect(")");
      return inner;
    }
    if (token.type === "sheet") {
      const reference = peek();
      if (reference?.type !== "word" && reference?.type !== "number") throw new FormulaSyntaxError("expected a reference");
      position += 1;
      return referenceNode(String(reference.value), token.value);
    }
    if (token.type === "word") {
      if (isSymbol("(")) {
        position += 1;
        const args: Node[] = [];
        if (!isSymbol(")")) {
          args.push(comparison());
          while (isSymbol(",")) {
            position += 1;
            args.push(comparison());
          }
        }
        expect(")");
        return { kind: "call", name: token.value.toUpperCase(), args };
      }
      const upper = token.value.toUpperCase();
      if (upper === "TRUE" || upper === "FALSE") return { kind: "boolean", value: upper === "TRUE" };
      return referenceNode(token.value);
    }
    throw new FormulaSyntaxError(`unexpected ${String(token.value)}`);
  };
  const referenceNode = (first: string, sheet?: string): Node => {
    let text = first.replace(/\$/g, "");
    if (isSymbol(":")) {
      position += 1;
      const second = tokens[position++];
      if (second?.type !== "word" && second?.type !== "number") throw new FormulaSyntaxError("expected the end of a range");
      text += `:${String(second.value).replace(/\$/g, "")}`;
    }
    const area = parseArea(text);
    if (!area) {
      if (sheet === undefined && !text.includes(":")) return { kind: "name", name: first };
      throw new FormulaSyntaxError(`bad reference ${text}`);
    }
    return { kind: "reference", sheet, area, single: !text.includes(":") };
  };
  const postfix = (): Node => {
    let node = primary();
    while (isSymbol("%")) {
      position += 1;
      node = { kind: "unary", operator: "%", operand: node };
    }
    return node;
  };
  const unary = (): Node => {
    if (isSymbol("-") || isSymbol("+")) {
      const operator = tokens[position++]!.value as "-" | "+";
      return { kind: "unary", operator, operand: unary() };
    }
    return postfix();
  };
  const power = binary(["^"], unary);
  const product = binary(["*", "/"], power);
  const sum = binary(["+", "-"], product);
  const concatenation = binary(["&"], sum);
  const comparison = binary(["=", "<>", "<", ">", "<=", ">="], concatenation);
  const tree = comparison();
  if (position < tokens.length) throw new FormulaSyntaxError("unexpected text after the formula");
  return tree;
}

/** Parsed formulas by text, kept by the caller for the span of one read (no module state). */
export type FormulaCache = Map<string, unknown>;

function parseCached(formula: string, cache: FormulaCache | undefined): Node | FormulaError {
  let tree = cache?.get(formula) as Node | FormulaError | undefined;
  if (tree === undefined) {
    try {
      tree = parse(formula.replace(/^=/, ""));
    } catch (error) {
      tree = fail("#ERROR!", `Formula parse error. (${error instanceof Error ? error.message : String(error)})`);
    }
    cache?.set(formula, tree);
  }
  return tree;
}

function toNumber(value: Value): number | FormulaError {
  if (isFormulaError(value)) return value;
  if (value === undefined || value === "") return 0;
  if (typeof value === "number") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  const number = Number(value.trim());
  return value.trim() !== "" && Number.isFinite(number) ? number : fail("#VALUE!", `Function expects number values. But '${value}' is a text and cannot be coerced to a number.`);
}

function toText(value: Value): string {
  if (value === undefined) return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return String(value);
}

function numberResult(value: number): number | FormulaError {
  return Number.isFinite(value) ? value : fail("#NUM!", "The result is not a finite number.");
}

type Argument = { values: Value[]; fromRange: true } | { values: [Value]; fromRange: false };

const AGGREGATES: Readonly<Record<string, (numbers: number[]) => number | FormulaError>> = {
  SUM: (numbers) => numbers.reduce((total, number) => total + number, 0),
  AVERAGE: (numbers) => (numbers.length === 0 ? fail("#DIV/0!", "Evaluation of function AVERAGE caused a divide by zero error.") : numbers.reduce((total, number) => total + number, 0) / numbers.length),
  MIN: (numbers) => (numbers.length === 0 ? 0 : Math.min(...numbers)),
  MAX: (numbers) => (numbers.length === 0 ? 0 : Math.max(...numbers)),
  COUNT: (numbers) => numbers.length,
};

function compare(operator: string, left: Value, right: Value): boolean {
  const normal = (value: Value) => (typeof value === "string" ? value.toLowerCase() : value === undefined ? 0 : value);
  const a = normal(left) as number | string | boolean;
  const b = normal(right) as number | string | boolean;
  switch (operator) {
    case "=":
      return a === b;
    case "<>":
      return a !== b;
    case "<":
      return a < b;
    case ">":
      return a > b;
    case "<=":
      return a <= b;
    default:
      return a >= b;
  }
}

function evaluateNode(node: Node, resolver: CellResolver): Value {
  switch (node.kind) {
    case "number":
    case "string":
    case "boolean":
      return node.value;
    case "error":
      return fail(node.code, "Reference does not exist.");
    case "name":
      return fail("#NAME?", `Unknown range name: '${node.name.toUpperCase()}'.`);
    case "reference": {
      if (!node.single) return fail("#VALUE!", "An array value could not be found.");
      if (!resolver.bound(node.sheet, node.area)) return fail("#REF!", `Unresolved sheet name '${node.sheet ?? ""}'.`);
      return resolver.cell(node.sheet, node.area.startRow!, node.area.startColumn!) ?? 0;
    }
    case "unary": {
      const operand = toNumber(evaluateNode(node.operand, resolver));
      if (isFormulaError(operand)) return operand;
      return node.operator === "-" ? -operand : node.operator === "%" ? operand / 100 : operand;
    }
    case "binary": {
      const left = evaluateNode(node.left, resolver);
      const right = evaluateNode(node.right, resolver);
      if (isFormulaError(left)) return left;
      if (isFormulaError(right)) return right;
      if (node.operator === "&") return toText(left) + toText(right);
      if (["=", "<>", "<", ">", "<=", ">="].includes(node.operator)) return compare(node.operator, left, right);
      const a = toNumber(left);
      const b = toNumber(right);
      if (isFormulaError(a)) return a;
      if (isFormulaError(b)) return b;
      switch (node.operator) {
        case "+":
          return numberResult(a + b);
        case "-":
          return numberResult(a - b);
        case "*":
          return numberResult(a * b);
        case "/":
          return b === 0 ? fail("#DIV/0!", "Function DIVIDE parameter 2 cannot be zero.") : numberResult(a / b);
        default:
          return numberResult(a ** b);
      }
    }
    case "call":
      return callFunction(node, resolver);
  }
}

function argumentValues(node: Node, resolver: CellResolver): Argument | FormulaError {
  if (node.kind !== "reference") return { values: [evaluateNode(node, resolver)], fromRange: false };
  const area = resolver.bound(node.sheet, node.area);
  if (!area) return fail("#REF!", `Unresolved sheet name '${node.sheet ?? ""}'.`);
  const values: Value[] = [];
  for (let row = area.startRow; row < area.endRow; row++) for (let column = area.startColumn; column < area.endColumn; column++) values.push(resolver.cell(node.sheet, row, column));
  return { values, fromRange: true };
}

function callFunction(node: Extract<Node, { kind: "call" }>, resolver: CellResolver): Value {
  const aggregate = AGGREGATES[node.name];
  if (!aggregate) return fail("#NAME?", `Unknown function: '${node.name}'.`);
  const numbers: number[] = [];
  for (const argument of node.args) {
    const values = argumentValues(argument, resolver);
    if (isFormulaError(values)) return values;
    for (const value of values.values) {
      if (isFormulaError(value)) return value;
      if (typeof value === "number") numbers.push(value);
      else if (!values.fromRange && node.name !== "COUNT" && value !== undefined) {
        // A value given directly is converted; one read from a range is skipped unless a number.
        const number = toNumber(value);
        if (isFormulaError(number)) return number;
        numbers.push(number);
      }
    }
  }
  const result = aggregate(numbers);
  return isFormulaError(result) ? result : numberResult(result);
}

/** The value of a formula (with or without its leading `=`) against the cells the resolver reads. */
export function evaluateFormula(formula: string, resolver: CellResolver, cache?: FormulaCache): Value {
  const tree = parseCached(formula, cache);
  if (isFormulaError(tree)) return tree;
  const value = evaluateNode(tree, resolver);
  return value === undefined ? 0 : value;
}
