import { describe, expect, test } from "vitest";
import { LightsoutError } from "../../errors.js";
import type { Scenario } from "../model.js";
import { checkTwinNames, startTwinUniverse, trialTenantId, twinsOfScenario } from "./twin-universe.js";

const scenario = {
  id: "s",
  source: { file: "s.yaml", text: "" },
  twins: { slack: {} },
  steps: [
    { kind: "twin", twin: "jira", call: "POST /rest/api/3/issue" },
    { kind: "wait", until: { kind: "deliveries", twin: "slack" }, timeoutMs: 1, intervalMs: 1 },
  ],
  expectations: [{ id: "e", query: { kind: "records", twin: "jira", collection: "issues" } }, { id: "f", query: { kind: "app", where: {} } }],
} as unknown as Scenario;

describe("twin universe", () => {
  test("a scenario's twins come from its setup, its steps and its queries", () => {
    expect(twinsOfScenario(scenario)).toEqual(["jira", "slack"]);
  });

  test("an unknown twin is a SCENARIO error naming the file", () => {
    const bad = { ...scenario, twins: { zendesk: {} } } as unknown as Scenario;
    expect(() => checkTwinNames([bad])).toThrow(LightsoutError);
    expect(() => checkTwinNames([bad])).toThrow('s.yaml: scenario s names the twin "zendesk", which does not exist (twins: slack, jira, okta, google, openai, anthropic, gemini)');
  });

  test("tenant ids are valid, distinct per scenario and trial, and do not spell out the scenario id", () => {
    const id = trialTenantId("notify-on-issue", 3);
    expect(id).toMatch(/^trial-[0-9a-f]{8}\.3$/);
    expect(id).not.toContain("notify");
    expect(trialTenantId("notify-on-issue", 3)).toBe(id);
    expect(trialTenantId("notify-on-issue", 4)).not.toBe(id);
    expect(trialTenantId("notify-on-issues", 3)).not.toBe(id);
    expect(trialTenantId("héllo wörld ".repeat(10), 12)).toMatch(/^[A-Za-z0-9_.-]{1,64}$/);
  });

  test("serves each twin once on loopback and closes them", async () => {
    const universe = await startTwinUniverse(["slack", "jira"]);
    try {
      const slack = universe.get("slack");
      expect(slack.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const answer = await fetch(`${slack.origin}/_twin/tenants`);
      expect(((await answer.json()) as { twin: string }).twin).toBe("slack");
      expect(() => universe.get("okta")).toThrow("the twin okta was not started");
    } finally {
      await universe.close();
    }
    await expect(fetch(`${universe.get("slack").origin}/_twin/tenants`)).rejects.toThrow();
  });
});
