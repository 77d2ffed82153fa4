/**
 * NLSpec -> Attractor DOT: the factory's pipeline (docs/spec/README.md#compile). The graph is
 * always the same shape, with fixed node ids the factory registers handlers for (FACTORY_NODES);
 * what the spec contributes is the goal, the title, the model and the two agents' prompts, which
 * carry the requirements, constraints, edge cases and definition of done. The output is an
 * ordinary .dot file: it can be edited, validated and run like any other pipeline.
 */
import { basename } from "node:path";
import { dotIdentifier, dotString, dotText } from "./dot-string.js";
import type { SpecDocument } from "./model.js";

/** The node ids of a compiled spec; the factory registers its handlers under these. */
export const FACTORY_NODES = {
  start: "start",
  plan: "plan",
  implement: "implement",
  visibleChecks: "visible_checks",
  evaluate: "evaluate",
  feedback: "feedback",
  exit: "exit",
} as const;

/** The handler types of the factory's own nodes (for `validate`'s knownHandlerTypes). */
export const FACTORY_HANDLER_TYPES = {
  visibleChecks: "lightsout.visible_checks",
  evaluate: "lightsout.evaluate",
  feedback: "lightsout.feedback",
} as const;

export interface CompileSpecOptions {
  /** The spec's file name in the agents' workspace, named in the prompts. Default: SPEC.md. */
  specFile?: string;
  /** The plan the planning agent writes, read by the implementing one. Default: PLAN.md. */
  planFile?: string;
  /** The sanitized feedback the implementing agent reads on a retry. Default: FEEDBACK.md. */
  feedbackFile?: string;
  /** The graph's default_max_retries: extra attempts of a stage that asks to be retried. Default: 1. */
  maxRetries?: number;
  /** Where the spec came from, named in the header comment. Default: the spec's file name. */
  source?: string;
}

export interface CompiledSpec {
  dot: string;
}

function bulletList(items: readonly string[]): string[] {
  return items.map((item) => `- ${item}`);
}

function block(title: string, lines: readonly string[]): string[] {
  return lines.length === 0 ? [] : ["", `${title}:`, ...lines];
}

