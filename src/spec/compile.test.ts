import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDot, validate, validateOrRaise } from "../pipeline/index.js";
import { compileSpec, FACTORY_HANDLER_TYPES, FACTORY_NODES } from "./compile.js";
import { dotIdentifier, dotString, dotText } from "./dot-string.js";
import { loadSpecFile, parseSpec } from "./parse.js";

/** Any text, weighted towards what DOT strings must escape. */
const TEXT = fc
  .array(fc.oneof(fc.constantFrom('"', "\\", "\n", "\r", "\t", "{", "}", "+", "/", "*", "#", "n", "l", " "), fc.string({ unit: "binary", maxLength: 4 })), { maxLength: 24 })
  .map((parts) => parts.join(""));

const KNOWN_TYPES = ["start", "exit", "codergen", ...Object.values(FACTORY_HANDLER_TYPES)];

const TRICKY = `---
name: 9-lives
model: anthropic:claude-sonnet-4-5
app:
  command: node "server.mjs" --flag='a\\b'
---

# The "Quoted" {Braces} \\ Spec

## Goal

Print "hello" {world} with a \\ backslash,
and a tab\there; then } { ; -> edges -> none.

## Requirements

1. Output \`{"a": "b\\n"}\` exactly, and never \`digraph x { a -> b }\`.
2. Handle // comments and /* blocks */ and # hashes and $goal literally.

## Definition of done

- [ ] "done" \\ done
`;

describe("compileSpec", () => {
  it("emits the factory's graph, valid with no diagnostics when the factory's types are known", () => {
    const { dot } = compileSpec(loadSpecFile("examples/incident-bridge/SPEC.md"));
    const graph = parseDot(dot);
    expect(validate(graph, { knownHandlerTypes: KNOWN_TYPES })).toEqual([]);
    expect([...graph.nodes.keys()]).toEqual(["start", "plan", "implement", "visible_checks", "evaluate", "feedback", "exit"]);
    expect(Object.values(FACTORY_NODES).sort()).toEqual([...graph.nodes.keys()].sort());
    expect(graph.name).toBe("incident_bridge");
    expect(graph.attributes).toMatchObject({ label: "Incident bridge", default_max_retries: "1" });
    expect(graph.attributes["goal"]).toMatch(/^Announce every new High or Highest priority Jira issue in the Slack channel `#incidents`, and copy the human replies/);
    expect(graph.nodes.get("evaluate")!.attributes).toEqual({ type: "lightsout.evaluate", label: "Holdout evaluation", goal_gate: "true", retry_target: "feedback" });
    expect(graph.nodes.get("visible_checks")!.attributes["type"]).toBe("lightsout.visible_checks");
    expect(graph.nodes.get("feedback")!.attributes["type"]).toBe("lightsout.feedback");
    expect(graph.edges.map((edge) => `${edge.from}->${edge.to}${edge.attributes["condition"] ? ` [${edge.attributes["condition"]}]` : ""}`)).toEqual([
      "start->plan",
      "plan->implement",
      "implement->visible_checks",
      "visible_checks->evaluate [outcome=success]",
      "visible_checks->feedback [outcome!=success]",
      "evaluate->exit [outcome=success]",
      "evaluate->feedback [outcome!=success]",
      "feedback->implement",
    ]);
  });

  it("validates under the engine's default rules too (unknown types are only warnings)", () => {
    const { dot } = compileSpec(loadSpecFile("examples/incident-bridge/SPEC.md"));
    const diagnostics = validateOrRaise(parseDot(dot));
    expect(diagnostics.map((diagnostic) => `${diagnostic.severity} ${diagnostic.rule}`)).toEqual(["warning type_known", "warning type_known", "warning type_known"]);
  });

  it("starts with a comment naming the spec and saying the file may be edited", () => {
    const { dot } = compileSpec(loadSpecFile("examples/incident-bridge/SPEC.md"));
    expect(dot.split("\n").slice(0, 2)).toEqual([
      "// Compiled by `lightsout spec compile` from SPEC.md.",
      "// An ordinary Attractor pipeline: edit it freely (prompts, retries, models), then run it with",
    ]);
  });

  it("puts requirements, constraints, edge cases, the definition of done and the app command in the prompts", () => {
    const spec = loadSpecFile("examples/incident-bridge/SPEC.md");
    const graph = parseDot(compileSpec(spec).dot);
    for (const id of ["plan", "implement"]) {
      const prompt = graph.nodes.get(id)!.attributes["prompt"]!;
      for (const requirement of spec.requirements) expect(prompt).toContain(`- ${requirement.id}: ${requirement.text}`);
      for (const constraint of spec.constraints) expect(prompt).toContain(`- ${constraint}`);
      for (const edgeCase of spec.edgeCases) expect(prompt).toContain(`- ${edgeCase}`);
      for (const item of spec.definitionOfDone) expect(prompt).toContain(`- [ ] ${item.text}`);
      expect(prompt).toContain("`node app.mjs`");
      expect(prompt).toContain("SPEC.md");
    }
    expect(graph.nodes.get("plan")!.attributes["prompt"]).toContain("Write PLAN.md");
    expect(graph.nodes.get("implement")!.attributes["prompt"]).toContain("If FEEDBACK.md exists, read it first");
  });

  it("round-trips quotes, braces, backslashes, tabs, newlines and comment markers through the DOT parser", () => {
    const spec = parseSpec(TRICKY, "TRICKY.md");
    const graph = parseDot(compileSpec(spec).dot);
    validateOrRaise(graph, { knownHandlerTypes: KNOWN_TYPES });
    expect(graph.name).toBe("spec_9_lives");
    expect(graph.attributes["label"]).toBe('The "Quoted" {Braces} \\ Spec');
    expect(graph.attributes["goal"]).toBe('Print "hello" {world} with a \\ backslash, and a tab here; then } { ; -> edges -> none.');
    const prompt = graph.nodes.get("implement")!.attributes["prompt"]!;
    expect(prompt).toContain('- R1: Output `{"a": "b\\n"}` exactly, and never `digraph x { a -> b }`.\n');
    expect(prompt).toContain("- R2: Handle // comments and /* blocks */ and # hashes and $goal literally.\n");
    expect(prompt).toContain("The app is started with `node \"server.mjs\" --flag='a\\b'`");
    expect(prompt.endsWith('- [ ] "done" \\ done')).toBe(true);
  });

  it("sets the model on the agent nodes as llm_provider and llm_model", () => {
    const graph = parseDot(compileSpec(parseSpec(TRICKY, "TRICKY.md")).dot);
    for (const id of ["plan", "implement"]) expect(graph.nodes.get(id)!.attributes).toMatchObject({ llm_provider: "anthropic", llm_model: "claude-sonnet-4-5" });
    const withoutModel = parseDot(compileSpec(loadSpecFile("examples/incident-bridge/SPEC.md")).dot);
    expect(withoutModel.nodes.get("plan")!.attributes["llm_model"]).toBeUndefined();
  });

  it("takes file names and retries from its options", () => {
    const spec = loadSpecFile("examples/incident-bridge/SPEC.md");
    const graph = parseDot(compileSpec(spec, { specFile: "docs/SPEC.md", planFile: "NOTES.md", feedbackFile: "FIX.md", maxRetries: 3, source: "x/SPEC.md" }).dot);
    expect(graph.attributes["default_max_retries"]).toBe("3");
    expect(graph.nodes.get("implement")!.attributes["prompt"]).toMatch(/^You are the implementation stage of a software factory\. Implement docs\/SPEC\.md \(in the workspace\) following NOTES\.md\.\nIf FIX\.md exists/);
  });
});

