/**
 * Property tests of the DOT parser: random valid pipelines round-trip through a small printer,
 * and mutated or random text either parses or fails with a located DotSyntaxError, never anything else.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { Graph } from "../graph.js";
import { DotSyntaxError, deriveSubgraphClass, parseDot } from "./index.js";

/** An attribute value as written in DOT (`source`) and the string it denotes (`text`). */
interface Value {
  source: string;
  text: string;
}

interface Attribute {
  key: string;
  value: Value;
}

type Statement =
  | { kind: "graph-attribute"; attribute: Attribute; style: "declaration" | "block" }
  | { kind: "defaults"; target: "node" | "edge"; attributes: Attribute[] }
  | { kind: "node"; id: string; attributes: Attribute[] }
  | { kind: "edge"; ids: string[]; attributes: Attribute[] }
  | { kind: "subgraph"; name: string | undefined; label: Value | undefined; labelStyle: "declaration" | "block"; statements: Statement[] };

interface Layout {
  attributeSeparator: string;
  statementEnd: string;
  comment: string;
}

const KEYWORDS = new Set(["digraph", "graph", "subgraph", "node", "edge", "strict"]);

const identifier = fc
  .stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,6}$/)
  .filter((text) => !KEYWORDS.has(text.toLowerCase()));
/** A small pool so ids repeat: redeclarations, merges and nodes first created by edges. */
const nodeId = fc.oneof(fc.constantFrom("start", "exit", "plan", "__proto__", "constructor", "Review_2"), identifier);
const key = fc.oneof(
  fc.constantFrom("label", "prompt", "shape", "timeout", "tool_hooks.pre", "human.default_choice", "__proto__"),
  fc.tuple(identifier, fc.option(identifier, { nil: undefined })).map(([head, tail]) => (tail ? `${head}.${tail}` : head)),
);

/** Pieces of a quoted string: source text and what it decodes to (spec 2.2 and ADR 0012). */
const stringFragment: fc.Arbitrary<Value> = fc.oneof(
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 4 })
    .filter((text) => !text.includes('"') && !text.includes("\\"))
    .map((text) => ({ source: text, text })),
  fc.constantFrom<Value>(
    { source: '\\"', text: '"' },
    { source: "\\\\", text: "\\" },
    { source: "\\n", text: "\n" },
    { source: "\\t", text: "\t" },
    { source: "\\l", text: "\\l" },
    { source: "\\r", text: "\\r" },
    { source: "\n", text: "\n" },
    { source: "\\\n", text: "" },
    { source: "//", text: "//" },
    { source: "/*", text: "/*" },
    { source: "->", text: "->" },
    { source: "]", text: "]" },
  ),
);

const quotedValue: fc.Arbitrary<Value> = fc
  .tuple(fc.array(stringFragment, { maxLength: 6 }), fc.array(stringFragment, { maxLength: 3 }), fc.boolean())
  .map(([first, second, concatenate]) => {
    const join = (fragments: Value[]): Value => ({
      source: fragments.map((fragment) => fragment.source).join(""),
      text: fragments.map((fragment) => fragment.text).join(""),
    });
    const head = join(first);
    if (!concatenate) return { source: `"${head.source}"`, text: head.text };
    const tail = join(second);
    return { source: `"${head.source}" + "${tail.source}"`, text: head.text + tail.text };
  });

const unquotedValue: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: -1000, max: 100_000 }).map(String),
  fc.tuple(fc.integer({ min: -99, max: 99 }), fc.nat(9999)).map(([whole, fraction]) => `${whole}.${fraction}`),
  fc.tuple(fc.nat(100_000), fc.constantFrom("ms", "s", "m", "h", "d")).map(([amount, unit]) => `${amount}${unit}`),
  fc.constantFrom("true", "false", "LR", "claude-sonnet-4-5", "summary:high", "gpt-5.2", "wait.human"),
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.:-]{0,10}$/),
);

const value: fc.Arbitrary<Value> = fc.oneof(quotedValue, unquotedValue.map((text) => ({ source: text, text })));
const attribute: fc.Arbitrary<Attribute> = fc.record({ key, value });
const attributes = fc.array(attribute, { maxLength: 4 });

function statementsOf(depth: number): fc.Arbitrary<Statement[]> {
  const leaves: Array<fc.Arbitrary<Statement>> = [
    fc.record({ kind: fc.constant("graph-attribute" as const), attribute, style: fc.constantFrom("declaration" as const, "block" as const) }),
    fc.record({ kind: fc.constant("defaults" as const), target: fc.constantFrom("node" as const, "edge" as const), attributes }),
    fc.record({ kind: fc.constant("node" as const), id: nodeId, attributes }),
    fc.record({ kind: fc.constant("edge" as const), ids: fc.array(nodeId, { minLength: 2, maxLength: 4 }), attributes }),
  ];
  const subgraph: fc.Arbitrary<Statement> = fc.record({
    kind: fc.constant("subgraph" as const),
    name: fc.option(identifier, { nil: undefined }),
    label: fc.option(value, { nil: undefined }),
    labelStyle: fc.constantFrom("declaration" as const, "block" as const),
    statements: depth > 0 ? statementsOf(depth - 1) : fc.constant<Statement[]>([]),
  });
  return fc.array(fc.oneof(...leaves, ...(depth > 0 ? [subgraph] : [])), { maxLength: 6 });
}

