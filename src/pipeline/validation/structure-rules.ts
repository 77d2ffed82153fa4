/**
 * Rules about the shape of the graph (spec 7.2): one start, one exit, every node reachable,
 * every edge between existing nodes, nothing into the start and nothing out of the exit.
 * Each rule is linear in nodes plus edges, so a 10,000-node graph validates quickly.
 */
import { describeEdge, findExitNodes, findStartNodes, type Graph } from "../graph.js";
import type { Diagnostic, LintRule } from "./diagnostic.js";
import { edgeDiagnostic, graphDiagnostic, nodeDiagnostic, quote } from "./locate.js";

function ids(nodes: readonly { id: string }[]): string {
  return nodes.map((node) => node.id).join(", ");
}

export const startNodeRule: LintRule = {
  name: "start_node",
  apply(graph) {
    const starts = findStartNodes(graph);
    if (starts.length === 0) {
      return [
        graphDiagnostic(graph, {
          rule: "start_node",
          severity: "error",
          message: "the pipeline has no start node (shape=Mdiamond, or id start/Start)",
          fix: "add `start [shape=Mdiamond]` and an edge from it to the first stage",
        }),
      ];
    }
    // The first in source order is taken as the start; each further one is reported where it is.
    return starts.slice(1).map((node) =>
      nodeDiagnostic(graph, node, {
        rule: "start_node",
        severity: "error",
        attribute: "shape",
        message: `node ${quote(node.id)} is a second start node; the pipeline has ${starts.length} (${ids(starts)}) and must have exactly one`,
        fix: `give ${quote(node.id)} another shape, or remove it`,
      }),
    );
  },
};

export const terminalNodeRule: LintRule = {
  name: "terminal_node",
  apply(graph) {
    const exits = findExitNodes(graph);
    if (exits.length === 0) {
      return [
        graphDiagnostic(graph, {
          rule: "terminal_node",
          severity: "error",
          message: "the pipeline has no exit node (shape=Msquare, or id exit/end)",
          fix: "add `exit [shape=Msquare]` and an edge to it from the last stage",
        }),
      ];
    }
    return exits.slice(1).map((node) =>
      nodeDiagnostic(graph, node, {
        rule: "terminal_node",
        severity: "error",
        attribute: "shape",
        message: `node ${quote(node.id)} is a second exit node; the pipeline has ${exits.length} (${ids(exits)}) and must have exactly one`,
        fix: `route every path to a single exit node and remove ${quote(node.id)}, or give it another shape`,
      }),
    );
  },
};

const RETRY_TARGET_ATTRIBUTES = ["retry_target", "fallback_retry_target"] as const;

/**
 * Where the engine can go from each node: its edges, plus the jumps of failure routing (a node's
 * retry targets, spec 3.7) and of goal gates at the exit (the graph's retry targets, spec 3.4).
 * A node reached only by such a jump is not an orphan (docs/decisions/0020).
 */
function successorsOf(graph: Graph): Map<string, string[]> {
  const successors = new Map<string, string[]>();
  const link = (from: string, to: string | undefined): void => {
    if (to === undefined || !graph.nodes.has(to)) return;
    const list = successors.get(from);
    if (list) list.push(to);
    else successors.set(from, [to]);
  };
  for (const edge of graph.edges) link(edge.from, edge.to);
  for (const node of graph.nodes.values()) {
    for (const attribute of RETRY_TARGET_ATTRIBUTES) link(node.id, node.attributes[attribute]);
  }
  for (const exit of findExitNodes(graph)) {
    for (const attribute of RETRY_TARGET_ATTRIBUTES) link(exit.id, graph.attributes[attribute]);
  }
  return successors;
}

/** Breadth-first from the start node. */
function reachableFrom(graph: Graph, startId: string): Set<string> {
  const successors = successorsOf(graph);
  const reached = new Set<string>([startId]);
  const queue = [startId];
  // An index pointer instead of queue.shift(), which would make the walk quadratic.
  for (let next = 0; next < queue.length; next += 1) {
    for (const target of successors.get(queue[next]!) ?? []) {
      if (reached.has(target)) continue;
      reached.add(target);
      queue.push(target);
    }
  }
  return reached;
}

export const reachabilityRule: LintRule = {
  name: "reachability",
  apply(graph) {
    const start = findStartNodes(graph)[0];
    // Without a start node there is nothing to walk from; `start_node` reports that.
    if (!start) return [];
    const reached = reachableFrom(graph, start.id);
    const diagnostics: Diagnostic[] = [];
    for (const node of graph.nodes.values()) {
      if (reached.has(node.id)) continue;
      diagnostics.push(
        nodeDiagnostic(graph, node, {
          rule: "reachability",
          severity: "error",
          message: `node ${quote(node.id)} is not reachable from the start node ${quote(start.id)}`,
          fix: `add an edge to ${quote(node.id)} from a reachable node, or remove it`,
        }),
      );
    }
    return diagnostics;
  },
};

export const edgeTargetExistsRule: LintRule = {
  name: "edge_target_exists",
  apply(graph) {
    const diagnostics: Diagnostic[] = [];
    for (const edge of graph.edges) {
      // DOT declares nodes by using them, but graphs built in code or by transforms may not.
      for (const [end, id] of [["source", edge.from], ["target", edge.to]] as const) {
        if (graph.nodes.has(id)) continue;
        diagnostics.push(
          edgeDiagnostic(graph, edge, {
            rule: "edge_target_exists",
            severity: "error",
            message: `edge ${describeEdge(edge)}: ${end} ${quote(id)} is not a node of the graph`,
            fix: `declare node ${quote(id)} or correct the edge's ${end}`,
          }),
        );
      }
    }
    return diagnostics;
  },
};

export const startNoIncomingRule: LintRule = {
  name: "start_no_incoming",
  apply(graph) {
    const startIds = new Set(findStartNodes(graph).map((node) => node.id));
    return graph.edges
      .filter((edge) => startIds.has(edge.to))
      .map((edge) =>
        edgeDiagnostic(graph, edge, {
          rule: "start_no_incoming",
          severity: "error",
          message: `edge ${describeEdge(edge)} enters the start node ${quote(edge.to)}, which must have no incoming edges`,
          fix: "point the edge at the first stage after start instead",
        }),
      );
  },
};

export const exitNoOutgoingRule: LintRule = {
  name: "exit_no_outgoing",
  apply(graph) {
    const exitIds = new Set(findExitNodes(graph).map((node) => node.id));
    return graph.edges
      .filter((edge) => exitIds.has(edge.from))
      .map((edge) =>
        edgeDiagnostic(graph, edge, {
          rule: "exit_no_outgoing",
          severity: "error",
          message: `edge ${describeEdge(edge)} leaves the exit node ${quote(edge.from)}, which must have no outgoing edges`,
          fix: "remove the edge; to loop back, route from the stage before exit (or use a goal gate retry_target)",
        }),
      );
  },
};
