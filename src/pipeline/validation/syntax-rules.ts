/**
 * Rules for the two small languages embedded in attributes: edge conditions (spec 10) and the
 * model stylesheet (spec 8). Both parsers report a position within the embedded text, which the
 * message carries; the diagnostic's location is the attribute itself.
 */
import { tryParseCondition } from "../conditions.js";
import { describeEdge } from "../graph.js";
import { tryParseStylesheet } from "../stylesheet.js";
import type { Diagnostic, LintRule } from "./diagnostic.js";
import { edgeDiagnostic, graphDiagnostic } from "./locate.js";

export const conditionSyntaxRule: LintRule = {
  name: "condition_syntax",
  apply(graph) {
    const diagnostics: Diagnostic[] = [];
    for (const edge of graph.edges) {
      const condition = edge.attributes["condition"];
      if (condition === undefined) continue;
      const result = tryParseCondition(condition);
      if (result.ok) continue;
      diagnostics.push(
        edgeDiagnostic(graph, edge, {
          rule: "condition_syntax",
          severity: "error",
          attribute: "condition",
          message: `edge ${describeEdge(edge)}: ${result.message}`,
          fix: "write clauses as key=value or key!=value joined by &&, with keys outcome, preferred_label or context.<path>; quote values with spaces",
        }),
      );
    }
    return diagnostics;
  },
};

export const stylesheetSyntaxRule: LintRule = {
  name: "stylesheet_syntax",
  apply(graph) {
    const stylesheet = graph.attributes["model_stylesheet"];
    if (stylesheet === undefined) return [];
    const result = tryParseStylesheet(stylesheet);
    if (result.ok) return [];
    return [
      graphDiagnostic(graph, {
        rule: "stylesheet_syntax",
        severity: "error",
        attribute: "model_stylesheet",
        message: result.message,
        fix: "write rules as `selector { property: value; }` with selector *, a shape, .class or #node_id and properties llm_model, llm_provider or reasoning_effort",
      }),
    ];
  },
};