/** What both agents are told about the spec: its goal and checkable content. */
function specDigest(spec: SpecDocument): string[] {
  return [
    `Goal: ${oneLine(spec.goal)}`,
    ...block("Requirements (ids as in the spec)", spec.requirements.map((requirement) => `- ${requirement.id}: ${requirement.text}`)),
    ...block("Constraints", bulletList(spec.constraints)),
    ...block("Edge cases", bulletList(spec.edgeCases)),
    ...block("Definition of done", spec.definitionOfDone.map((item) => `- [${item.done ? "x" : " "}] ${item.text}`)),
  ];
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function appLine(spec: SpecDocument): string[] {
  const app = spec.app;
  if (!app) return ["How the app is started is not given in the spec: say in PLAN.md what command starts it."];
  const kind = app.kind === "command" ? "it is run as a command line program by the checks" : "it is started as a service that listens on the port in $PORT";
  const ready = app.readyPath ? `, and is ready once GET ${app.readyPath} answers` : "";
  return [`The app is started with \`${app.command}\` in the workspace: ${kind}${ready}.`];
}

function servicesLine(spec: SpecDocument): string[] {
  if (spec.services.length === 0) return [];
  return [`It integrates with: ${spec.services.join(", ")}. Their addresses and credentials come from the environment when the app runs; never hard-code them.`];
}

function planPrompt(spec: SpecDocument, files: Required<Pick<CompileSpecOptions, "specFile" | "planFile">>): string {
  return [
    `You are the planning stage of a software factory. Read ${files.specFile} in the workspace: the specification of "${oneLine(spec.title)}".`,
    `Write ${files.planFile} in the workspace: the files to create or change, in order; for each requirement (by its id), how it will be met and how it can be checked; the risks. Do not write the implementation yet.`,
    ...appLine(spec),
    ...servicesLine(spec),
    "",
    ...specDigest(spec),
  ].join("\n");
}

function implementPrompt(spec: SpecDocument, files: Required<Pick<CompileSpecOptions, "specFile" | "planFile" | "feedbackFile">>): string {
  return [
    `You are the implementation stage of a software factory. Implement ${files.specFile} (in the workspace) following ${files.planFile}.`,
    `If ${files.feedbackFile} exists, read it first: it says which checks failed on the last attempt and why. Fix those failures without breaking what works.`,
    ...appLine(spec),
    ...servicesLine(spec),
    "Run the checks you can (tests, the visible scenarios in the workspace) before you finish; every requirement and every item of the definition of done must hold.",
    "",
    ...specDigest(spec),
  ].join("\n");
}

/** The header comment: where the file came from, and that it may be edited. */
function header(source: string): string[] {
  return [
    `// Compiled by \`lightsout spec compile\` from ${source.replace(/\n/g, " ")}.`,
    "// An ordinary Attractor pipeline: edit it freely (prompts, retries, models), then run it with",
    "// `lightsout run`. The node ids and the lightsout.* types are the factory's: keep them.",
  ];
}

/** Compiles a parsed spec into the factory's DOT pipeline. */
export function compileSpec(spec: SpecDocument, options: CompileSpecOptions = {}): CompiledSpec {
  const { specFile = "SPEC.md", planFile = "PLAN.md", feedbackFile = "FEEDBACK.md", maxRetries = 1, source = basename(spec.file) } = options;
  const nodes = FACTORY_NODES;
  const types = FACTORY_HANDLER_TYPES;
  const indent = "    ";
  const model = modelAttributes(spec.model);
  const lines = [
    ...header(source),
    `digraph ${dotIdentifier(spec.name)} {`,
    `  graph [goal=${dotString(oneLine(spec.goal))}, label=${dotString(oneLine(spec.title))}, default_max_retries=${maxRetries}]`,
    "",
    `  ${nodes.start} [shape=Mdiamond, label="Start"]`,
    `  ${nodes.plan} [shape=box, label="Plan"${model},`,
    `    prompt=${dotText(planPrompt(spec, { specFile, planFile }), indent)}]`,
    `  ${nodes.implement} [shape=box, label="Implement"${model},`,
    `    prompt=${dotText(implementPrompt(spec, { specFile, planFile, feedbackFile }), indent)}]`,
    `  ${nodes.visibleChecks} [type="${types.visibleChecks}", label="Visible checks"]`,
    `  ${nodes.evaluate} [type="${types.evaluate}", label="Holdout evaluation", goal_gate=true, retry_target="${nodes.feedback}"]`,
    `  ${nodes.feedback} [type="${types.feedback}", label="Sanitized feedback"]`,
    `  ${nodes.exit} [shape=Msquare, label="Exit"]`,
    "",
    `  ${nodes.start} -> ${nodes.plan} -> ${nodes.implement} -> ${nodes.visibleChecks}`,
    `  ${nodes.visibleChecks} -> ${nodes.evaluate} [condition="outcome=success"]`,
    `  ${nodes.visibleChecks} -> ${nodes.feedback} [condition="outcome!=success"]`,
    `  ${nodes.evaluate} -> ${nodes.exit} [condition="outcome=success"]`,
    `  ${nodes.evaluate} -> ${nodes.feedback} [condition="outcome!=success"]`,
    `  ${nodes.feedback} -> ${nodes.implement}`,
    "}",
    "",
  ];
  return { dot: lines.join("\n") };
}

/**
 * `provider:model` as the node attributes src/factory/node-model.ts reads: llm_provider and
 * llm_model, split at the first colon, so a provider it does not know by prefix still resolves.
 */
function modelAttributes(model: string | undefined): string {
  if (model === undefined) return "";
  const colon = model.indexOf(":");
  if (colon <= 0) return `, llm_model=${dotString(model)}`;
  return `, llm_provider=${dotString(model.slice(0, colon))}, llm_model=${dotString(model.slice(colon + 1))}`;
}
