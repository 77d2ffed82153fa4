import { describe, expect, it } from "vitest";
import type { Scenario } from "../model.js";
import { findLeaks } from "./leak-check.js";

const STORY = "When a priority one incident is filed in Jira the on-call engineer sees it in the ops channel within a minute, with the issue key and a link.";
const CANARY = "lightsout-canary-00112233445566778899aabbccddeeff";

function scenario(id: string, fields: Partial<Scenario> = {}): Scenario {
  return {
    id,
    title: "Incidents reach on-call",
    story: STORY,
    weight: 1,
    mustPass: false,
    tags: [],
    twins: {},
    vars: {},
    perturbations: [],
    steps: [{ kind: "twin", twin: "jira", call: "POST /rest/api/3/issue", body: { fields: { summary: "Checkout answers 502 for every customer in the EU region since the deploy at noon" } } }],
    expectations: [{ id: "posted", query: { kind: "requests", twin: "slack", method: "chat.postMessage", where: { "body.text": { contains: "OPS-1" } } } }],
    judge: { rubric: "The message in the ops channel names the issue key and links to the issue so that the engineer can open it in one click." },
    timeoutMs: 60_000,
    canary: CANARY,
    source: { file: `${id}.yaml`, text: `# ${CANARY}\nid: ${id}\n` },
    ...fields,
  };
}

describe("findLeaks", () => {
  it("finds a holdout's canary, with its line", () => {
    const findings = findLeaks([scenario("announce")], [{ name: "notes.md", text: `line one\nsee ${CANARY.toUpperCase()} here\n` }]);
    expect(findings).toEqual([{ source: "notes.md", line: 2, scenarioId: "announce", kind: "canary", excerpt: CANARY.toUpperCase() }]);
  });

  it("ignores canaries of other scenario sets, and a canary cut short", () => {
    expect(findLeaks([scenario("announce")], [{ name: "x", text: "lightsout-canary-ffffffffffffffffffffffffffffffff" }])).toEqual([]);
    expect(findLeaks([scenario("announce")], [{ name: "x", text: CANARY.slice(0, -1) }])).toEqual([]);
  });

  it("finds canaries of any length the format allows (16 hex digits or more)", () => {
    const short = "lightsout-canary-a1b2c3d4e5f6a7b8c9d0e1f2";
    const findings = findLeaks([scenario("announce", { canary: short })], [{ name: "x", text: `id: x\ncanary: ${short}` }]);
    expect(findings).toEqual([{ source: "x", line: 2, scenarioId: "announce", kind: "canary", excerpt: short }]);
  });

  it("finds a story copied reflowed, re-cased and re-punctuated, once per copied run, at the line it starts", () => {
    const copied = "# Notes\n\n> WHEN a priority-one incident is filed in *Jira*,\n> the on-call engineer sees it in the ops channel\n> within a minute.\n";
    const findings = findLeaks([scenario("announce", { canary: undefined, source: { file: "a.yaml", text: "" } })], [{ name: "notes.md", text: copied }]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ source: "notes.md", line: 3, scenarioId: "announce", kind: "verbatim" });
    expect(findings[0]!.excerpt).toBe("WHEN a priority-one incident is filed in *Jira*, > the on-call engineer sees it in the ops channel > within a minute");
  });

  it("finds text of steps, expectations and the rubric, and text inside JSON strings with escapes", () => {
    const transcript = JSON.stringify({ role: "tool", content: "summary:\nCheckout answers 502 for every customer\nin the EU region since the deploy at noon" });
    expect(findLeaks([scenario("announce")], [{ name: "transcript-7", text: transcript }])).toMatchObject([{ source: "transcript-7", line: 1, kind: "verbatim" }]);
    const rubric = "names the issue key and links to the issue so that the engineer can open it";
    expect(findLeaks([scenario("announce")], [{ name: "r", text: rubric }])).toHaveLength(1);
  });

  it("does not flag 11 words, common strings or scattered words (a hyphen separates words)", () => {
    const sources = [
      { name: "eleven", text: "priority one incident is filed in Jira, the on-call engineer" },
      { name: "code", text: 'await client.chat.postMessage({ channel, text: "OPS-1" }); fetch("/rest/api/3/issue", { method: "POST" }); body.text' },
      // "night" splits the story's first 19 words into runs of 10 and 9: no leak.
      { name: "split", text: "When a priority one incident is filed in Jira the NIGHT on-call engineer sees it in the ops channel" },
      // Here the run after "night" is 12 words long: a leak.
      { name: "split-late", text: "When a priority one incident is filed in Jira the NIGHT on-call engineer sees it in the ops channel within a minute" },
    ];
    const findings = findLeaks([scenario("announce", { canary: undefined, source: { file: "a", text: "" } })], sources);
    expect(findings.map((finding) => [finding.source, finding.excerpt])).toEqual([["split-late", "on-call engineer sees it in the ops channel within a minute"]]);
  });

  it("names every scenario a shared run belongs to, and scans every source", () => {
    const findings = findLeaks([scenario("a"), scenario("b", { canary: "lightsout-canary-ffffffffffffffffffffffffffffffff", source: { file: "b", text: "" } })], [
      { name: "one", text: STORY },
      { name: "two", text: "nothing here" },
      { name: "three", text: `x\n${"lightsout-canary-ffffffffffffffffffffffffffffffff"}` },
    ]);
    expect(findings.map((finding) => `${finding.source}:${finding.line} ${finding.kind} ${finding.scenarioId}`)).toEqual(["one:1 verbatim a", "one:1 verbatim b", "three:2 canary b"]);
  });
});
