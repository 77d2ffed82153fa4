/**
 * A routing point (spec 4.7): SUCCESS with a note. The engine's edge selection evaluates the
 * conditions on the outgoing edges, where routing stays deterministic and inspectable.
 */
import { success } from "../outcome.js";
import type { Handler } from "./handler.js";

export function createConditionalHandler(): Handler {
  return { execute: async (node) => success({ notes: `Conditional node evaluated: ${node.id}` }) };
}
