import { describe, expect, it } from "vitest";
import { LightsoutError } from "../errors.js";
import type { TemplateScope } from "./model.js";
import { findTemplateReferences, lookupTemplate, parseTemplateExpression, resolveTemplates, splitTemplate } from "./templates.js";

const scope: TemplateScope = {
  app: { url: "http://127.0.0.1:4000", port: 4000, command: "node app.js" },
  trial: { seed: 7, index: 2 },
  scenario: { id: "announce" },
  vars: { summary: "Printer on fire", count: 3, flag: false, nothing: null, labels: ["a", "b"] },
  captured: { issue: { key: "OPS-1", id: "10001" }, items: [{ id: "i-1" }, { id: "i-2" }] },
  twins: { slack: { botToken: "xoxb-1", baseUrl: "http://127.0.0.1:5000/slack" } },
  env: { SLACK_CHANNEL: "C123" },
};

function thrown(run: () => unknown): LightsoutError {
  try {
    run();
  } catch (error) {
    if (LightsoutError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("expected a LightsoutError");
}

describe("resolveTemplates", () => {
  it("keeps the referenced value's type when a string is exactly one reference", () => {
    expect(resolveTemplates("${vars.count}", scope)).toBe(3);
    expect(resolveTemplates("${vars.flag}", scope)).toBe(false);
    expect(resolveTemplates("${vars.nothing}", scope)).toBeNull();
    expect(resolveTemplates("${captured.issue}", scope)).toEqual({ key: "OPS-1", id: "10001" });
    expect(resolveTemplates("${ app.port }", scope)).toBe(4000);
  });

  it("interpolates values as text inside longer strings, objects as JSON", () => {
    expect(resolveTemplates("${app.url}/jira/webhook", scope)).toBe("http://127.0.0.1:4000/jira/webhook");
    expect(resolveTemplates("n=${vars.count} ok=${vars.flag}", scope)).toBe("n=3 ok=false");
    expect(resolveTemplates("labels ${vars.labels}", scope)).toBe('labels ["a","b"]');
    expect(resolveTemplates("issue ${captured.issue}", scope)).toBe('issue {"key":"OPS-1","id":"10001"}');
  });

  it("resolves deep inside objects and arrays and returns a new value", () => {
    const input = { body: { fields: { summary: "${vars.summary}", count: "${vars.count}" } }, list: ["${captured.items[1].id}", 5, true] };
    const output = resolveTemplates(input, scope);
    expect(output).toEqual({ body: { fields: { summary: "Printer on fire", count: 3 } }, list: ["i-2", 5, true] });
    expect(input.body.fields.summary).toBe("${vars.summary}");
    expect(output).not.toBe(input);
  });

  it("never templates object keys", () => {
    expect(resolveTemplates({ "${vars.summary}": 1 }, scope)).toEqual({ "${vars.summary}": 1 });
  });

  it("treats $${ as a literal ${", () => {
    expect(resolveTemplates("$${vars.count}", scope)).toBe("${vars.count}");
    expect(resolveTemplates("cost: $${vars.count} is ${vars.count}", scope)).toBe("cost: ${vars.count} is 3");
    expect(resolveTemplates("just $5 and $$", scope)).toBe("just $5 and $$");
  });

  it("names the reference, where it is, and what is known when a reference is unknown", () => {
    const error = thrown(() => resolveTemplates({ summary: "x ${vars.x}" }, scope, "steps[2].body"));
    expect(error.code).toBe("SCENARIO");
    expect(error.message).toBe("unknown template reference ${vars.x} at steps[2].body.summary: vars has no x (known: summary, count, flag, nothing, labels)");
  });

  it("reports missing roots, indices past the end and paths through scalars", () => {
    expect(thrown(() => resolveTemplates("${secrets.key}", scope)).message).toBe(
      "unknown template reference ${secrets.key}: no secrets (known: app, trial, scenario, vars, captured, twins, env)",
    );
    expect(thrown(() => resolveTemplates(["${captured.items[5].id}"], scope)).message).toBe(
      "unknown template reference ${captured.items[5].id} at [0]: captured.items has no [5] (length 2)",
    );
    expect(thrown(() => resolveTemplates("${vars.summary.length}", scope)).message).toContain("vars.summary has no length (it is string)");
  });

  it("rejects expressions that are not paths and unterminated references", () => {
    expect(thrown(() => resolveTemplates("${vars.count + 1}", scope)).message).toContain("invalid template reference ${vars.count + 1}");
    expect(thrown(() => resolveTemplates("a ${vars.count", scope)).message).toContain("unterminated template");
  });

  it("leaves strings without templates and non-strings alone", () => {
    expect(resolveTemplates({ a: 1, b: null, c: "plain", d: [false] }, scope)).toEqual({ a: 1, b: null, c: "plain", d: [false] });
  });
});

describe("findTemplateReferences", () => {
  it("lists every reference with its JSON path, skipping escapes", () => {
    const value = {
      path: "/issues/${captured.issue.key}",
      headers: { "X-Token": "Bearer ${twins.slack.botToken}" },
      body: [{ text: "${vars.a} and ${vars.b}" }, "$${not.a.reference}"],
      n: 4,
    };
    expect(findTemplateReferences(value)).toEqual([
      { path: "path", expression: "captured.issue.key" },
      { path: 'headers["X-Token"]', expression: "twins.slack.botToken" },
      { path: "body[0].text", expression: "vars.a" },
      { path: "body[0].text", expression: "vars.b" },
    ]);
  });

  it("reports a top-level string at the empty path", () => {
    expect(findTemplateReferences("${env.HOME}")).toEqual([{ path: "", expression: "env.HOME" }]);
  });
});

describe("lookupTemplate", () => {
  it("finds dotted paths with indices", () => {
    expect(lookupTemplate("twins.slack.botToken", scope)).toEqual({ found: true, value: "xoxb-1" });
    expect(lookupTemplate("captured.items[0].id", scope)).toEqual({ found: true, value: "i-1" });
    expect(lookupTemplate("vars.labels.1", scope)).toEqual({ found: true, value: "b" });
  });

  it("says not found for absent paths and non-paths", () => {
    expect(lookupTemplate("twins.jira.apiToken", scope)).toEqual({ found: false, value: undefined });
    expect(lookupTemplate("vars.toString", scope)).toEqual({ found: false, value: undefined });
    expect(lookupTemplate("vars.count * 2", scope)).toEqual({ found: false, value: undefined });
  });
});

describe("parseTemplateExpression and splitTemplate", () => {
  it("splits paths into segments", () => {
    expect(parseTemplateExpression("captured.items[0].id")).toEqual(["captured", "items", 0, "id"]);
    expect(parseTemplateExpression("twins.google-drive.baseUrl")).toEqual(["twins", "google-drive", "baseUrl"]);
    expect(parseTemplateExpression("a..b")).toBeUndefined();
    expect(parseTemplateExpression("")).toBeUndefined();
    expect(parseTemplateExpression("f()")).toBeUndefined();
  });

  it("splits text around references", () => {
    expect(splitTemplate("a ${x} b $${y}")).toEqual([{ text: "a " }, { expression: "x" }, { text: " b ${y}" }]);
    expect(splitTemplate("${x")).toEqual([{ expression: "x", unterminated: true }]);
  });
});
