import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { LightsoutError } from "../../errors.js";
import type { Graph } from "../graph.js";
import { DotSyntaxError, MAX_SUBGRAPH_DEPTH, deriveSubgraphClass, parseDot } from "./index.js";

function nodeAttributes(graph: Graph, id: string): Record<string, string> | undefined {
  return graph.nodes.get(id)?.attributes;
}

function edgeList(graph: Graph): string[] {
  return graph.edges.map((edge) => `${edge.from}->${edge.to}`);
}

function syntaxError(text: string, source?: string): DotSyntaxError {
  try {
    parseDot(text, source === undefined ? {} : { source });
  } catch (error) {
    if (error instanceof DotSyntaxError) return error;
    throw error;
  }
  throw new Error("expected parseDot to throw");
}

describe("spec examples", () => {
  test("2.13 simple linear workflow", () => {
    const graph = parseDot(`digraph Simple {
    graph [goal="Run tests and report"]
    rankdir=LR

    start [shape=Mdiamond, label="Start"]
    exit  [shape=Msquare, label="Exit"]

    run_tests [label="Run Tests", prompt="Run the test suite and report results"]
    report    [label="Report", prompt="Summarize the test results"]

    start -> run_tests -> report -> exit
}`);
    expect(graph.name).toBe("Simple");
    expect(graph.attributes).toEqual({ goal: "Run tests and report", rankdir: "LR" });
    expect([...graph.nodes.keys()]).toEqual(["start", "exit", "run_tests", "report"]);
    expect(edgeList(graph)).toEqual(["start->run_tests", "run_tests->report", "report->exit"]);
    expect(nodeAttributes(graph, "run_tests")).toEqual({ label: "Run Tests", prompt: "Run the test suite and report results" });
  });

  test("2.13 branching workflow with conditions and node defaults", () => {
    const graph = parseDot(`digraph Branch {
    graph [goal="Implement and validate a feature"]
    rankdir=LR
    node [shape=box, timeout="900s"]

    start     [shape=Mdiamond, label="Start"]
    exit      [shape=Msquare, label="Exit"]
    plan      [label="Plan", prompt="Plan the implementation"]
    implement [label="Implement", prompt="Implement the plan"]
    validate  [label="Validate", prompt="Run tests"]
    gate      [shape=diamond, label="Tests passing?"]

    start -> plan -> implement -> validate -> gate
    gate -> exit      [label="Yes", condition="outcome=success"]
    gate -> implement [label="No", condition="outcome!=success"]
}`);
    expect(graph.nodes.size).toBe(6);
    expect(graph.edges).toHaveLength(6);
    expect(nodeAttributes(graph, "start")).toEqual({ shape: "Mdiamond", timeout: "900s", label: "Start" });
    expect(nodeAttributes(graph, "plan")?.["shape"]).toBe("box");
    expect(graph.edges[4]?.attributes).toEqual({ label: "Yes", condition: "outcome=success" });
    expect(graph.edges[5]?.attributes).toEqual({ label: "No", condition: "outcome!=success" });
  });

  test("2.13 human gate with a multi-line attribute block", () => {
    const graph = parseDot(`digraph Review {
    rankdir=LR

    start [shape=Mdiamond, label="Start"]
    exit  [shape=Msquare, label="Exit"]

    review_gate [
        shape=hexagon,
        label="Review Changes",
        type="wait.human"
    ]

    start -> review_gate
    review_gate -> ship_it [label="[A] Approve"]
    review_gate -> fixes   [label="[F] Fix"]
    ship_it -> exit
    fixes -> review_gate
}`);
    expect(nodeAttributes(graph, "review_gate")).toEqual({ shape: "hexagon", label: "Review Changes", type: "wait.human" });
    expect([...graph.nodes.keys()]).toEqual(["start", "exit", "review_gate", "ship_it", "fixes"]);
    expect(graph.edges.map((edge) => edge.attributes["label"])).toEqual([undefined, "[A] Approve", "[F] Fix", undefined, undefined]);
  });

  test("8.6 stylesheet example keeps a multi-line model_stylesheet verbatim", () => {
    const graph = parseDot(`digraph Pipeline {
    graph [
        goal="Implement feature X",
        model_stylesheet="
            * { llm_model: claude-sonnet-4-5; llm_provider: anthropic; }
            .code { llm_model: claude-opus-4-6; llm_provider: anthropic; }
            #critical_review { llm_model: gpt-5.2; llm_provider: openai; reasoning_effort: high; }
        "
    ]

    start [shape=Mdiamond]
    exit  [shape=Msquare]

    plan            [label="Plan", class="planning"]
    implement       [label="Implement", class="code"]
    critical_review [label="Critical Review", class="code"]

    start -> plan -> implement -> critical_review -> exit
}`);
    expect(graph.attributes["goal"]).toBe("Implement feature X");
    expect(graph.attributes["model_stylesheet"]).toBe(
      "\n            * { llm_model: claude-sonnet-4-5; llm_provider: anthropic; }" +
        "\n            .code { llm_model: claude-opus-4-6; llm_provider: anthropic; }" +
        "\n            #critical_review { llm_model: gpt-5.2; llm_provider: openai; reasoning_effort: high; }\n        ",
    );
    expect(nodeAttributes(graph, "implement")?.["class"]).toBe("code");
    expect(graph.edges).toHaveLength(4);
  });

  test("11.13 smoke test pipeline: 5 nodes, 6 edges, goal", () => {
    const graph = parseDot(`digraph test_pipeline {
    graph [goal="Create a hello world Python script"]

    start       [shape=Mdiamond]
    plan        [shape=box, prompt="Plan how to create a hello world script for: $goal"]
    implement   [shape=box, prompt="Write the code based on the plan", goal_gate=true]
    review      [shape=box, prompt="Review the code for correctness"]
    done        [shape=Msquare]

    start -> plan
    plan -> implement
    implement -> review [condition="outcome=success"]
    implement -> plan   [condition="outcome=fail", label="Retry"]
    review -> done      [condition="outcome=success"]
    review -> implement [condition="outcome=fail", label="Fix"]
}`);
    expect(graph.attributes["goal"]).toBe("Create a hello world Python script");
    expect(graph.nodes.size).toBe(5);
    expect(graph.edges).toHaveLength(6);
    expect(nodeAttributes(graph, "implement")?.["goal_gate"]).toBe("true");
    expect(nodeAttributes(graph, "plan")?.["prompt"]).toBe("Plan how to create a hello world script for: $goal");
  });
});