const layout: fc.Arbitrary<Layout> = fc.record({
  attributeSeparator: fc.constantFrom(",", ", ", ";", ",\n    "),
  statementEnd: fc.constantFrom(";", "\n", " ", ";\n"),
  comment: fc.constantFrom("", " /* note */ ", " // note\n", "\n# hash line\n"),
});

function printAttributes(list: Attribute[], format: Layout): string {
  return `[${list.map((entry) => `${entry.key}=${entry.value.source}`).join(format.attributeSeparator)}]`;
}

function printStatements(statements: Statement[], format: Layout, indent: string): string {
  const lines = statements.map((statement): string => {
    switch (statement.kind) {
      case "graph-attribute":
        return statement.style === "declaration"
          ? `${statement.attribute.key} = ${statement.attribute.value.source}`
          : `graph ${printAttributes([statement.attribute], format)}`;
      case "defaults":
        return `${statement.target} ${printAttributes(statement.attributes, format)}`;
      case "node":
        return `${statement.id} ${statement.attributes.length > 0 ? printAttributes(statement.attributes, format) : ""}`;
      case "edge":
        return `${statement.ids.join(" -> ")} ${printAttributes(statement.attributes, format)}`;
      case "subgraph": {
        const label = statement.label
          ? statement.labelStyle === "declaration"
            ? `label = ${statement.label.source}${format.statementEnd}`
            : `graph [label=${statement.label.source}]${format.statementEnd}`
          : "";
        // The label goes last half the time: it must apply to nodes declared before it too.
        const body = printStatements(statement.statements, format, `${indent}  `);
        const inside = statement.labelStyle === "declaration" ? `${label}${body}` : `${body}${label}`;
        return `subgraph ${statement.name ?? ""} {\n${inside}\n${indent}}`;
      }
    }
  });
  return lines.map((line) => `${indent}${line}${format.statementEnd}${format.comment}`).join("\n");
}

interface ExpectedNode {
  attributes: Map<string, string>;
  frames: Array<{ label: string | undefined }>;
}

/** A reference reading of the statements, independent of the parser's code. */
function interpret(statements: Statement[]): {
  graphAttributes: Map<string, string>;
  nodes: Map<string, ExpectedNode>;
  edges: Array<{ from: string; to: string; attributes: Map<string, string> }>;
} {
  const graphAttributes = new Map<string, string>();
  const nodes = new Map<string, ExpectedNode>();
  const edges: Array<{ from: string; to: string; attributes: Map<string, string> }> = [];
  const merge = (target: Map<string, string>, list: Attribute[]): void => {
    for (const entry of list) target.set(entry.key, entry.value.text);
  };
  const walk = (
    list: Statement[],
    nodeDefaults: Map<string, string>,
    edgeDefaults: Map<string, string>,
    frames: Array<{ label: string | undefined }>,
  ): void => {
    const create = (id: string): ExpectedNode => {
      const node = { attributes: new Map(nodeDefaults), frames: [...frames] };
      nodes.set(id, node);
      return node;
    };
    for (const statement of list) {
      if (statement.kind === "graph-attribute") {
        if (frames.length === 0) graphAttributes.set(statement.attribute.key, statement.attribute.value.text);
        else if (statement.attribute.key === "label") frames[frames.length - 1]!.label = statement.attribute.value.text;
      } else if (statement.kind === "defaults") {
        merge(statement.target === "node" ? nodeDefaults : edgeDefaults, statement.attributes);
      } else if (statement.kind === "node") {
        const existing = nodes.get(statement.id);
        if (existing) existing.frames.push(...frames);
        merge((existing ?? create(statement.id)).attributes, statement.attributes);
      } else if (statement.kind === "edge") {
        for (const id of statement.ids) if (!nodes.has(id)) create(id);
        for (let index = 0; index + 1 < statement.ids.length; index++) {
          const edgeAttributes = new Map(edgeDefaults);
          merge(edgeAttributes, statement.attributes);
          edges.push({ from: statement.ids[index]!, to: statement.ids[index + 1]!, attributes: edgeAttributes });
        }
      } else {
        // The printer writes a declaration-style label first and a block-style one last; the last write wins.
        const frame = { label: statement.labelStyle === "declaration" ? statement.label?.text : undefined };
        walk(statement.statements, new Map(nodeDefaults), new Map(edgeDefaults), [...frames, frame]);
        if (statement.labelStyle === "block" && statement.label) frame.label = statement.label.text;
      }
    }
  };
  walk(statements, new Map(), new Map(), []);
  return { graphAttributes, nodes, edges };
}

function sortedEntries(entries: Iterable<[string, string]>): Array<[string, string]> {
  return [...entries].sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));
}

