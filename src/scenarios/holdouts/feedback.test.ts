import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Scenario, ScenarioResult, SuiteRun, Trajectory, TrialSummary } from "../model.js";
import { buildFeedback, visibleHoldoutGap, withholdHoldoutText } from "./feedback.js";

function scenario(id: string, title: string, story: string, extra: Partial<Scenario> = {}): Scenario {
  return { id, title, story, weight: 1, mustPass: false, tags: [], twins: {}, vars: {}, perturbations: [], steps: [], expectations: [], timeoutMs: 60_000, source: { file: `${id}.yaml`, text: "" }, ...extra };
}

const trial = (index: number, satisfied: boolean, attribution?: TrialSummary["attribution"], reasons: string[] = []): TrialSummary => ({ index, seed: index, satisfied, reasons, durationMs: 10, perturbations: [], ...(attribution ? { attribution } : {}) });

function result(from: Scenario, trials: TrialSummary[], tags: string[]): ScenarioResult {
  return { id: from.id, title: from.title, weight: from.weight, mustPass: false, tags, file: from.source.file, trials };
}

function run(scenarios: ScenarioResult[]): SuiteRun {
  return { v: 1, runId: "r1", startedAt: "", finishedAt: "", durationMs: 1, app: { command: "node app.mjs", kind: "service" }, seed: 1, trialsPerScenario: 2, concurrency: 1, scenarios };
}

function trajectory(scenarioId: string, trialIndex: number, satisfied: boolean, expectations: Trajectory["expectations"]): Trajectory {
  return { v: 1, scenarioId, trialIndex, seed: trialIndex, startedAt: "", durationMs: 1, vars: {}, perturbations: [], steps: [], twins: {}, expectations, verdict: { satisfied, reasons: [] } };
}

const HOLDOUT_STORY = "A refund above five hundred euros waits for a manager to approve it in the finance channel before anything is paid out";
const CANARY = "lightsout-canary-0123456789abcdef0123456789abcdef";

describe("buildFeedback", () => {
  const holdout = scenario("refund-approval", "Refunds need a manager", HOLDOUT_STORY, { canary: CANARY, tags: ["refunds"] });
  const visible = scenario("announce", "Incidents reach on-call", "When an incident is filed the on-call engineer sees it.", { tags: ["incidents"] });
  const suite = run([
    result(holdout, [trial(0, false, "product", [`expectation approval failed: ${HOLDOUT_STORY}`]), trial(1, false, "infrastructure", ["trial aborted: the app did not start"])], ["refunds", "slack"]),
    result(visible, [trial(0, true), trial(1, false, "product", ['expectation posted failed: slack requests chat.postMessage: 0 match, expected at least 1 (no chat.postMessage requests; seen: auth.test ×1)'])], ["incidents", "slack"]),
  ]);
  const trajectories = [
    trajectory("refund-approval", 0, false, [{ id: "approval", passed: false, detail: `${HOLDOUT_STORY} ${CANARY}` }]),
    trajectory("announce", 1, false, [{ id: "posted", passed: false, detail: "slack requests chat.postMessage: 0 match, expected at least 1 (no chat.postMessage requests; seen: auth.test ×1)" }, { id: "threaded", passed: false, detail: "slack requests chat.postMessage where body.thread_ts exists: 0 match" }]),
  ];
  const input = { run: suite, trajectories, scenarios: [holdout, visible], holdoutIds: new Set(["refund-approval"]) };

  it("none: nothing", () => {
    expect(buildFeedback({ ...input, level: "none" })).toBe("");
  });

  it("category: counts by cause and tag, satisfaction per tag, and nothing of any scenario's text", () => {
    expect(buildFeedback({ ...input, level: "category" })).toBe(
      [
        "Scenario results: 1 of 4 trials satisfied; satisfaction 0.25 (1 trial failed for reasons outside the product and is left out).",
        "Failed trials by cause: product 2, infrastructure 1.",
        "By tag:",
        "- slack: satisfaction 0.25; 3 failed trials (product 2, infrastructure 1)",
        "- refunds: satisfaction 0.00; 2 failed trials (product 1, infrastructure 1)",
        "- incidents: satisfaction 0.50; 1 failed trial (product 1)",
        "",
      ].join("\n"),
    );
  });

  it("full: adds the visible scenarios' titles, failed expectations and reasons, never a holdout's", () => {
    const text = buildFeedback({ ...input, level: "full" });
    expect(text).toContain("Visible scenarios that failed:\n- Incidents reach on-call (announce): 1 of 2 trials failed\n");
    expect(text).toContain("  - expectation posted failed: slack requests chat.postMessage: 0 match");
    expect(text).toContain("  - expectation threaded: slack requests chat.postMessage where body.thread_ts exists: 0 match");
    for (const secret of ["refund-approval", "Refunds need a manager", "five hundred euros", CANARY, "the app did not start"]) expect(text).not.toContain(secret);
  });

  it("scrubs holdout text that a visible scenario shares", () => {
    const twin = scenario("announce", "Shares words", "x", { tags: [] });
    const shared = run([result(twin, [trial(0, false, "product", [`expectation e failed: ${HOLDOUT_STORY}`])], [])]);
    const text = buildFeedback({ run: shared, trajectories: [], scenarios: [holdout, twin], holdoutIds: new Set(["refund-approval"]), level: "full" });
    expect(text).toContain("  - expectation e failed: [withheld]");
    expect(text).not.toContain("manager to approve");
  });
});

