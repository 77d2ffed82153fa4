/** The entry point (spec 4.3): no work, SUCCESS at once. */
import { success } from "../outcome.js";
import type { Handler } from "./handler.js";

export function createStartHandler(): Handler {
  return { execute: async () => success() };
}
