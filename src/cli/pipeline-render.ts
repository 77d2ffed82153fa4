/** `lightsout pipeline render FILE.dot [--format svg|dot|json] [-o OUT]`: draw a pipeline. */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { type Command, Option } from "commander";
import { LightsoutError, errorMessage } from "../errors.js";
import { RENDER_FORMATS, type RenderFormat, renderGraph } from "../pipeline/render.js";
import { ExitCode } from "./exit-codes.js";
import type { CliIo } from "./io.js";
import { loadPipeline } from "./load-pipeline.js";

export interface RenderCommandOptions {
  format: RenderFormat;
  output?: string;
}

/**
 * Draws the prepared graph (stylesheet applied), so the picture shows what would run. A graph
 * with validation errors is still drawn: seeing it is often how one finds the mistake.
 */
export async function renderPipelineCommand(file: string, options: RenderCommandOptions, io: CliIo): Promise<ExitCode> {
  const { graph } = loadPipeline(file, io);
  const rendered = await renderGraph(graph, options.format);
  if (options.output === undefined) {
    io.stdout.write(rendered);
    return ExitCode.success;
  }
  const outputPath = resolve(io.cwd, options.output);
  try {
    writeFileSync(outputPath, rendered);
  } catch (error) {
    throw new LightsoutError("INPUT", `${options.output}: cannot write: ${errorMessage(error)}`);
  }
  return ExitCode.success;
}

export function addRenderCommand(pipeline: Command, io: CliIo, finish: (code: ExitCode) => void): void {
  pipeline
    .command("render")
    .description("draw a pipeline with Graphviz (built in, nothing to install)")
    .argument("<file>", "the pipeline, a .dot file")
    .addOption(
      new Option("--format <format>", "svg: an image; dot: the prepared graph as DOT text; json: Graphviz's layout with coordinates")
        .choices(RENDER_FORMATS)
        .default("svg"),
    )
    .option("-o, --output <file>", "write to this file instead of stdout")
    .action(async (file: string, options: RenderCommandOptions) => finish(await renderPipelineCommand(file, options, io)));
}