describe("holdout text never reaches feedback (property)", () => {
  // Words unlike the feedback's own vocabulary, so any 12-word run in the output came from a scenario.
  const word = fc.stringMatching(/^[qxz][a-z]{2,7}$/);
  const text = fc.array(word, { minLength: 12, maxLength: 40 }).map((words) => words.join(" "));
  const canary = fc.stringMatching(/^[0-9a-f]{32}$/).map((hex) => `lightsout-canary-${hex}`);

  const normalize = (value: string): string => ` ${(value.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(" ")} `;
  const windows = (value: string): string[] => {
    const words = value.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
    return words.slice(0, Math.max(0, words.length - 11)).map((_, start) => ` ${words.slice(start, start + 12).join(" ")} `);
  };

  it("no 12-word run of a holdout's title, story, steps, expectations or rubric, and no canary, at any level", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ story: text, title: text, step: text, detail: text, rubric: text, canary, tag: fc.oneof(word, text) }), { minLength: 1, maxLength: 3 }),
        fc.array(fc.record({ title: text, detail: text, copies: fc.boolean() }), { maxLength: 3 }),
        fc.constantFrom("category" as const, "full" as const),
        (holdouts, visibles, level) => {
          const holdoutScenarios = holdouts.map((h, index) =>
            scenario(`holdout-${index}`, h.title, h.story, {
              canary: h.canary,
              judge: { rubric: h.rubric },
              steps: [{ kind: "http", method: "POST", path: "/refunds", body: { note: h.step } }],
              expectations: [{ id: "e", description: h.detail, query: { kind: "app", where: { stdout: { contains: h.step } } } }],
            }),
          );
          // Visible scenarios may copy holdout text (a holdout written as a variant of a visible one).
          const visibleScenarios = visibles.map((v, index) => scenario(`visible-${index}`, v.copies ? holdouts[0]!.story : v.title, "story"));
          const leaky = (h: (typeof holdouts)[number]): string => `${h.story} ${h.detail} ${h.canary} ${h.step} ${h.rubric}`;
          const suite = run([
            ...holdoutScenarios.map((s, index) => result(s, [trial(0, false, "product", [leaky(holdouts[index]!)]), trial(1, true)], [holdouts[index]!.tag])),
            ...visibleScenarios.map((s, index) => result(s, [trial(0, false, "product", [visibles[index]!.copies ? leaky(holdouts[0]!) : visibles[index]!.detail])], [])),
          ]);
          const trajectories = [
            ...holdoutScenarios.map((s, index) => trajectory(s.id, 0, false, [{ id: "e", passed: false, detail: leaky(holdouts[index]!) }])),
            ...visibleScenarios.map((s, index) => trajectory(s.id, 0, false, [{ id: "e", passed: false, detail: visibles[index]!.copies ? leaky(holdouts[0]!) : visibles[index]!.detail }])),
          ];
          const output = buildFeedback({ run: suite, trajectories, scenarios: [...holdoutScenarios, ...visibleScenarios], holdoutIds: new Set(holdoutScenarios.map((s) => s.id)), level });
          const normalized = normalize(output);
          expect(output).not.toMatch(/lightsout-canary-/i);
          for (const h of holdouts) {
            for (const secret of [h.story, h.title, h.step, h.detail, h.rubric]) for (const window of windows(secret)) expect(normalized).not.toContain(window);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("visibleHoldoutGap", () => {
  it("alarms when visible satisfaction exceeds the holdouts' by more than the threshold", () => {
    expect(visibleHoldoutGap({ satisfaction: 0.95 }, { satisfaction: 0.7 })).toEqual({ gap: 0.95 - 0.7, alarm: true });
    expect(visibleHoldoutGap({ satisfaction: 0.85 }, { satisfaction: 0.7 }).alarm).toBe(false);
    expect(visibleHoldoutGap({ satisfaction: 0.7 }, { satisfaction: 0.9 }).alarm).toBe(false);
    expect(visibleHoldoutGap({ satisfaction: 0.9 }, { satisfaction: 0.8 }, 0.05).alarm).toBe(true);
  });
});

describe("withholdHoldoutText", () => {
  it("replaces canaries and 12-word runs, leaving the rest", () => {
    const holdout = scenario("h", "t", HOLDOUT_STORY);
    expect(withholdHoldoutText(`before ${CANARY} and: ${HOLDOUT_STORY.toUpperCase()}. after`, [holdout])).toBe("before [withheld] and: [withheld]. after");
  });
});
