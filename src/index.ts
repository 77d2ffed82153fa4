/** `lightsout`: the package root. Modules are also available as subpaths (`lightsout/pipeline`). */
export * as pipeline from "./pipeline/index.js";
export { LightsoutError, errorMessage, type ErrorCode } from "./errors.js";
