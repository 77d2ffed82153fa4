/** The exit point (spec 4.4): SUCCESS at once; goal gates are the engine's job, not this handler's. */
import { success } from "../outcome.js";
import type { Handler } from "./handler.js";

export function createExitHandler(): Handler {
  return { execute: async () => success() };
}
