/**
 * The in-memory pipeline graph: what the DOT parser produces, transforms rewrite and the
 * engine walks. Attribute values are kept as strings exactly as written (after unquoting);
 * typed readers live in `attributes.ts`, so one graph can be linted for bad values with locations.
 */

export interface SourceLocation {
  line: number;
  column: number;
}

export type Attributes = Record<string, string>;

export interface GraphNode {
  id: string;
  attributes: Attributes;
  /** Classes derived from the labels of the enclosing subgraphs, outermost first. */
  subgraphClasses: string[];
  location?: SourceLocation;
  attributeLocations?: Record<string, SourceLocation>;
}

export interface GraphEdge {
  from: string;
  to: string;
  attributes: Attributes;
  location?: SourceLocation;
  attributeLocations?: Record<string, SourceLocation>;
}

export interface Graph {
  name: string;
  attributes: Attributes;
  /** Insertion-ordered; a Map because node ids such as `__proto__` are valid identifiers. */
  nodes: Map<string, GraphNode>;
  edges: GraphEdge[];
  /** Where the graph came from (a file path), for messages. */
  source?: string;
  graphAttributeLocations?: Record<string, SourceLocation>;
}

export function createGraph(name = "pipeline", attributes: Attributes = {}): Graph {
  return { name, attributes: { ...attributes }, nodes: new Map(), edges: [] };
}

export function addNode(graph: Graph, id: string, attributes: Attributes = {}): GraphNode {
  const node: GraphNode = { id, attributes: { ...attributes }, subgraphClasses: [] };
  graph.nodes.set(id, node);
  return node;
}

export function addEdge(graph: Graph, from: string, to: string, attributes: Attributes = {}): GraphEdge {
  const edge: GraphEdge = { from, to, attributes: { ...attributes } };
  graph.edges.push(edge);
  return edge;
}

export function outgoingEdges(graph: Graph, nodeId: string): GraphEdge[] {
  return graph.edges.filter((edge) => edge.from === nodeId);
}

export function incomingEdges(graph: Graph, nodeId: string): GraphEdge[] {
  return graph.edges.filter((edge) => edge.to === nodeId);
}

/** A deep copy, so transforms never modify their input. */
export function cloneGraph(graph: Graph): Graph {
  const nodes = new Map<string, GraphNode>();
  for (const [id, node] of graph.nodes) {
    nodes.set(id, {
      ...node,
      attributes: { ...node.attributes },
      subgraphClasses: [...node.subgraphClasses],
      ...(node.location ? { location: { ...node.location } } : {}),
      ...(node.attributeLocations ? { attributeLocations: { ...node.attributeLocations } } : {}),
    });
  }
  return {
    ...graph,
    attributes: { ...graph.attributes },
    nodes,
    edges: graph.edges.map((edge) => ({ ...edge, attributes: { ...edge.attributes } })),
  };
}

/** Node ids in a form usable in messages: `node "plan"` or `edge plan -> review`. */
export function describeEdge(edge: Pick<GraphEdge, "from" | "to">): string {
  return `${edge.from} -> ${edge.to}`;
}

/** Start nodes (spec 3.2): shape=Mdiamond, or failing that an id of `start` or `Start`. */
export function findStartNodes(graph: Graph): GraphNode[] {
  const byShape = [...graph.nodes.values()].filter((node) => node.attributes["shape"] === "Mdiamond");
  if (byShape.length > 0) return byShape;
  return [...graph.nodes.values()].filter((node) => node.id === "start" || node.id === "Start");
}

/** Exit nodes (spec 4.4): shape=Msquare, or failing that an id of `exit` or `end`. */
export function findExitNodes(graph: Graph): GraphNode[] {
  const byShape = [...graph.nodes.values()].filter((node) => node.attributes["shape"] === "Msquare");
  if (byShape.length > 0) return byShape;
  return [...graph.nodes.values()].filter((node) => node.id === "exit" || node.id === "end");
}

export function isExitNode(graph: Graph, node: GraphNode): boolean {
  return findExitNodes(graph).some((exit) => exit.id === node.id);
}