function expectedClasses(frames: Array<{ label: string | undefined }>): string[] {
  const classes: string[] = [];
  for (const frame of frames) {
    const className = frame.label === undefined ? "" : deriveSubgraphClass(frame.label);
    if (className !== "" && !classes.includes(className)) classes.push(className);
  }
  return classes;
}

/** parseDot must return a Graph or throw a DotSyntaxError located inside the text. */
function parseOrLocatedError(text: string): void {
  let result: Graph | undefined;
  try {
    result = parseDot(text);
  } catch (error) {
    if (!(error instanceof DotSyntaxError)) throw error;
    const lines = text.split("\n");
    expect(error.line).toBeGreaterThanOrEqual(1);
    expect(error.column).toBeGreaterThanOrEqual(1);
    expect(error.line).toBeLessThanOrEqual(lines.length);
    expect(error.column).toBeLessThanOrEqual((lines[error.line - 1]?.length ?? 0) + 1);
    expect(error.message.startsWith(`<input>:${error.line}:${error.column}: `)).toBe(true);
    expect(error.message).not.toContain("\n");
    expect(error.code).toBe("DOT_SYNTAX");
    return;
  }
  expect(result.nodes).toBeInstanceOf(Map);
}

const validPipeline = fc.tuple(identifier, statementsOf(3), layout).map(([name, statements, format]) => ({
  name,
  statements,
  text: `digraph ${name} {\n${printStatements(statements, format, "  ")}\n}\n`,
}));

/** Characters that matter to the lexer, so mutations hit interesting paths. */
const DOT_ALPHABET = [..."{}[]=;,-></*\\\"#:+. \n\tab_Z09\r😀<"];

type Mutation =
  | { kind: "delete"; at: number; length: number }
  | { kind: "insert"; at: number; text: string }
  | { kind: "swap"; at: number; other: number }
  | { kind: "truncate"; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 8 }) }),
  fc.record({
    kind: fc.constant("insert" as const),
    at: fc.nat(),
    text: fc.string({ unit: fc.constantFrom(...DOT_ALPHABET), minLength: 1, maxLength: 4 }),
  }),
  fc.record({ kind: fc.constant("swap" as const), at: fc.nat(), other: fc.nat() }),
  fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
);

function mutate(text: string, change: Mutation): string {
  const size = text.length + 1;
  const at = change.at % size;
  switch (change.kind) {
    case "delete":
      return text.slice(0, at) + text.slice(at + change.length);
    case "insert":
      return text.slice(0, at) + change.text + text.slice(at);
    case "swap": {
      const other = change.other % size;
      const characters = [...text];
      const left = Math.min(at, characters.length - 1);
      const right = Math.min(other, characters.length - 1);
      if (left < 0 || right < 0) return text;
      [characters[left], characters[right]] = [characters[right]!, characters[left]!];
      return characters.join("");
    }
    case "truncate":
      return text.slice(0, at);
  }
}

describe("parseDot properties", () => {
  test("random valid pipelines round-trip: ids, edges, attribute values, classes", () => {
    fc.assert(
      fc.property(validPipeline, ({ name, statements, text }) => {
        const graph = parseDot(text);
        const expected = interpret(statements);
        expect(graph.name).toBe(name);
        expect(sortedEntries(Object.entries(graph.attributes))).toEqual(sortedEntries(expected.graphAttributes));
        expect([...graph.nodes.keys()]).toEqual([...expected.nodes.keys()]);
        for (const [id, node] of expected.nodes) {
          const parsed = graph.nodes.get(id)!;
          expect(sortedEntries(Object.entries(parsed.attributes))).toEqual(sortedEntries(node.attributes));
          expect(parsed.subgraphClasses).toEqual(expectedClasses(node.frames));
          expect(parsed.location?.line).toBeGreaterThanOrEqual(2);
        }
        expect(graph.edges.map((edge) => [edge.from, edge.to, sortedEntries(Object.entries(edge.attributes))])).toEqual(
          expected.edges.map((edge) => [edge.from, edge.to, sortedEntries(edge.attributes)]),
        );
      }),
      { numRuns: 300 },
    );
  });

  test("mutated valid pipelines parse or fail with a located DotSyntaxError", () => {
    fc.assert(
      fc.property(validPipeline, fc.array(mutation, { minLength: 1, maxLength: 4 }), ({ text }, changes) => {
        parseOrLocatedError(changes.reduce(mutate, text));
      }),
      { numRuns: 2000 },
    );
  });

  test("random text parses or fails with a located DotSyntaxError", () => {
    const dotLike = fc.string({ unit: fc.constantFrom(...DOT_ALPHABET, "digraph ", "subgraph ", "node ", "edge ", "graph "), maxLength: 60 });
    fc.assert(
      fc.property(fc.oneof(dotLike, fc.string({ unit: "binary", maxLength: 60 })), (text) => {
        parseOrLocatedError(text);
        parseOrLocatedError(`digraph G {\n${text}\n}`);
      }),
      { numRuns: 1500 },
    );
  });
});
