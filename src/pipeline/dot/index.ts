/** The DOT subset parser (spec section 2): text in, `Graph` out, `DotSyntaxError` with a location on bad input. */
export { parseDot, deriveSubgraphClass, MAX_SUBGRAPH_DEPTH } from "./parser.js";
export type { ParseDotOptions } from "./parser.js";
export { DotSyntaxError } from "./lexer.js";