test("the example in docs/pipeline/dot.md parses as the doc describes", () => {
  const doc = readFileSync(new URL("../../../docs/pipeline/dot.md", import.meta.url), "utf8");
  const example = /## Example\n\n```dot\n([\s\S]*?)```/.exec(doc)?.[1] ?? "";
  const graph = parseDot(example, { source: "dot.md" });
  expect(graph.name).toBe("Release");
  expect(graph.attributes).toEqual({ goal: "Ship the release notes", label: "Release", rankdir: "LR" });
  expect(graph.nodes.get("draft")?.subgraphClasses).toEqual(["draft-loop"]);
  expect(nodeAttributes(graph, "draft")?.["tool_hooks.pre"]).toBe("git log --oneline -20");
  expect(nodeAttributes(graph, "review")).toMatchObject({ timeout: "30m", thread_id: "draft", llm_model: "claude-sonnet-4-5" });
  expect(graph.edges.map((edge) => edge.attributes["weight"])).toEqual(["0", "0", "0", "1"]);
});

describe("parity matrix parse rows (11.12)", () => {
  test("a simple linear pipeline start -> A -> B -> done", () => {
    const graph = parseDot("digraph P { start [shape=Mdiamond]; done [shape=Msquare]; start -> A -> B -> done }");
    expect(edgeList(graph)).toEqual(["start->A", "A->B", "B->done"]);
    expect([...graph.nodes.keys()]).toEqual(["start", "done", "A", "B"]);
  });

  test("graph-level attributes goal and label, in a block and as declarations", () => {
    expect(parseDot('digraph P { graph [goal="Ship it", label="Release"] }').attributes).toEqual({ goal: "Ship it", label: "Release" });
    expect(parseDot('digraph P { goal = "Ship it"; label="Release" }').attributes).toEqual({ goal: "Ship it", label: "Release" });
  });

  test("multi-line node attributes, including a multi-line string", () => {
    const graph = parseDot('digraph P {\n  a [\n    label = "A",\n    prompt = "first\nsecond"\n  ]\n}');
    expect(nodeAttributes(graph, "a")).toEqual({ label: "A", prompt: "first\nsecond" });
    expect(graph.nodes.get("a")?.attributeLocations).toEqual({ label: { line: 3, column: 5 }, prompt: { line: 4, column: 5 } });
  });
});

