import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { parseDot } from "../pipeline/dot/index.js";
import { runCli } from "./main.js";
import { createMemoryIo } from "./memory-io.js";

const STYLED = `digraph styled {
  graph [model_stylesheet="* { llm_model: model-a; }"]
  start [shape=Mdiamond]
  exit [shape=Msquare]
  plan [label="Plan the work", prompt="plan"]
  gate [shape=hexagon, label="OK?"]
  start -> plan -> gate
  gate -> exit [label="[Y] Yes"]
  gate -> plan [label="[N] No"]
}`;

function workspace(): string {
  const directory = mkdtempSync(join(tmpdir(), "lightsout-cli-render-"));
  writeFileSync(join(directory, "styled.dot"), STYLED);
  return directory;
}

test("renders SVG on stdout by default", async () => {
  const io = createMemoryIo({ cwd: workspace() });
  expect(await runCli(["pipeline", "render", "styled.dot"], io)).toBe(0);
  expect(io.stdoutText()).toContain("<svg");
  expect(io.stdoutText()).toContain("Plan the work");
  expect(io.stderrText()).toBe("");
});

test("-o writes the drawing to a file; --format json is Graphviz's layout", async () => {
  const cwd = workspace();
  const io = createMemoryIo({ cwd });
  expect(await runCli(["pipeline", "render", "styled.dot", "--format", "json", "-o", "styled.json"], io)).toBe(0);
  expect(io.stdoutText()).toBe("");
  const layout = JSON.parse(readFileSync(join(cwd, "styled.json"), "utf8")) as { name: string; objects: unknown[] };
  expect(layout.name).toBe("styled");
  expect(layout.objects.length).toBe(4);
});

test("--format dot prints the prepared graph: the stylesheet is applied", async () => {
  const io = createMemoryIo({ cwd: workspace() });
  expect(await runCli(["pipeline", "render", "styled.dot", "--format", "dot"], io)).toBe(0);
  const graph = parseDot(io.stdoutText());
  expect(graph.nodes.get("plan")?.attributes["llm_model"]).toBe("model-a");
  expect(graph.edges).toHaveLength(4);
});

test("an unknown format and malformed input are usage errors", async () => {
  const io = createMemoryIo({ cwd: workspace() });
  expect(await runCli(["pipeline", "render", "styled.dot", "--format", "png"], io)).toBe(2);
  expect(io.stderrText()).toContain("Allowed choices are svg, dot, json");

  const cwd = workspace();
  writeFileSync(join(cwd, "broken.dot"), "digraph {");
  const broken = createMemoryIo({ cwd });
  expect(await runCli(["pipeline", "render", "broken.dot"], broken)).toBe(2);
  expect(broken.stderrText()).toMatch(/^lightsout: broken\.dot:1:\d+: [^\n]+\n$/);
});
