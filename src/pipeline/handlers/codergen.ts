/**
 * The LLM task handler (spec 4.5): builds the prompt, hands it to a CodergenBackend (or simulates
 * one), and records prompt.md, response.md and status.json in the stage directory. A backend that
 * runs an external agent may let the agent report its own outcome by writing status.json
 * (Appendix C); a malformed file fails the stage with the reason. Decisions: docs/decisions/0031-codergen-agent-status-files.md.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { errorMessage } from "../../errors.js";
import type { Context } from "../context.js";
import type { Graph, GraphNode } from "../graph.js";
import { fail, success, type Outcome } from "../outcome.js";
import { adoptWrittenStatus, removeStatusFile, writeStatusFile } from "../status-file.js";
import type { CodergenBackend, Handler, HandlerRuntime } from "./handler.js";

export interface CodergenHandlerOptions {
  /** Runs the prompt; without one the handler simulates (spec 4.5 "simulation mode"). */
  backend?: CodergenBackend;
}

/** How much of the response goes into the context as `last_response`. */
export const LAST_RESPONSE_LIMIT = 200;

export function createCodergenHandler({ backend }: CodergenHandlerOptions = {}): Handler {
  return {
    async execute(node, context, graph, logsRoot, runtime) {
      const stageDir = join(logsRoot, node.id);
      try {
        return await runStage(node, context, graph, stageDir, runtime, backend);
      } catch (error) {
        // Only I/O on the stage directory gets here; the backend's own errors are handled below.
        return fail(errorMessage(error));
      }
    },
  };
}

async function runStage(
  node: GraphNode,
  context: Context,
  graph: Graph,
  stageDir: string,
  runtime: HandlerRuntime,
  backend: CodergenBackend | undefined,
): Promise<Outcome> {
  const prompt = buildCodergenPrompt(node, graph, runtime.fidelity.preamble);
  mkdirSync(stageDir, { recursive: true });
  writeFileSync(join(stageDir, "prompt.md"), prompt);
  // A status.json left by an earlier attempt must not be mistaken for one the agent wrote now.
  removeStatusFile(stageDir);

  let responseText: string;
  if (backend) {
    if (runtime.signal.aborted) return recordOutcome(stageDir, fail("cancelled before the backend was called"));
    let result: string | Outcome;
    try {
      result = await backend.run(node, prompt, context, { ...runtime, stageDir });
    } catch (error) {
      return recordOutcome(stageDir, fail(errorMessage(error)));
    }
    if (typeof result !== "string") return recordOutcome(stageDir, result);
    responseText = result;
  } else {
    responseText = `[Simulated] Response for stage: ${node.id}`;
  }
  writeFileSync(join(stageDir, "response.md"), responseText);

  const defaultUpdates = { last_stage: node.id, last_response: truncate(responseText, LAST_RESPONSE_LIMIT) };
  // The agent's own context updates win over the defaults: it knows what its response meant.
  const reported = backend ? adoptWrittenStatus(stageDir, "the agent", defaultUpdates) : undefined;
  if (reported) return recordOutcome(stageDir, reported);
  return recordOutcome(stageDir, success({ notes: `Stage completed: ${node.id}`, contextUpdates: defaultUpdates }));
}

/**
 * The prompt sent to the backend: the node's prompt, else its label, else its id, with `$goal`
 * replaced by the graph's goal (plain replacement, not a template engine, spec 4.5), after the
 * fidelity preamble when there is one.
 */
export function buildCodergenPrompt(node: GraphNode, graph: Graph, preamble = ""): string {
  const template = node.attributes["prompt"] || node.attributes["label"] || node.id;
  const prompt = expandGoal(template, graph);
  return preamble.trim() === "" ? prompt : `${preamble.trimEnd()}\n\n${prompt}`;
}

/** `$goal` replaced by the graph's `goal` attribute; the only built-in variable (spec 4.5). */
export function expandGoal(text: string, graph: Graph): string {
  const goal = graph.attributes["goal"] ?? "";
  // A function, because a replacement string would interpret `$&` and friends inside the goal.
  return text.replaceAll("$goal", () => goal);
}

/** The first `limit` characters, counted in code points so that no surrogate pair is split. */
export function truncate(text: string, limit: number): string {
  const characters = Array.from(text);
  return characters.length <= limit ? text : characters.slice(0, limit).join("");
}

function recordOutcome(stageDir: string, outcome: Outcome): Outcome {
  writeStatusFile(stageDir, outcome);
  return outcome;
}
