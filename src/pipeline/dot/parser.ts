/**
 * A recursive-descent parser for the DOT subset of spec section 2, producing the `Graph` model of
 * `graph.ts`. Subgraphs are flattened while parsing: they only scope node/edge defaults and give
 * their nodes a class derived from their label. Choices where the spec is silent are recorded in
 * docs/decisions/0010-0019 and summarised in docs/pipeline/dot.md.
 */
import { createGraph } from "../graph.js";
import type { Attributes, Graph, GraphEdge, GraphNode, SourceLocation } from "../graph.js";
import { DotLexer, describeToken } from "./lexer.js";
import type { Token, TokenKind } from "./lexer.js";

export interface ParseDotOptions {
  /** Where the text came from (a file path); used in error messages and stored as `graph.source`. */
  source?: string;
}

/** Subgraphs deeper than this are rejected, so hostile input cannot exhaust the call stack. */
export const MAX_SUBGRAPH_DEPTH = 100;

/** DOT keywords are case-insensitive in Graphviz, so `Node` cannot name a node either. */
const KEYWORDS = new Set(["digraph", "graph", "subgraph", "node", "edge", "strict"]);
const NODE_ID_RULE = "node ids must match [A-Za-z_][A-Za-z0-9_]*; put display text in the label attribute";

/** The stylesheet class of a subgraph label (spec 2.10): `"Loop A"` becomes `loop-a`. */
export function deriveSubgraphClass(label: string): string {
  return label
    .toLowerCase()
    .replace(/ /g, "-")
    .replace(/[^a-z0-9-]/g, "");
}

/** Parses DOT text into a graph; throws `DotSyntaxError` (code `DOT_SYNTAX`) on any syntax error. */
export function parseDot(text: string, options: ParseDotOptions = {}): Graph {
  return new DotParser(String(text), options.source).parseGraph();
}

/** A subgraph being parsed; its label may be set anywhere inside it, so classes are resolved at the end. */
interface SubgraphFrame {
  label: string | undefined;
}

/** What a block (the graph body or a subgraph) sees: defaults copied from its parent on entry. */
interface Scope {
  nodeDefaults: Attributes;
  edgeDefaults: Attributes;
  /** Enclosing subgraphs, outermost first; empty at the graph's top level. */
  subgraphs: readonly SubgraphFrame[];
}

interface AttributeEntry {
  key: string;
  value: string;
  location: SourceLocation;
}

