/**
 * Builders that attach the most precise known location to a diagnostic: the attribute's
 * location when the parser recorded one, else the node or edge statement, plus the file.
 */
import type { Graph, GraphEdge, GraphNode, SourceLocation } from "../graph.js";
import type { Diagnostic, Severity } from "./diagnostic.js";

export interface DiagnosticFields {
  rule: string;
  severity: Severity;
  message: string;
  fix?: string;
  /** The attribute the problem is in, to point at it rather than at its statement. */
  attribute?: string;
}

function withPlace(graph: Graph, fields: DiagnosticFields, location: SourceLocation | undefined): Diagnostic {
  const diagnostic: Diagnostic = { rule: fields.rule, severity: fields.severity, message: fields.message };
  if (fields.fix !== undefined) diagnostic.fix = fields.fix;
  if (location !== undefined) diagnostic.location = { ...location };
  if (graph.source !== undefined) diagnostic.source = graph.source;
  return diagnostic;
}

export function nodeDiagnostic(graph: Graph, node: GraphNode, fields: DiagnosticFields): Diagnostic {
  const location = (fields.attribute !== undefined ? node.attributeLocations?.[fields.attribute] : undefined) ?? node.location;
  return { ...withPlace(graph, fields, location), nodeId: node.id };
}

export function edgeDiagnostic(graph: Graph, edge: GraphEdge, fields: DiagnosticFields): Diagnostic {
  const location = (fields.attribute !== undefined ? edge.attributeLocations?.[fields.attribute] : undefined) ?? edge.location;
  return { ...withPlace(graph, fields, location), edge: { from: edge.from, to: edge.to } };
}

/** For graph-level problems; a missing start node has no better place than the graph attribute, if any. */
export function graphDiagnostic(graph: Graph, fields: DiagnosticFields): Diagnostic {
  const location = fields.attribute !== undefined ? graph.graphAttributeLocations?.[fields.attribute] : undefined;
  return withPlace(graph, fields, location);
}

/** `"plan"`, quoted for messages so that odd ids stay readable. */
export function quote(text: string): string {
  return JSON.stringify(text);
}