describe("dotString", () => {
  it.each([["plain"], ['a "quote"'], ["back\\slash\\"], ["new\nline"], ["tab\tand \\n literal"], ["\\l graphviz directive"], ["{ } ; -> // /* */ #"]])("round-trips %j", (value) => {
    const graph = parseDot(`digraph g { graph [label=${dotString(value)}] }`);
    expect(graph.attributes["label"]).toBe(value);
  });

  it("drops carriage returns, which DOT cannot escape", () => {
    expect(parseDot(`digraph g { graph [label=${dotString("a\r\nb\rc")}] }`).attributes["label"]).toBe("a\nb\nc");
  });

  it("round-trips any text (carriage returns aside), as a value and as concatenated lines", () => {
    fc.assert(
      fc.property(TEXT, (value) => {
        const expected = value.replace(/\r\n?/g, "\n");
        expect(parseDot(`digraph g { graph [label=${dotString(value)}] }`).attributes["label"]).toBe(expected);
        expect(parseDot(`digraph g { graph [label=${dotText(value, "  ")}] }`).attributes["label"]).toBe(expected);
      }),
      { numRuns: 200 },
    );
  });

  it("makes identifiers DOT accepts, never a keyword", () => {
    expect(["incident-bridge", "2fa", "graph", "Node"].map(dotIdentifier)).toEqual(["incident_bridge", "spec_2fa", "spec_graph", "spec_Node"]);
    for (const name of ["graph", "strict", "edge"]) expect(parseDot(`digraph ${dotIdentifier(name)} { a }`).nodes.has("a")).toBe(true);
  });
});
