/**
 * Parse -> transform -> validate (spec 3.1, 9.1): everything that happens to a DOT source
 * before a run. Used by the CLI, the manager loop's child pipelines and library users alike.
 */
import { readFileSync } from "node:fs";
import { LightsoutError, errorMessage } from "../errors.js";
import { parseDot } from "./dot/index.js";
import type { Graph } from "./graph.js";
import { applyTransforms, type Transform } from "./transforms.js";
import { type Diagnostic, type LintRule, validate, ValidationError } from "./validation/index.js";

export interface PrepareOptions {
  /** The file name used in messages. */
  source?: string;
  transforms?: readonly Transform[];
  extraRules?: readonly LintRule[];
  knownHandlerTypes?: readonly string[];
}

export interface PreparedPipeline {
  graph: Graph;
  diagnostics: Diagnostic[];
}

/** Parses, transforms and lints; throws DOT_SYNTAX on malformed input. Diagnostics are returned, not thrown. */
export function preparePipeline(text: string, options: PrepareOptions = {}): PreparedPipeline {
  const parsed = parseDot(text, options.source !== undefined ? { source: options.source } : {});
  const graph = applyTransforms(parsed, options.transforms ?? []);
  const diagnostics = validate(graph, {
    ...(options.extraRules ? { extraRules: options.extraRules } : {}),
    ...(options.knownHandlerTypes ? { knownHandlerTypes: options.knownHandlerTypes } : {}),
  });
  return { graph, diagnostics };
}

/** Like preparePipeline, but refuses graphs with error diagnostics (validate_or_raise). */
export function preparePipelineOrRaise(text: string, options: PrepareOptions = {}): PreparedPipeline {
  const prepared = preparePipeline(text, options);
  if (prepared.diagnostics.some((diagnostic) => diagnostic.severity === "error")) throw new ValidationError(prepared.diagnostics);
  return prepared;
}

/** Reads a DOT file; an unreadable file is an INPUT error naming the path and the reason. */
export function readPipelineFile(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : code === "EACCES" ? "permission denied" : errorMessage(error);
    throw new LightsoutError("INPUT", `${path}: cannot read pipeline file: ${reason}`);
  }
}

export function loadPipelineFile(path: string, options: Omit<PrepareOptions, "source"> = {}): PreparedPipeline {
  return preparePipelineOrRaise(readPipelineFile(path), { ...options, source: path });
}
