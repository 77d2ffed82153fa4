/**
 * The model stylesheet (spec 8): CSS-like rules in the graph's `model_stylesheet` attribute
 * that give nodes default `llm_model`, `llm_provider` and `reasoning_effort` values.
 *
 *   * { llm_model: claude-sonnet-4-5; }   .code { llm_model: "claude-opus-4-6" }   #review { reasoning_effort: high }
 *
 * Errors carry a line and column within the stylesheet text and say what was expected.
 */
import { LightsoutError } from "../errors.js";
import { REASONING_EFFORTS } from "./attributes.js";
import type { GraphNode, SourceLocation } from "./graph.js";

export const STYLE_PROPERTIES = ["llm_model", "llm_provider", "reasoning_effort"] as const;
export type StyleProperty = (typeof STYLE_PROPERTIES)[number];
export type StyleProperties = Partial<Record<StyleProperty, string>>;

export type StyleSelector =
  | { kind: "universal" }
  | { kind: "shape"; shape: string }
  | { kind: "class"; className: string }
  | { kind: "id"; nodeId: string };

/** Spec 8.3: universal 0 < shape 1 < class 2 < id 3. */
export type Specificity = 0 | 1 | 2 | 3;

export interface StyleDeclaration {
  property: StyleProperty;
  value: string;
  /** Within the stylesheet text, 1-based. */
  location: SourceLocation;
}

export interface StyleRule {
  selector: StyleSelector;
  specificity: Specificity;
  /** Position among the rules of its stylesheet, so later rules win at equal specificity. */
  order: number;
  declarations: StyleDeclaration[];
  location: SourceLocation;
}

export type StylesheetParseResult =
  | { ok: true; rules: StyleRule[] }
  /** `line` and `column` are 1-based within the stylesheet text; `message` names them. */
  | { ok: false; message: string; reason: string; line: number; column: number };

