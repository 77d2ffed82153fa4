/**
 * The human gate (spec 4.6): offers the node's outgoing edges as choices through the run's
 * interviewer and routes to the one picked. `human.timeout` bounds the wait; on timeout
 * `human.default_choice` is taken, else the stage asks to be retried. Decisions:
 * docs/decisions/0034-human-gate-timeouts-and-matching.md.
 */
import { join } from "node:path";
import { errorMessage } from "../../errors.js";
import { readDuration } from "../attributes.js";
import { outgoingEdges, type Graph, type GraphNode } from "../graph.js";
import type { Answer, Question } from "../interviewers/question.js";
import { normalizeLabel, parseAcceleratorKey } from "../labels.js";
import { fail, success, type Outcome } from "../outcome.js";
import { writeStatusFile } from "../status-file.js";
import type { Handler, HandlerRuntime } from "./handler.js";

export interface HumanChoice {
  key: string;
  label: string;
  /** The target node of the edge. */
  to: string;
}

/** One choice per outgoing edge: its label (or target id when unlabeled) and accelerator key. */
export function choicesFromEdges(graph: Graph, nodeId: string): HumanChoice[] {
  return outgoingEdges(graph, nodeId).map((edge) => {
    const label = edge.attributes["label"]?.trim() || edge.to;
    return { key: parseAcceleratorKey(label), label, to: edge.to };
  });
}

/**
 * The choice an answer names: by key (case-insensitive), then by label (normalized), then by
 * target id; undefined when it names none.
 */
export function findChoice(text: string, choices: readonly HumanChoice[]): HumanChoice | undefined {
  const value = text.trim();
  if (value === "") return undefined;
  return (
    choices.find((choice) => choice.key.toLowerCase() === value.toLowerCase()) ??
    choices.find((choice) => normalizeLabel(choice.label) === normalizeLabel(value)) ??
    choices.find((choice) => choice.to === value)
  );
}

/** The `human.default_choice` matches a target id first: the spec names it an edge target. */
export function findDefaultChoice(defaultChoice: string, choices: readonly HumanChoice[]): HumanChoice | undefined {
  return choices.find((choice) => choice.to === defaultChoice.trim()) ?? findChoice(defaultChoice, choices);
}

function choiceForAnswer(answer: Answer, choices: readonly HumanChoice[]): HumanChoice | undefined {
  const candidates = [answer.selectedOption?.key, answer.value, answer.selectedOption?.label, answer.text];
  for (const candidate of candidates) {
    const choice = candidate === undefined ? undefined : findChoice(candidate, choices);
    if (choice) return choice;
  }
  return undefined;
}

type WaitResult = { kind: "answer"; answer: Answer } | { kind: "timeout" } | { kind: "cancelled" } | { kind: "error"; message: string };

export function createWaitHumanHandler(): Handler {
  let questionCount = 0;
  return {
    async execute(node, _context, graph, logsRoot, runtime) {
      questionCount += 1;
      const outcome = await runGate(node, graph, runtime, questionCount);
      try {
        writeStatusFile(join(logsRoot, node.id), outcome);
      } catch (error) {
        return fail(errorMessage(error));
      }
      return outcome;
    },
  };
}

async function runGate(node: GraphNode, graph: Graph, runtime: HandlerRuntime, questionNumber: number): Promise<Outcome> {
  const choices = choicesFromEdges(graph, node.id);
  if (choices.length === 0) return fail("No outgoing edges for human gate");
  const timeoutMs = readDuration(node.attributes, "human.timeout");
  const defaultChoiceText = node.attributes["human.default_choice"]?.trim() ?? "";
  const question: Question = {
    id: `${node.id}-${runtime.now()}-${questionNumber}`,
    text: node.attributes["label"]?.trim() || "Select an option:",
    type: "multiple_choice",
    options: choices.map((choice) => ({ key: choice.key, label: choice.label })),
    stage: node.id,
    ...(timeoutMs !== undefined && timeoutMs > 0 ? { timeoutSeconds: timeoutMs / 1000 } : {}),
    // Shown by a frontend; applied by this handler, so every timeout takes the same path.
    ...(defaultChoiceText ? { metadata: { defaultChoice: defaultChoiceText } } : {}),
  };

  const startedAt = runtime.now();
  runtime.emit({ type: "interview-start", nodeId: node.id, question });
  const result = await waitForAnswer(question, runtime, timeoutMs);
  const durationMs = runtime.now() - startedAt;

  if (result.kind === "cancelled") return fail("human gate cancelled");
  if (result.kind === "error") return fail(`interviewer failed: ${result.message}`);
  if (result.kind === "timeout" || result.answer.value === "timeout") {
    runtime.emit({ type: "interview-timeout", nodeId: node.id, question, durationMs });
    if (!defaultChoiceText) return { status: "retry", failureReason: "human gate timeout, no default" };
    const fallback = findDefaultChoice(defaultChoiceText, choices);
    if (!fallback) {
      return { status: "retry", failureReason: `human gate timeout; human.default_choice "${defaultChoiceText}" matches no outgoing edge` };
    }
    return selected(fallback, `timed out; default choice ${fallback.to}`);
  }

  runtime.emit({ type: "interview-end", nodeId: node.id, question, answer: result.answer, durationMs });
  if (result.answer.value === "skipped") return fail("human skipped interaction");
  const choice = choiceForAnswer(result.answer, choices);
  // The spec falls back to the first choice rather than failing on an answer it cannot place.
  if (!choice) return selected(choices[0]!, `answer ${JSON.stringify(result.answer.value)} matched no choice; took the first`);
  return selected(choice, `selected ${choice.label}`);
}

function selected(choice: HumanChoice, notes: string): Outcome {
  return success({
    preferredLabel: choice.label,
    suggestedNextIds: [choice.to],
    contextUpdates: { "human.gate.selected": choice.key, "human.gate.label": choice.label },
    notes,
  });
}

/**
 * The interviewer's answer raced against the gate's timeout and the run's cancellation. The
 * interviewer gets a signal that aborts as soon as the race is decided, so it stops waiting.
 */
async function waitForAnswer(question: Question, runtime: HandlerRuntime, timeoutMs: number | undefined): Promise<WaitResult> {
  const askController = new AbortController();
  const racers: Promise<WaitResult>[] = [];
  const onCancel = (): void => askController.abort(runtime.signal.reason);
  if (runtime.signal.aborted) return { kind: "cancelled" };
  runtime.signal.addEventListener("abort", onCancel, { once: true });
  try {
    racers.push(
      Promise.resolve()
        .then(() => runtime.interviewer.ask(question, askController.signal))
        .then(
          (answer): WaitResult => ({ kind: "answer", answer }),
          (error: unknown): WaitResult => ({ kind: "error", message: errorMessage(error) }),
        ),
    );
    racers.push(
      new Promise<WaitResult>((resolve) => {
        askController.signal.addEventListener("abort", () => resolve({ kind: "cancelled" }), { once: true });
      }),
    );
    if (timeoutMs !== undefined && timeoutMs > 0) {
      racers.push(
        runtime.sleep(timeoutMs, askController.signal).then(
          (): WaitResult => ({ kind: "timeout" }),
          // The sleep was interrupted because the race was decided elsewhere; never settle.
          () => new Promise<WaitResult>(() => undefined),
        ),
      );
    }
    const result = await Promise.race(racers);
    // A cancellation that arrives in the same tick as an answer is still a cancellation.
    return runtime.signal.aborted ? { kind: "cancelled" } : result;
  } finally {
    runtime.signal.removeEventListener("abort", onCancel);
    askController.abort();
  }
}