describe("graph header", () => {
  test.each([
    ["digraph Name {}", "Name"],
    ['digraph "My Pipeline" {}', "My Pipeline"],
    ["digraph {}", ""],
    ["DiGraph lower {}", "lower"],
  ])("%j is named %j", (text, name) => {
    expect(parseDot(text).name).toBe(name);
  });

  test("the source option is recorded and prefixes errors", () => {
    expect(parseDot("digraph G {}", { source: "p.dot" }).source).toBe("p.dot");
    expect(parseDot("digraph G {}").source).toBeUndefined();
    expect(syntaxError("digraph G {", "p.dot").message).toMatch(/^p\.dot:1:12: /);
    expect(syntaxError("digraph G {").message).toMatch(/^<input>:1:12: /);
  });
});

describe("statements", () => {
  test("edge chains produce one edge per pair with the same attributes", () => {
    const graph = parseDot('digraph G { A -> B -> C [label="next", weight=2] }');
    expect(graph.edges.map((edge) => [edge.from, edge.to, edge.attributes])).toEqual([
      ["A", "B", { label: "next", weight: "2" }],
      ["B", "C", { label: "next", weight: "2" }],
    ]);
  });

  test("semicolons between statements are optional", () => {
    const withSemicolons = parseDot("digraph G { a; b; a -> b; rankdir=LR; }");
    expect(edgeList(withSemicolons)).toEqual(["a->b"]);
    expect(() => parseDot("digraph G { ;; a ;; }")).not.toThrow();
  });

  test.each([
    ["commas", '[label="x", shape=box]'],
    ["semicolons", '[label="x"; shape=box]'],
    ["a trailing comma", '[label="x", shape=box,]'],
    ["several lists", '[label="x"][shape=box]'],
  ])("attribute lists accept %s", (_name, list) => {
    expect(nodeAttributes(parseDot(`digraph G { a ${list} }`), "a")).toEqual({ label: "x", shape: "box" });
  });

  test("an empty attribute list is allowed", () => {
    expect(nodeAttributes(parseDot("digraph G { a [] }"), "a")).toEqual({});
  });

  test("qualified keys are kept whole", () => {
    const graph = parseDot('digraph G { stack.child_dotfile="child.dot"; a [tool_hooks.pre="echo hi", human.default_choice=yes] }');
    expect(graph.attributes).toEqual({ "stack.child_dotfile": "child.dot" });
    expect(nodeAttributes(graph, "a")).toEqual({ "tool_hooks.pre": "echo hi", "human.default_choice": "yes" });
  });

  test("every value type is stored as the string it denotes", () => {
    const graph = parseDot(
      'digraph G { a [s="quoted \\"x\\"", i=42, n=-1, f=0.5, g=-3.14, b=true, d=900s, m=15m, ms=250ms, h=2h, day=1d, bare=claude-opus-4-6, fid=summary:high, q="", cat="a" + "b"] }',
    );
    expect(nodeAttributes(graph, "a")).toEqual({
      s: 'quoted "x"',
      i: "42",
      n: "-1",
      f: "0.5",
      g: "-3.14",
      b: "true",
      d: "900s",
      m: "15m",
      ms: "250ms",
      h: "2h",
      day: "1d",
      bare: "claude-opus-4-6",
      fid: "summary:high",
      q: "",
      cat: "ab",
    });
  });

  test("quoted and unquoted values both work", () => {
    const graph = parseDot('digraph G { a [shape=box]; b [shape="box"] }');
    expect(nodeAttributes(graph, "a")).toEqual(nodeAttributes(graph, "b"));
  });

  test("edge attributes label, condition and weight", () => {
    const graph = parseDot('digraph G { a -> b [label="Yes", condition="outcome=success && context.x!=1", weight=10] }');
    expect(graph.edges[0]?.attributes).toEqual({ label: "Yes", condition: "outcome=success && context.x!=1", weight: "10" });
  });

  test("the class attribute is kept as written for the stylesheet to apply", () => {
    expect(nodeAttributes(parseDot('digraph G { review [class="code,critical"] }'), "review")).toEqual({ class: "code,critical" });
  });

  test("comments are stripped, but not inside strings", () => {
    const graph = parseDot(`// leading comment
# preprocessor line
digraph G { /* block
  comment */
  a [label="not // a comment", prompt="nor /* this */"] // trailing
  a -> /* inline */ b
}`);
    expect(nodeAttributes(graph, "a")).toEqual({ label: "not // a comment", prompt: "nor /* this */" });
    expect(edgeList(graph)).toEqual(["a->b"]);
  });

  test("__proto__ works as a node id and as an attribute key", () => {
    const graph = parseDot('digraph G { __proto__ [__proto__="x"]; __proto__ -> constructor; graph [__proto__=y] }');
    expect([...graph.nodes.keys()]).toEqual(["__proto__", "constructor"]);
    const attributes = nodeAttributes(graph, "__proto__") ?? {};
    expect(Object.keys(attributes)).toEqual(["__proto__"]);
    expect(attributes["__proto__"]).toBe("x");
    expect(Object.getPrototypeOf(attributes)).toBe(Object.prototype);
    expect(graph.attributes["__proto__"]).toBe("y");
  });
});

