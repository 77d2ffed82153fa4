import { describe, expect, it } from "vitest";
import { LightsoutError } from "../errors.js";
import { addNode, createGraph, type GraphNode } from "./graph.js";
import { nodeClasses, parseStylesheet, resolveStyle, tryParseStylesheet } from "./stylesheet.js";

function node(id: string, attributes: Record<string, string> = {}, subgraphClasses: string[] = []): GraphNode {
  const created = addNode(createGraph(), id, attributes);
  created.subgraphClasses.push(...subgraphClasses);
  return created;
}

function stylesheetError(text: string): LightsoutError {
  try {
    parseStylesheet(text);
  } catch (error) {
    if (LightsoutError.isInstance(error)) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
}

describe("11.10 model stylesheet", () => {
  it("11.10 Stylesheet is parsed from the graph's model_stylesheet attribute", () => {
    const rules = parseStylesheet(`
      * { llm_model: claude-sonnet-4-5; llm_provider: anthropic; }
      .code { llm_model: claude-opus-4-6; llm_provider: anthropic; }
      #critical_review { llm_model: gpt-5.2; llm_provider: openai; reasoning_effort: high; }
    `);
    expect(rules.map((rule) => [rule.selector, rule.specificity, rule.order])).toEqual([
      [{ kind: "universal" }, 0, 0],
      [{ kind: "class", className: "code" }, 2, 1],
      [{ kind: "id", nodeId: "critical_review" }, 3, 2],
    ]);
    expect(rules[2]!.declarations.map((declaration) => [declaration.property, declaration.value])).toEqual([
      ["llm_model", "gpt-5.2"],
      ["llm_provider", "openai"],
      ["reasoning_effort", "high"],
    ]);
    expect(rules[1]!.location).toEqual({ line: 3, column: 7 });
  });

  it("11.10 Selectors by shape name work (e.g., `box { llm_model: \"claude-opus-4-6\" }`)", () => {
    const rules = parseStylesheet('box { llm_model: "claude-opus-4-6" }');
    expect(resolveStyle(rules, node("plan", { shape: "box" }))).toEqual({ llm_model: "claude-opus-4-6" });
    expect(resolveStyle(rules, node("plan"))).toEqual({ llm_model: "claude-opus-4-6" });
    expect(resolveStyle(rules, node("gate", { shape: "hexagon" }))).toEqual({});
  });

  it("11.10 Selectors by class name work (e.g., `.fast { llm_model: \"gemini-3-flash-preview\" }`)", () => {
    const rules = parseStylesheet('.fast { llm_model: "gemini-3-flash-preview" }');
    expect(resolveStyle(rules, node("a", { class: "slow, fast" }))).toEqual({ llm_model: "gemini-3-flash-preview" });
    expect(resolveStyle(rules, node("b", {}, ["fast"]))).toEqual({ llm_model: "gemini-3-flash-preview" });
    expect(resolveStyle(rules, node("c", { class: "faster" }))).toEqual({});
  });

  it("11.10 Selectors by node ID work (e.g., `#review { reasoning_effort: \"high\" }`)", () => {
    const rules = parseStylesheet('#review { reasoning_effort: "high" }');
    expect(resolveStyle(rules, node("review"))).toEqual({ reasoning_effort: "high" });
    expect(resolveStyle(rules, node("reviewer"))).toEqual({});
  });

  it("11.10 Specificity order: universal < shape < class < ID", () => {
    // Written from most to least specific, so source order cannot explain the result.
    const rules = parseStylesheet(`
      #n { llm_model: by-id }
      .c { llm_model: by-class; llm_provider: class-provider }
      box { llm_model: by-shape; llm_provider: shape-provider; reasoning_effort: medium }
      * { llm_model: universal; llm_provider: universal; reasoning_effort: low }
    `);
    expect(resolveStyle(rules, node("n", { class: "c" }))).toEqual({ llm_model: "by-id", llm_provider: "class-provider", reasoning_effort: "medium" });
    expect(resolveStyle(rules, node("m", { class: "c" }))).toEqual({ llm_model: "by-class", llm_provider: "class-provider", reasoning_effort: "medium" });
    expect(resolveStyle(rules, node("m"))).toEqual({ llm_model: "by-shape", llm_provider: "shape-provider", reasoning_effort: "medium" });
    expect(resolveStyle(rules, node("m", { shape: "hexagon" }))).toEqual({ llm_model: "universal", llm_provider: "universal", reasoning_effort: "low" });
  });

  it("later rules win at equal specificity", () => {
    const rules = parseStylesheet(".a { llm_model: first } .b { llm_model: second } .a { llm_provider: p }");
    expect(resolveStyle(rules, node("n", { class: "b,a" }))).toEqual({ llm_model: "second", llm_provider: "p" });
    expect(resolveStyle(rules, node("n", { class: "a" }))).toEqual({ llm_model: "first", llm_provider: "p" });
  });

  it("8.6 example: plan gets sonnet, implement gets opus, critical_review gets gpt-5.2", () => {
    const rules = parseStylesheet(`
            * { llm_model: claude-sonnet-4-5; llm_provider: anthropic; }
            .code { llm_model: claude-opus-4-6; llm_provider: anthropic; }
            #critical_review { llm_model: gpt-5.2; llm_provider: openai; reasoning_effort: high; }
    `);
    expect(resolveStyle(rules, node("plan", { label: "Plan", class: "planning" }))).toEqual({ llm_model: "claude-sonnet-4-5", llm_provider: "anthropic" });
    expect(resolveStyle(rules, node("implement", { label: "Implement", class: "code" }))).toEqual({ llm_model: "claude-opus-4-6", llm_provider: "anthropic" });
    expect(resolveStyle(rules, node("critical_review", { label: "Critical Review", class: "code" }))).toEqual({
      llm_model: "gpt-5.2",
      llm_provider: "openai",
      reasoning_effort: "high",
    });
  });
});

describe("stylesheet grammar", () => {
  it("accepts comments, newlines, quoted values with escapes, a missing trailing ';' and empty stylesheets", () => {
    const rules = parseStylesheet('/* defaults */\n*{llm_model:"a \\"b\\"";llm_provider:x}\n/* end */');
    expect(resolveStyle(rules, node("n"))).toEqual({ llm_model: 'a "b"', llm_provider: "x" });
    expect(parseStylesheet("")).toEqual([]);
    expect(parseStylesheet("  /* nothing */ \n")).toEqual([]);
  });

  it("accepts bare values with slashes, dots and colons", () => {
    const rules = parseStylesheet("* { llm_model: openrouter/anthropic/claude-3.5:beta; }");
    expect(resolveStyle(rules, node("n"))).toEqual({ llm_model: "openrouter/anthropic/claude-3.5:beta" });
  });

  it("lets a later declaration in the same rule win", () => {
    expect(resolveStyle(parseStylesheet("* { llm_model: a; llm_model: b }"), node("n"))).toEqual({ llm_model: "b" });
  });

  const errors: [string, RegExp, string][] = [
    ["* { llm_modle: x }", /unknown property 'llm_modle'; expected llm_model, llm_provider or reasoning_effort/, "1:5"],
    ["* { llm_model x }", /expected ':' after 'llm_model', found 'x'/, "1:15"],
    ["* { llm_model: }", /expected a value for 'llm_model', found '}'/, "1:16"],
    ["* { llm_model: a b }", /expected ';' or '}' after the value, found 'b'/, "1:18"],
    ["*\n  llm_model: a }", /expected '\{' after the selector, found 'llm_model'/, "2:3"],
    ["* { llm_model: a", /expected ';' or '}' after the value, found the end of the stylesheet/, "1:17"],
    ["* { llm_model: a;", /expected a declaration or '}' before the end of the stylesheet/, "1:18"],
    ["* { reasoning_effort: extreme }", /reasoning_effort must be low, medium or high, found 'extreme'/, "1:23"],
    ["# { llm_model: a }", /expected a node id after '#'/, "1:2"],
    [". { llm_model: a }", /expected a class name after '\.'/, "1:2"],
    ["{ llm_model: a }", /expected a selector/, "1:1"],
    [".a, .b { llm_model: a }", /selector lists are not supported/, "1:3"],
    ["* { llm_model: a } /* open", /unterminated comment/, "1:20"],
    ['* { llm_model: "a }', /unterminated string/, "1:16"],
  ];

  for (const [text, pattern, place] of errors) {
    it(`rejects ${JSON.stringify(text)} at ${place}`, () => {
      const error = stylesheetError(text);
      expect(error.code).toBe("STYLESHEET_SYNTAX");
      expect(error.message).toMatch(pattern);
      expect(error.message).toContain(`model_stylesheet ${place}:`);
      const result = tryParseStylesheet(text);
      expect(result.ok ? "ok" : `${result.line}:${result.column}`).toBe(place);
    });
  }
});

describe("nodeClasses", () => {
  it("splits the class attribute on commas, trims, and appends subgraph classes", () => {
    expect(nodeClasses(node("n", { class: " code , critical,," }, ["loop-a"]))).toEqual(["code", "critical", "loop-a"]);
    expect(nodeClasses(node("n"))).toEqual([]);
  });
});