const SPECIFICITY: Record<StyleSelector["kind"], Specificity> = { universal: 0, shape: 1, class: 2, id: 3 };
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*/;
/** The spec says `[a-z0-9-]+`; `class` attributes are free text, so upper case and `_` are accepted too. */
const CLASS_NAME = /^[A-Za-z0-9_-]+/;
/** A bare value runs to whitespace or a delimiter: model ids contain `.`, `-`, `/` and `:`. */
const BARE_VALUE = /^[^\s;{}"]+/;

class StylesheetSyntaxProblem {
  constructor(
    readonly reason: string,
    readonly location: SourceLocation,
  ) {}
}

class StylesheetParser {
  private position = 0;
  private line = 1;
  private lineStart = 0;

  constructor(private readonly text: string) {}

  parse(): StyleRule[] {
    const rules: StyleRule[] = [];
    for (;;) {
      this.skipSpaceAndComments();
      if (this.atEnd()) return rules;
      rules.push(this.parseRule(rules.length));
    }
  }

  private parseRule(order: number): StyleRule {
    const location = this.location();
    const selector = this.parseSelector();
    this.skipSpaceAndComments();
    if (this.peek() === ",") this.fail("selector lists are not supported; write one rule per selector");
    this.expect("{", `'{' after the selector`);
    const declarations: StyleDeclaration[] = [];
    for (;;) {
      this.skipSpaceAndComments();
      if (this.peek() === "}") break;
      if (this.peek() === ";") {
        // Empty declarations (`;;`, or a `;` right after `{`) are harmless, as in CSS.
        this.advance(1);
        continue;
      }
      if (this.atEnd()) this.fail("expected a declaration or '}' before the end of the stylesheet");
      declarations.push(this.parseDeclaration());
      this.skipSpaceAndComments();
      if (this.peek() === ";") this.advance(1);
      else if (this.peek() !== "}") this.fail(`expected ';' or '}' after the value, found ${this.describeHere()}`);
    }
    this.advance(1);
    return { selector, specificity: SPECIFICITY[selector.kind], order, declarations, location };
  }

  private parseSelector(): StyleSelector {
    const character = this.peek();
    if (character === "*") {
      this.advance(1);
      return { kind: "universal" };
    }
    if (character === "#") {
      this.advance(1);
      return { kind: "id", nodeId: this.take(IDENTIFIER, "a node id after '#'") };
    }
    if (character === ".") {
      this.advance(1);
      return { kind: "class", className: this.take(CLASS_NAME, "a class name after '.' (letters, digits, '-', '_')") };
    }
    return { kind: "shape", shape: this.take(IDENTIFIER, "a selector ('*', a shape name, '#node_id' or '.class')") };
  }

  private parseDeclaration(): StyleDeclaration {
    const location = this.location();
    const property = this.take(IDENTIFIER, "a property (llm_model, llm_provider or reasoning_effort)");
    if (!(STYLE_PROPERTIES as readonly string[]).includes(property)) {
      throw new StylesheetSyntaxProblem(`unknown property '${property}'; expected llm_model, llm_provider or reasoning_effort`, location);
    }
    this.skipSpaceAndComments();
    this.expect(":", `':' after '${property}'`);
    this.skipSpaceAndComments();
    const valueLocation = this.location();
    const value = this.peek() === '"' ? this.parseQuotedValue() : this.take(BARE_VALUE, `a value for '${property}'`);
    if (property === "reasoning_effort" && !(REASONING_EFFORTS as readonly string[]).includes(value)) {
      throw new StylesheetSyntaxProblem(`reasoning_effort must be low, medium or high, found '${value}'`, valueLocation);
    }
    return { property: property as StyleProperty, value, location };
  }

  private parseQuotedValue(): string {
    const opening = this.location();
    this.advance(1);
    let value = "";
    while (!this.atEnd()) {
      const character = this.text[this.position]!;
      if (character === '"') {
        this.advance(1);
        return value;
      }
      if (character === "\\" && this.position + 1 < this.text.length) {
        value += this.text[this.position + 1]!;
        this.advance(2);
        continue;
      }
      value += character;
      this.advance(1);
    }
    throw new StylesheetSyntaxProblem("unterminated string: missing closing '\"'", opening);
  }

  private skipSpaceAndComments(): void {
    while (!this.atEnd()) {
      if (/\s/.test(this.text[this.position]!)) {
        this.advance(1);
      } else if (this.text.startsWith("/*", this.position)) {
        const opening = this.location();
        const end = this.text.indexOf("*/", this.position + 2);
        if (end < 0) throw new StylesheetSyntaxProblem("unterminated comment: missing '*/'", opening);
        this.advance(end + 2 - this.position);
      } else {
        return;
      }
    }
  }

  private take(pattern: RegExp, expected: string): string {
    const match = pattern.exec(this.text.slice(this.position));
    if (!match) this.fail(`expected ${expected}, found ${this.describeHere()}`);
    this.advance(match[0].length);
    return match[0];
  }

  private expect(token: string, expected: string): void {
    if (!this.text.startsWith(token, this.position)) this.fail(`expected ${expected}, found ${this.describeHere()}`);
    this.advance(token.length);
  }

  /** Moves forward, keeping the line and column of `position` current. */
  private advance(count: number): void {
    const end = Math.min(this.position + count, this.text.length);
    for (; this.position < end; this.position += 1) {
      if (this.text[this.position] === "\n") {
        this.line += 1;
        this.lineStart = this.position + 1;
      }
    }
  }

  private describeHere(): string {
    if (this.atEnd()) return "the end of the stylesheet";
    const token = /^([A-Za-z0-9_./-]+|\S)/.exec(this.text.slice(this.position))?.[0] ?? "";
    return `'${token}'`;
  }

  private fail(reason: string): never {
    throw new StylesheetSyntaxProblem(reason, this.location());
  }

  private peek(): string | undefined {
    return this.text[this.position];
  }

  private atEnd(): boolean {
    return this.position >= this.text.length;
  }

  private location(): SourceLocation {
    return { line: this.line, column: this.position - this.lineStart + 1 };
  }
}

/** Parses without throwing: the lint rule and the transform want failures as data. */
export function tryParseStylesheet(text: string): StylesheetParseResult {
  try {
    return { ok: true, rules: new StylesheetParser(text).parse() };
  } catch (error) {
    if (!(error instanceof StylesheetSyntaxProblem)) throw error;
    const { line, column } = error.location;
    return { ok: false, reason: error.reason, line, column, message: `model_stylesheet ${line}:${column}: ${error.reason}` };
  }
}

/** Parses a stylesheet; throws LightsoutError `STYLESHEET_SYNTAX` with line:column. */
export function parseStylesheet(text: string): StyleRule[] {
  const result = tryParseStylesheet(text);
  if (!result.ok) throw new LightsoutError("STYLESHEET_SYNTAX", result.message);
  return result.rules;
}

/** A node's classes: its comma-separated `class` attribute, then those of its subgraphs. */
export function nodeClasses(node: Pick<GraphNode, "attributes" | "subgraphClasses">): string[] {
  const own = (node.attributes["class"] ?? "")
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "");
  return [...own, ...node.subgraphClasses];
}

export function selectorMatches(selector: StyleSelector, node: Pick<GraphNode, "id" | "attributes" | "subgraphClasses">): boolean {
  switch (selector.kind) {
    case "universal":
      return true;
    case "shape":
      // `box` is the default shape (spec 2.6), so it matches nodes that do not set one.
      return (node.attributes["shape"] ?? "box") === selector.shape;
    case "class":
      return nodeClasses(node).includes(selector.className);
    case "id":
      return node.id === selector.nodeId;
  }
}

/** Lower specificity first, then source order: applying in this order lets the winner write last. */
function compareRulePrecedence(left: StyleRule, right: StyleRule): number {
  return left.specificity - right.specificity || left.order - right.order;
}

/**
 * The stylesheet's properties for a node: the highest specificity wins, and the later rule wins
 * at equal specificity. Explicit node attributes are not considered here (the transform does that).
 */
export function resolveStyle(rules: readonly StyleRule[], node: Pick<GraphNode, "id" | "attributes" | "subgraphClasses">): StyleProperties {
  const matching = rules.filter((rule) => selectorMatches(rule.selector, node)).sort(compareRulePrecedence);
  const properties: StyleProperties = {};
  for (const rule of matching) {
    for (const declaration of rule.declarations) properties[declaration.property] = declaration.value;
  }
  return properties;
}

/** The selector as written, for messages. */
export function describeSelector(selector: StyleSelector): string {
  switch (selector.kind) {
    case "universal":
      return "*";
    case "shape":
      return selector.shape;
    case "class":
      return `.${selector.className}`;
    case "id":
      return `#${selector.nodeId}`;
  }
}