describe("defaults and redeclaration", () => {
  test("node and edge defaults apply to later declarations only; explicit attributes win", () => {
    const graph = parseDot(`digraph G {
  before
  node [shape=box, timeout="900s"]
  edge [weight=1]
  a [timeout="60s"]
  a -> b
  node [shape=circle]
  c
  x -> y [weight=5]
}`);
    expect(nodeAttributes(graph, "before")).toEqual({});
    expect(nodeAttributes(graph, "a")).toEqual({ shape: "box", timeout: "60s" });
    expect(nodeAttributes(graph, "b")).toEqual({ shape: "box", timeout: "900s" });
    expect(nodeAttributes(graph, "c")).toEqual({ shape: "circle", timeout: "900s" });
    expect(graph.edges.map((edge) => edge.attributes["weight"])).toEqual(["1", "5"]);
    expect(graph.edges[0]?.attributeLocations).toEqual({});
  });

  test("a node declared twice merges attributes, later wins, defaults are not reapplied", () => {
    const graph = parseDot(`digraph G {
  a [label="one", shape=box]
  node [timeout="5s"]
  a [label="two", prompt="p"]
}`);
    expect(nodeAttributes(graph, "a")).toEqual({ label: "two", shape: "box", prompt: "p" });
    expect(graph.nodes.get("a")?.location).toEqual({ line: 2, column: 3 });
    expect(graph.nodes.get("a")?.attributeLocations?.["label"]).toEqual({ line: 4, column: 6 });
  });

  test("a subgraph inherits its parent's defaults and its own do not leak out (spec 2.10)", () => {
    const graph = parseDot(`digraph G {
  node [shape=box]
  subgraph cluster_loop {
    label = "Loop A"
    node [thread_id="loop-a", timeout="900s"]
    Plan      [label="Plan next step"]
    Implement [label="Implement", timeout="1800s"]
    subgraph inner { node [timeout="1s"]; deep }
    after_inner
  }
  outside
}`);
    expect(nodeAttributes(graph, "Plan")).toEqual({ shape: "box", thread_id: "loop-a", timeout: "900s", label: "Plan next step" });
    expect(nodeAttributes(graph, "Implement")).toEqual({ shape: "box", thread_id: "loop-a", timeout: "1800s", label: "Implement" });
    expect(nodeAttributes(graph, "deep")).toEqual({ shape: "box", thread_id: "loop-a", timeout: "1s" });
    expect(nodeAttributes(graph, "after_inner")?.["timeout"]).toBe("900s");
    expect(nodeAttributes(graph, "outside")).toEqual({ shape: "box" });
    expect(graph.attributes).toEqual({});
  });

  test("edge defaults are scoped by subgraphs too", () => {
    const graph = parseDot("digraph G { subgraph { edge [weight=3]; a -> b } c -> d }");
    expect(graph.edges.map((edge) => edge.attributes)).toEqual([{ weight: "3" }, {}]);
  });
});

