/**
 * Drawing a pipeline: the prepared graph (stylesheet applied, `$goal` expanded) printed back as
 * DOT, and that DOT laid out by Graphviz compiled to WebAssembly (@viz-js/viz). The CLI's
 * `pipeline render` and, later, the server's graph view both go through here, so a drawing
 * always shows what the engine will run rather than the file as typed.
 */
import { LightsoutError } from "../errors.js";
import type { Attributes, Graph } from "./graph.js";

export const RENDER_FORMATS = ["svg", "dot", "json"] as const;
export type RenderFormat = (typeof RENDER_FORMATS)[number];

export function isRenderFormat(value: string): value is RenderFormat {
  return (RENDER_FORMATS as readonly string[]).includes(value);
}

/** Node ids the parser accepts print bare; anything else (a transform may add one) is quoted. */
const BARE_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Bare ids that DOT would read as keywords. */
const KEYWORDS = new Set(["digraph", "graph", "subgraph", "node", "edge", "strict"]);

/** A DOT identifier: bare when that is unambiguous, else a quoted string. */
export function dotIdentifier(text: string): string {
  return BARE_IDENTIFIER.test(text) && !KEYWORDS.has(text.toLowerCase()) ? text : quoteDotString(text);
}

/**
 * A double-quoted DOT string that our parser reads back as exactly `text`. Newlines and tabs
 * become `\n` and `\t`. A backslash is doubled only where it would otherwise start an escape the
 * parser decodes (`\"`, `\\`, `\n`, `\t`, a line continuation) or end the string; other
 * backslashes stay single, so Graphviz label directives such as `\l` keep working in drawings.
 */
export function quoteDotString(text: string): string {
  let quoted = '"';
  for (let index = 0; index < text.length; index++) {
    const character = text[index]!;
    if (character === '"') quoted += '\\"';
    else if (character === "\n") quoted += "\\n";
    else if (character === "\t") quoted += "\\t";
    else if (character === "\\") {
      const next = text[index + 1];
      const startsEscape = next === undefined || next === '"' || next === "\\" || next === "n" || next === "t" || next === "\n" || next === "\r";
      quoted += startsEscape ? "\\\\" : "\\";
    } else quoted += character;
  }
  return `${quoted}"`;
}

function attributeList(attributes: Attributes): string {
  const entries = Object.entries(attributes);
  if (entries.length === 0) return "";
  return ` [${entries.map(([key, value]) => `${key}=${quoteDotString(value)}`).join(", ")}]`;
}

/**
 * The graph as DOT text, every attribute explicit on its node or edge (defaults blocks and
 * subgraphs were resolved by the parser). Parsing the result gives back the same nodes, edges and
 * attributes; subgraph classes survive as the `class` attribute only when the node had one.
 */
export function graphToDot(graph: Graph): string {
  const lines = [`digraph ${dotIdentifier(graph.name)} {`];
  const graphAttributes = Object.entries(graph.attributes);
  if (graphAttributes.length > 0) lines.push(`  graph${attributeList(graph.attributes)}`);
  for (const node of graph.nodes.values()) lines.push(`  ${dotIdentifier(node.id)}${attributeList(node.attributes)}`);
  for (const edge of graph.edges) lines.push(`  ${dotIdentifier(edge.from)} -> ${dotIdentifier(edge.to)}${attributeList(edge.attributes)}`);
  lines.push("}");
  return `${lines.join("\n")}\n`;
}

/**
 * Attributes that mean one thing to Attractor and another to Graphviz, which would reject or
 * misdraw them: an edge's routing `weight` may be negative, which Graphviz refuses. They are
 * left out of the drawing only; `graphToDot` keeps them.
 */
function forLayout(graph: Graph): Graph {
  return {
    ...graph,
    edges: graph.edges.map((edge) => {
      const { weight, ...rest } = edge.attributes;
      const keep = weight !== undefined && /^\d+$/.test(weight.trim());
      return { ...edge, attributes: keep ? { ...rest, weight: weight! } : rest };
    }),
  };
}

interface GraphvizRenderer {
  render(input: string, options: { format: string }): { status: "success"; output: string } | { status: "failure"; errors: { message: string }[] };
}

let renderer: Promise<GraphvizRenderer> | undefined;

/** Graphviz in WebAssembly, compiled once per process on first use (it takes a few hundred ms). */
async function graphviz(): Promise<GraphvizRenderer> {
  renderer ??= import("@viz-js/viz").then(async (viz) => {
    const instance = await viz.instance();
    return {
      render: (input, options) => {
        const result = instance.render(input, options);
        return result.status === "success" ? { status: "success", output: result.output } : { status: "failure", errors: result.errors };
      },
    };
  });
  return renderer;
}

/**
 * The graph drawn: `svg` (an image), `json` (Graphviz's layout with coordinates, for a UI that
 * draws its own), or `dot` (the prepared graph as DOT text, no layout).
 */
export async function renderGraph(graph: Graph, format: RenderFormat): Promise<string> {
  if (format === "dot") return graphToDot(graph);
  const result = (await graphviz()).render(graphToDot(forLayout(graph)), { format });
  if (result.status === "failure") {
    const reasons = result.errors.map((error) => error.message.trim()).join("; ");
    throw new LightsoutError("INPUT", `Graphviz could not lay out ${graph.source ?? graph.name}: ${reasons || "unknown error"}`);
  }
  return result.output;
}
