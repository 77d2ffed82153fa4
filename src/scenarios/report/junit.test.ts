import { describe, expect, it } from "vitest";
import { toJUnitXml } from "./junit.js";
import { buildRunReport } from "./run-report.js";
import { sampleRun, sampleScenario } from "./sample-run.fixture.js";

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", "#39": "'" };

/**
 * A tiny, strict XML reader (no regular expressions, no DTDs): it throws on anything that is not
 * well-formed — unbalanced tags, raw `<` or `&` in text or attributes, unquoted or repeated
 * attributes, unknown entities, control characters — and returns the element tree.
 */
function parseXml(xml: string): XmlElement {
  let at = 0;
  const fail = (why: string): never => {
    throw new Error(`not well-formed at ${at}: ${why}`);
  };
  const isNameChar = (c: string) => (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c === "." || c === "-" || c === "_" || c === ":";
  const name = (): string => {
    const start = at;
    while (at < xml.length && isNameChar(xml[at]!)) at++;
    if (at === start) fail("expected a name");
    return xml.slice(start, at);
  };
  const spaces = () => {
    while (xml[at] === " " || xml[at] === "\n" || xml[at] === "\t" || xml[at] === "\r") at++;
  };
  const decode = (raw: string, inAttribute: boolean): string => {
    let out = "";
    for (let i = 0; i < raw.length; i++) {
      const c = raw[i]!;
      const code = c.charCodeAt(0);
      if (code < 0x20 && c !== "\n" && c !== "\t" && c !== "\r") fail(`control character ${code}`);
      if (c === "<" || (inAttribute && c === '"')) fail(`raw ${c}`);
      if (c !== "&") {
        out += c;
        continue;
      }
      const end = raw.indexOf(";", i);
      const entity = end < 0 ? undefined : ENTITIES[raw.slice(i + 1, end)];
      if (entity === undefined) fail(`unknown entity near ${raw.slice(i, i + 8)}`);
      out += entity;
      i = end;
    }
    return out;
  };
  const element = (): XmlElement => {
    if (xml[at] !== "<") fail("expected <");
    at++;
    const node: XmlElement = { name: name(), attributes: {}, children: [], text: "" };
    for (;;) {
      spaces();
      if (xml.startsWith("/>", at)) {
        at += 2;
        return node;
      }
      if (xml[at] === ">") {
        at++;
        break;
      }
      const key = name();
      if (key in node.attributes) fail(`repeated attribute ${key}`);
      if (xml[at] !== "=" || xml[at + 1] !== '"') fail("expected =\"");
      at += 2;
      const end = xml.indexOf('"', at);
      if (end < 0) fail("unterminated attribute");
      node.attributes[key] = decode(xml.slice(at, end), true);
      at = end + 1;
    }
    for (;;) {
      const next = xml.indexOf("<", at);
      if (next < 0) fail(`unclosed <${node.name}>`);
      node.text += decode(xml.slice(at, next), false);
      at = next;
      if (xml.startsWith("</", at)) {
        at += 2;
        if (name() !== node.name) fail(`mismatched </...> for <${node.name}>`);
        spaces();
        if (xml[at] !== ">") fail("expected >");
        at++;
        return node;
      }
      node.children.push(element());
    }
  };
  if (xml.startsWith("<?xml")) at = xml.indexOf("?>") + 2;
  spaces();
  const root = element();
  spaces();
  if (at !== xml.length) fail("content after the root element");
  return root;
}

const hostile = `<script>alert("x")</script> & 'quotes' \u0001`;
const run = sampleRun([
  sampleScenario("checkout", "ppf", { mustPass: true }),
  sampleScenario("search & <filter>", "pxp"),
]);
run.scenarios[0]!.trials[2]!.reasons = [hostile, "second reason"];

describe("toJUnitXml", () => {
  it("is well-formed, with one testsuite and one testcase per trial plus the gate", () => {
    const report = buildRunReport(run, { threshold: 0.5 });
    const root = parseXml(toJUnitXml(report));
    expect(root.name).toBe("testsuites");
    expect(root.children).toHaveLength(1);
    const suite = root.children[0]!;
    expect(suite.name).toBe("testsuite");
    expect(suite.attributes).toMatchObject({ tests: "7", failures: "2", skipped: "1", errors: "0", timestamp: "2025-01-02T03:04:05.000Z" });
    const cases = suite.children.filter((child) => child.name === "testcase");
    expect(cases.map((c) => `${c.attributes["classname"]} | ${c.attributes["name"]}`)).toEqual([
      "checkout | trial 0 (seed 100)",
      "checkout | trial 1 (seed 101)",
      "checkout | trial 2 (seed 102)",
      "search & <filter> | trial 0 (seed 100)",
      "search & <filter> | trial 1 (seed 101)",
      "search & <filter> | trial 2 (seed 102)",
      "lightsout.gate | gate",
    ]);
  });

  it("marks product failures as failures and excluded trials as skipped, escaping every reason", () => {
    const report = buildRunReport(run, { threshold: 0.5 });
    const cases = parseXml(toJUnitXml(report)).children[0]!.children.filter((child) => child.name === "testcase");
    const failure = cases[2]!.children[0]!;
    expect(failure.name).toBe("failure");
    expect(failure.attributes["message"]).toBe(`<script>alert("x")</script> & 'quotes' \uFFFD`);
    expect(failure.text).toBe(`<script>alert("x")</script> & 'quotes' \uFFFD\nsecond reason`);
    expect(cases[0]!.children).toEqual([]);
    const skipped = cases[4]!.children[0]!;
    expect(skipped.name).toBe("skipped");
    expect(skipped.attributes["message"]).toBe("excluded: infrastructure: infrastructure failure in search & <filter> trial 1");
  });

  it("carries satisfaction, lower bound and the gate as properties, and a failing gate testcase", () => {
    const report = buildRunReport(run, { threshold: 0.5 });
    const suite = parseXml(toJUnitXml(report)).children[0]!;
    const properties = Object.fromEntries(suite.children[0]!.children.map((p) => [p.attributes["name"], p.attributes["value"]]));
    expect(properties).toMatchObject({
      satisfaction: String(report.satisfaction!.value),
      "satisfaction.lower": String(report.satisfaction!.lower),
      gate: "failed",
      threshold: "0.5",
    });
    const gate = suite.children.at(-1)!;
    expect(gate.children[0]!.name).toBe("failure");
    expect(gate.children[0]!.text).toContain("mustPassAllTrials: must-pass scenarios failed a trial: checkout (2/3)");
  });

  it("the tiny reader used here does reject broken XML", () => {
    expect(() => parseXml("<a><b></a>")).toThrow(/mismatched/);
    expect(() => parseXml(`<a x="1 < 2"/>`)).toThrow(/raw </);
    expect(() => parseXml("<a>fish & chips</a>")).toThrow(/unknown entity/);
  });
});