describe("subgraphs", () => {
  test("are flattened: nodes and edges kept, wrapper removed, name optional or quoted", () => {
    const graph = parseDot('digraph G { subgraph one { a -> b } subgraph { c } subgraph "two words" { d } a -> d }');
    expect([...graph.nodes.keys()]).toEqual(["a", "b", "c", "d"]);
    expect(edgeList(graph)).toEqual(["a->b", "a->d"]);
  });

  test("labels derive classes, outermost first, for declared and edge-created nodes", () => {
    const graph = parseDot(`digraph G {
  existing
  subgraph cluster_outer {
    label = "Outer Loop"
    subgraph cluster_inner {
      graph [label="Inner: Step #2"]
      a -> b
      existing
    }
    c
  }
  d
}`);
    expect(graph.nodes.get("a")?.subgraphClasses).toEqual(["outer-loop", "inner-step-2"]);
    expect(graph.nodes.get("b")?.subgraphClasses).toEqual(["outer-loop", "inner-step-2"]);
    expect(graph.nodes.get("existing")?.subgraphClasses).toEqual(["outer-loop", "inner-step-2"]);
    expect(graph.nodes.get("c")?.subgraphClasses).toEqual(["outer-loop"]);
    expect(graph.nodes.get("d")?.subgraphClasses).toEqual([]);
    expect(graph.attributes).toEqual({});
  });

  test("a label written after the nodes still applies to them", () => {
    const graph = parseDot('digraph G { subgraph { a; label="Late Label" } }');
    expect(graph.nodes.get("a")?.subgraphClasses).toEqual(["late-label"]);
  });

  test("an edge inside a subgraph does not add an existing node to it", () => {
    const graph = parseDot('digraph G { exit; subgraph { label="Loop"; a -> exit } }');
    expect(graph.nodes.get("a")?.subgraphClasses).toEqual(["loop"]);
    expect(graph.nodes.get("exit")?.subgraphClasses).toEqual([]);
  });

  test("unlabelled subgraphs and labels with no class characters add no class; duplicates collapse", () => {
    const graph = parseDot('digraph G { subgraph { a } subgraph { label="!!!"; b } subgraph { label="X"; c } subgraph { label="x"; c } }');
    expect(graph.nodes.get("a")?.subgraphClasses).toEqual([]);
    expect(graph.nodes.get("b")?.subgraphClasses).toEqual([]);
    expect(graph.nodes.get("c")?.subgraphClasses).toEqual(["x"]);
  });

  test.each([
    ["Loop A", "loop-a"],
    ["Review & Ship", "review--ship"],
    ["  Ünïcode 42 ", "--ncode-42-"],
    ["already-ok", "already-ok"],
  ])("deriveSubgraphClass(%j) is %j", (label, className) => {
    expect(deriveSubgraphClass(label)).toBe(className);
  });

  test(`nesting up to ${MAX_SUBGRAPH_DEPTH} levels parses; deeper is a precise error, never a stack overflow`, () => {
    const nested = (depth: number): string => `digraph G { ${"subgraph { ".repeat(depth)}a${" }".repeat(depth)} }`;
    expect(parseDot(nested(MAX_SUBGRAPH_DEPTH)).nodes.has("a")).toBe(true);
    const error = syntaxError(nested(MAX_SUBGRAPH_DEPTH + 1));
    expect(error.detail).toBe(`subgraphs are nested more than ${MAX_SUBGRAPH_DEPTH} levels deep`);
    expect(error.column).toBe(13 + MAX_SUBGRAPH_DEPTH * "subgraph { ".length);
    expect(syntaxError(nested(100_000)).detail).toMatch(/nested more than/);
  });
});