/** Sets an own property even for `__proto__`, which plain assignment would treat as the prototype. */
function setOwn<Value>(record: Record<string, Value>, key: string, value: Value): void {
  if (key === "__proto__") {
    Object.defineProperty(record, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    record[key] = value;
  }
}

/**
 * A copy made property by property: V8 makes objects created by `{ ...spread }` slow to extend
 * (a 10,000-node graph took several times longer), and `Object.assign` would set the prototype
 * for a `__proto__` key.
 */
function copyAttributes(source: Attributes): Attributes {
  const copy: Attributes = {};
  for (const key in source) setOwn(copy, key, source[key]!);
  return copy;
}

function locationOf(token: { line: number; column: number }): SourceLocation {
  return { line: token.line, column: token.column };
}

/** `[A-Za-z_][A-Za-z0-9_]*` (spec 2.2 Identifier), checked without a regex: it runs once per id and key. */
function isIdentifier(text: string): boolean {
  return isKeySegment(text, 0, text.length);
}

/** An identifier, optionally qualified with dots: `label`, `tool_hooks.pre` (spec 2.2 Key). */
function isAttributeKey(text: string): boolean {
  let segmentStart = 0;
  for (;;) {
    const dot = text.indexOf(".", segmentStart);
    const segmentEnd = dot === -1 ? text.length : dot;
    if (!isKeySegment(text, segmentStart, segmentEnd)) return false;
    if (dot === -1) return true;
    segmentStart = dot + 1;
  }
}

function isKeySegment(text: string, start: number, end: number): boolean {
  if (start >= end) return false;
  for (let index = start; index < end; index++) {
    const code = text.charCodeAt(index);
    const letterOrUnderscore = (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
    if (!letterOrUnderscore && !(index > start && code >= 48 && code <= 57)) return false;
  }
  return true;
}

function keywordOf(token: Token): string | undefined {
  // Keywords are 4 to 8 letters long; checking the length first avoids lowercasing every word.
  if (token.kind !== "word" || token.text.length < 4 || token.text.length > 8) return undefined;
  const lower = token.text.toLowerCase();
  return KEYWORDS.has(lower) ? lower : undefined;
}

/** An identifier suggestion for a quoted id, for the error hint: `"Run tests"` -> `Run_tests`. */
function suggestIdentifier(text: string): string {
  const cleaned = text.replace(/[^A-Za-z0-9_]+/g, "_").replace(/^_+|_+$/g, "");
  if (cleaned === "") return "node_1";
  return /^[0-9]/.test(cleaned) ? `n${cleaned}` : cleaned;
}

class DotParser {
  private readonly lexer: DotLexer;
  private current: Token;
  private readonly graph: Graph;
  /** For each node, the subgraphs it was declared or created in, outermost first, in order seen. */
  private readonly memberships = new Map<GraphNode, SubgraphFrame[]>();

  constructor(text: string, source: string | undefined) {
    this.lexer = new DotLexer(text, source);
    this.current = this.lexer.next();
    this.graph = createGraph("");
    if (source !== undefined) this.graph.source = source;
    this.graph.graphAttributeLocations = {};
  }

  parseGraph(): Graph {
    const keyword = keywordOf(this.current);
    if (keyword === "strict") this.fail('strict graphs are not supported; remove "strict"');
    if (keyword === "graph") this.fail('undirected graphs are not supported; write "digraph" instead of "graph"');
    if (keyword !== "digraph") this.fail(`expected "digraph", found ${describeToken(this.current)}`);
    this.advance();
    this.graph.name = this.parseOptionalName("graph");
    const open = this.expect("{", 'expected "{" to open the graph body');
    this.parseStatements({ nodeDefaults: {}, edgeDefaults: {}, subgraphs: [] }, open, "graph");
    this.advance();
    if (this.current.kind !== "end") {
      const next = keywordOf(this.current);
      if (next === "digraph" || next === "graph" || next === "strict") {
        this.fail(`only one graph per file is supported; found a second graph starting with ${describeToken(this.current)}`);
      }
      this.fail(`expected end of input after the closing "}" of the graph, found ${describeToken(this.current)}`);
    }
    this.resolveSubgraphClasses();
    return this.graph;
  }

  /** A graph or subgraph name: an identifier or a quoted string (as Graphviz allows), or none. */
  private parseOptionalName(what: "graph" | "subgraph"): string {
    const token = this.current;
    if (token.kind === "string" || (token.kind === "word" && isIdentifier(token.text) && !keywordOf(token))) {
      this.advance();
      return token.text;
    }
    if (token.kind === "{") return "";
    const keyword = what === "graph" ? "digraph" : "subgraph";
    this.fail(`expected a ${what} name or "{" after "${keyword}", found ${describeToken(token)}`);
  }

  /** Statements up to (not including) the closing `}` of a block opened at `open`. */
  private parseStatements(scope: Scope, open: Token, block: "graph" | "subgraph"): void {
    for (;;) {
      const token = this.current;
      switch (token.kind) {
        case "}":
          return;
        case ";":
          this.advance();
          break;
        case "word":
          this.parseWordStatement(scope, block);
          break;
        case "end":
          this.fail(`expected "}" to close the ${block} opened at line ${open.line}, column ${open.column}, found end of input`);
          break;
        case "string":
          this.failQuotedNodeId(token);
          break;
        case "{":
          this.fail('anonymous blocks "{ ... }" are not supported; write "subgraph { ... }"');
          break;
        case "arrow":
          this.fail('expected a node id before "->"');
          break;
        default:
          this.fail(`expected a statement (a node, an edge, an attribute or a subgraph), found ${describeToken(token)}`);
      }
    }
  }

  private parseWordStatement(scope: Scope, block: "graph" | "subgraph"): void {
    const token = this.current;
    const keyword = keywordOf(token);
    if (keyword === "graph") {
      this.advance();
      this.applyBlockAttributes(scope, this.parseRequiredAttributeLists(token.text));
    } else if (keyword === "node" || keyword === "edge") {
      this.advance();
      const entries = this.parseRequiredAttributeLists(token.text);
      const defaults = keyword === "node" ? scope.nodeDefaults : scope.edgeDefaults;
      for (const entry of entries) setOwn(defaults, entry.key, entry.value);
    } else if (keyword === "subgraph") {
      this.parseSubgraph(scope);
    } else if (keyword === "digraph" || keyword === "strict") {
      this.fail(`only one graph per file is supported; ${describeToken(token)} cannot appear inside the ${block}`);
    } else {
      this.advance();
      if (this.current.kind === "=") {
        this.applyBlockAttributes(scope, [this.parseAttributeAssignment(token)]);
      } else {
        this.parseNodeOrEdgeStatement(scope, token);
      }
    }
  }

  /** Attributes of the block itself: graph attributes at top level, only the label in a subgraph. */
  private applyBlockAttributes(scope: Scope, entries: AttributeEntry[]): void {
    const innermost = scope.subgraphs[scope.subgraphs.length - 1];
    for (const entry of entries) {
      if (innermost) {
        if (entry.key === "label") innermost.label = entry.value;
      } else {
        setOwn(this.graph.attributes, entry.key, entry.value);
        setOwn(this.graph.graphAttributeLocations ?? {}, entry.key, entry.location);
      }
    }
  }

  private parseSubgraph(scope: Scope): void {
    if (scope.subgraphs.length >= MAX_SUBGRAPH_DEPTH) {
      this.fail(`subgraphs are nested more than ${MAX_SUBGRAPH_DEPTH} levels deep`);
    }
    this.advance();
    this.parseOptionalName("subgraph");
    const open = this.expect("{", 'expected "{" to open the subgraph body');
    const frame: SubgraphFrame = { label: undefined };
    const inner: Scope = {
      nodeDefaults: copyAttributes(scope.nodeDefaults),
      edgeDefaults: copyAttributes(scope.edgeDefaults),
      subgraphs: [...scope.subgraphs, frame],
    };
    this.parseStatements(inner, open, "subgraph");
    this.advance();
  }

  /** `first` has been consumed and is not followed by `=`. */
  private parseNodeOrEdgeStatement(scope: Scope, first: Token): void {
    this.checkNodeId(first);
    this.rejectPortOrUndirectedEdge(first);
    if (this.current.kind !== "arrow") {
      this.declareNode(scope, first, this.parseOptionalAttributeLists());
      return;
    }
    const endpoints = [first];
    while (this.current.kind === "arrow") {
      this.advance();
      const endpoint = this.current;
      if (endpoint.kind === "{" || keywordOf(endpoint) === "subgraph") {
        this.fail("edges to or from subgraphs are not supported; write one edge per node");
      }
      if (endpoint.kind !== "word" && endpoint.kind !== "string") {
        this.fail(`expected a node id after "->", found ${describeToken(endpoint)}`);
      }
      this.checkNodeId(endpoint);
      this.advance();
      this.rejectPortOrUndirectedEdge(endpoint);
      endpoints.push(endpoint);
    }
    const entries = this.parseOptionalAttributeLists();
    for (const endpoint of endpoints) this.ensureNode(scope, endpoint);
    for (let index = 0; index + 1 < endpoints.length; index++) {
      const from = endpoints[index]!;
      const attributes = copyAttributes(scope.edgeDefaults);
      const attributeLocations: Record<string, SourceLocation> = {};
      for (const entry of entries) {
        setOwn(attributes, entry.key, entry.value);
        setOwn(attributeLocations, entry.key, entry.location);
      }
      const to = endpoints[index + 1]!.text;
      const edge: GraphEdge = { from: from.text, to, attributes, location: locationOf(from), attributeLocations };
      this.graph.edges.push(edge);
    }
  }

  private checkNodeId(token: Token): void {
    if (token.kind === "string") this.failQuotedNodeId(token);
    const keyword = keywordOf(token);
    if (keyword) this.failAt(token, `${describeToken(token)} is a keyword and cannot be a node id; ${NODE_ID_RULE}`);
    if (!isIdentifier(token.text)) this.failAt(token, `invalid node id ${describeToken(token)}: ${NODE_ID_RULE}`);
  }

  private failQuotedNodeId(token: Token): never {
    const suggestion = suggestIdentifier(token.text);
    this.failAt(
      token,
      `quoted node ids are not supported (found ${describeToken(token)}); ` +
        `use an identifier such as ${suggestion} and put the text in label=${JSON.stringify(token.text)}`,
    );
  }

  /** Called after a node id has been consumed. */
  private rejectPortOrUndirectedEdge(nodeId: Token): void {
    if (this.current.kind === ":") {
      this.fail(`ports (${nodeId.text}:port) are not supported; refer to nodes by id only`);
    }
    if (this.current.kind === "undirected-edge") {
      this.fail('undirected edges "--" are not supported; use "->"');
    }
  }

  /** A node statement: creates the node with the scope's defaults, or merges into an existing one. */
  private declareNode(scope: Scope, token: Token, entries: AttributeEntry[]): void {
    let node = this.graph.nodes.get(token.text);
    // A declaration inside a subgraph makes an existing node a member too (creation records it).
    if (node) this.recordMembership(node, scope);
    else node = this.createNode(scope, token);
    for (const entry of entries) {
      setOwn(node.attributes, entry.key, entry.value);
      setOwn(node.attributeLocations ?? {}, entry.key, entry.location);
    }
  }

  /** Edge endpoints create nodes first mentioned there; an existing node is left as it is. */
  private ensureNode(scope: Scope, token: Token): void {
    if (!this.graph.nodes.has(token.text)) this.createNode(scope, token);
  }

  /** Defaults apply at creation only, as in Graphviz: a later `node [...]` does not reach back. */
  private createNode(scope: Scope, token: Token): GraphNode {
    const node: GraphNode = {
      id: token.text,
      attributes: copyAttributes(scope.nodeDefaults),
      subgraphClasses: [],
      location: locationOf(token),
      attributeLocations: {},
    };
    this.graph.nodes.set(node.id, node);
    this.recordMembership(node, scope);
    return node;
  }

  private recordMembership(node: GraphNode, scope: Scope): void {
    if (scope.subgraphs.length === 0) return;
    const frames = this.memberships.get(node);
    if (frames) frames.push(...scope.subgraphs);
    else this.memberships.set(node, [...scope.subgraphs]);
  }

  /** Subgraph labels are known only at the end of each subgraph, so classes are derived last. */
  private resolveSubgraphClasses(): void {
    for (const [node, frames] of this.memberships) {
      for (const frame of frames) {
        if (frame.label === undefined) continue;
        const className = deriveSubgraphClass(frame.label);
        if (className !== "" && !node.subgraphClasses.includes(className)) node.subgraphClasses.push(className);
      }
    }
  }

  private parseRequiredAttributeLists(keyword: string): AttributeEntry[] {
    if (this.current.kind !== "[") {
      this.fail(`expected "[" after "${keyword}" (a keyword, so it cannot be a node id), found ${describeToken(this.current)}`);
    }
    return this.parseOptionalAttributeLists();
  }

  /** Zero or more `[ key = value, ... ]` lists; Graphviz allows `[a=1][b=2]`, so do we. */
  private parseOptionalAttributeLists(): AttributeEntry[] {
    const entries: AttributeEntry[] = [];
    while (this.currentKind() === "[") {
      this.advance();
      while (this.currentKind() !== "]") {
        entries.push(this.parseAttribute());
        const separator = this.currentKind();
        if (separator === "," || separator === ";") this.advance();
        else if (separator !== "]") this.fail(`expected "]" or "," after attribute, found ${describeToken(this.current)}`);
      }
      this.advance();
    }
    return entries;
  }

  private parseAttribute(): AttributeEntry {
    const key = this.current;
    if (key.kind === "string") {
      this.fail(`attribute keys must not be quoted (found ${describeToken(key)}); write the key bare, such as label`);
    }
    if (key.kind !== "word") this.fail(`expected an attribute key or "]", found ${describeToken(key)}`);
    this.advance();
    if (this.current.kind !== "=") {
      this.fail(`expected "=" after attribute key ${describeToken(key)}, found ${describeToken(this.current)}`);
    }
    return this.parseAttributeAssignment(key);
  }

  /** `key` has been consumed and the current token is `=`; reads the value after it. */
  private parseAttributeAssignment(key: Token): AttributeEntry {
    if (!isAttributeKey(key.text)) {
      const rule = "keys are identifiers, optionally qualified such as tool_hooks.pre";
      this.failAt(key, `invalid attribute key ${describeToken(key)}: ${rule}`);
    }
    // The lexer sits just after "=", so the value is read in value mode before the next token.
    const value = this.lexer.readValue();
    this.advance();
    return { key: key.text, value: value.text, location: locationOf(key) };
  }

  /** A method rather than a field read, so TypeScript does not keep a narrowing across advance(). */
  private currentKind(): TokenKind {
    return this.current.kind;
  }

  private advance(): void {
    this.current = this.lexer.next();
  }

  private expect(kind: "{", expectation: string): Token {
    const token = this.current;
    if (token.kind !== kind) this.fail(`${expectation}, found ${describeToken(token)}`);
    this.advance();
    return token;
  }

  private fail(detail: string): never {
    this.failAt(this.current, detail);
  }

  private failAt(token: Token, detail: string): never {
    this.lexer.fail(detail, locationOf(token));
  }
}