describe("locations", () => {
  test("nodes at their first mention, edges at their source id, attributes at their key", () => {
    const graph = parseDot("digraph G {\n  a -> b\n  b [label=x]\n  graph [goal=g]\n  rankdir = LR\n}");
    expect(graph.nodes.get("a")?.location).toEqual({ line: 2, column: 3 });
    expect(graph.nodes.get("b")?.location).toEqual({ line: 2, column: 8 });
    expect(graph.nodes.get("b")?.attributeLocations).toEqual({ label: { line: 3, column: 6 } });
    expect(graph.edges[0]?.location).toEqual({ line: 2, column: 3 });
    expect(graph.graphAttributeLocations).toEqual({ goal: { line: 4, column: 10 }, rankdir: { line: 5, column: 3 } });
  });

  test("chained edges point at each pair's source", () => {
    const graph = parseDot("digraph G { a -> b\n  -> c }");
    expect(graph.edges.map((edge) => edge.location)).toEqual([
      { line: 1, column: 13 },
      { line: 1, column: 18 },
    ]);
  });
});

describe("errors", () => {
  test.each([
    ["", 1, 1, 'expected "digraph", found end of input'],
    ["graph G {}", 1, 1, 'undirected graphs are not supported; write "digraph" instead of "graph"'],
    ["strict digraph G {}", 1, 1, 'strict graphs are not supported; remove "strict"'],
    ["digraph A {} digraph B {}", 1, 14, 'only one graph per file is supported; found a second graph starting with "digraph"'],
    ["digraph G {} x", 1, 14, 'expected end of input after the closing "}" of the graph, found "x"'],
    ["digraph G { digraph H {} }", 1, 13, 'only one graph per file is supported; "digraph" cannot appear inside the graph'],
    ["digraph 1 {}", 1, 9, 'expected a graph name or "{" after "digraph", found "1"'],
    ["digraph G a", 1, 11, 'expected "{" to open the graph body, found "a"'],
    ["digraph G {\n  a -> b\n", 3, 1, 'expected "}" to close the graph opened at line 1, column 11, found end of input'],
    ["digraph G { subgraph s { a", 1, 27, 'expected "}" to close the subgraph opened at line 1, column 24, found end of input'],
    ["digraph G { a -- b }", 1, 15, 'undirected edges "--" are not supported; use "->"'],
    ["digraph G { a -> b -- c }", 1, 20, 'undirected edges "--" are not supported; use "->"'],
    ["digraph G {\n  a [label=\"x\" foo=1]\n}", 2, 16, 'expected "]" or "," after attribute, found "foo"'],
    ["digraph G { a [label] }", 1, 21, 'expected "=" after attribute key "label", found "]"'],
    ["digraph G { a [\"label\"=x] }", 1, 16, 'attribute keys must not be quoted (found string "label"); write the key bare, such as label'],
    ["digraph G { a [1x=y] }", 1, 16, 'invalid attribute key "1x": keys are identifiers, optionally qualified such as tool_hooks.pre'],
    ["digraph G { a [=y] }", 1, 16, 'expected an attribute key or "]", found "="'],
    ["digraph G { \"my node\" }", 1, 13, 'quoted node ids are not supported (found string "my node"); use an identifier such as my_node and put the text in label="my node"'],
    ["digraph G { a -> \"B 2\" }", 1, 18, 'quoted node ids are not supported (found string "B 2"); use an identifier such as B_2 and put the text in label="B 2"'],
    ["digraph G { 1abc }", 1, 13, 'invalid node id "1abc": node ids must match [A-Za-z_][A-Za-z0-9_]*; put display text in the label attribute'],
    ["digraph G { a.b [x=1] }", 1, 13, 'invalid node id "a.b": node ids must match [A-Za-z_][A-Za-z0-9_]*; put display text in the label attribute'],
    ["digraph G { a -> Node }", 1, 18, '"Node" is a keyword and cannot be a node id; node ids must match [A-Za-z_][A-Za-z0-9_]*; put display text in the label attribute'],
    ["digraph G { node -> a }", 1, 18, 'expected "[" after "node" (a keyword, so it cannot be a node id), found "->"'],
    ["digraph G { a:p -> b }", 1, 14, "ports (a:port) are not supported; refer to nodes by id only"],
    ["digraph G { a -> b:n }", 1, 19, "ports (b:port) are not supported; refer to nodes by id only"],
    ["digraph G { a [label=<<b>x</b>>] }", 1, 22, "HTML-like values <...> are not supported; use a double-quoted string instead"],
    ["digraph G { a -> { b c } }", 1, 18, "edges to or from subgraphs are not supported; write one edge per node"],
    ["digraph G { { a } }", 1, 13, 'anonymous blocks "{ ... }" are not supported; write "subgraph { ... }"'],
    ["digraph G { -> a }", 1, 13, 'expected a node id before "->"'],
    ["digraph G { a -> ; }", 1, 18, 'expected a node id after "->", found ";"'],
    ["digraph G { a [x=1] -> b }", 1, 21, 'expected a node id before "->"'],
    ["digraph G { subgraph s }", 1, 24, 'expected "{" to open the subgraph body, found "}"'],
    ["digraph G { subgraph -> }", 1, 22, 'expected a subgraph name or "{" after "subgraph", found "->"'],
    ["digraph G { = }", 1, 13, 'expected a statement (a node, an edge, an attribute or a subgraph), found "="'],
    ["digraph G { a [timeout=1.5h] }", 1, 24, 'invalid number "1.5h": unquoted numbers are integers, decimals or integer durations (900s, 15m, 250ms, 2h, 1d); quote other text'],
    ["digraph G { a [label=Run tests] }", 1, 26, 'expected "]" or "," after attribute, found "tests"'],
    ["digraph G {\n  a [label=\"oops]\n}", 2, 12, 'unterminated string: no closing " before the end of input'],
    ["digraph G {\n  /* oops\n  a\n}", 2, 3, "unterminated block comment: no closing */ before the end of input"],
  ])("%j fails at %i:%i", (text, line, column, detail) => {
    const error = syntaxError(text, "pipeline.dot");
    expect(error.detail).toBe(detail);
    expect(error.message).toBe(`pipeline.dot:${line}:${column}: ${detail}`);
    expect([error.line, error.column, error.source]).toEqual([line, column, "pipeline.dot"]);
    expect(error.code).toBe("DOT_SYNTAX");
    expect(LightsoutError.isInstance(error)).toBe(true);
    expect(error.message).not.toContain("\n");
  });
});

describe("scale", () => {
  test("a 10,000-node graph with a 10,000-edge chain parses quickly without stack overflow", () => {
    const lines = ["digraph Big {", '  node [shape=box, timeout="900s"]'];
    for (let index = 0; index < 10_000; index++) lines.push(`  n${index} [label="Node ${index}", prompt="Do step ${index}"]`);
    lines.push(`  ${Array.from({ length: 10_000 }, (_, index) => `n${index}`).join(" -> ")} [weight=1]`);
    lines.push("}");
    const text = lines.join("\n");
    const started = performance.now();
    const graph = parseDot(text);
    const elapsed = performance.now() - started;
    expect(graph.nodes.size).toBe(10_000);
    expect(graph.edges).toHaveLength(9_999);
    expect(graph.nodes.get("n9999")?.attributes).toEqual({ shape: "box", timeout: "900s", label: "Node 9999", prompt: "Do step 9999" });
    expect(elapsed).toBeLessThan(2_000);
  });
});
