import { describe, expect, test } from "vitest";
import type { Scenario } from "../model.js";
import { planTrials, runPool } from "./schedule.js";
import { trialSeed } from "./seeds.js";

const scenario = (id: string) => ({ id }) as Scenario;

describe("planTrials", () => {
  test("interleaves scenarios round-robin by trial index, with seeds from the suite seed", () => {
    const plan = planTrials([scenario("a"), scenario("b")], 3, 9);
    expect(plan.map(({ scenario: { id }, index }) => `${id}#${index}`)).toEqual(["a#0", "b#0", "a#1", "b#1", "a#2", "b#2"]);
    expect(plan[3]!.seed).toBe(trialSeed(9, "b", 1));
  });

  test("replays exact seeds for a scenario, whose count overrides the number of trials", () => {
    const plan = planTrials([scenario("a"), scenario("b")], 2, 0, { b: [11, 22, 33] });
    expect(plan.map(({ scenario: { id }, index, seed }) => [id, index, id === "b" ? seed : "derived"])).toEqual([
      ["a", 0, "derived"],
      ["b", 0, 11],
      ["a", 1, "derived"],
      ["b", 1, 22],
      ["b", 2, 33],
    ]);
  });
});

describe("runPool", () => {
  test("never runs more than `concurrency` at once and runs everything", async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await runPool([1, 2, 3, 4, 5, 6, 7], 3, async (item) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running -= 1;
      done.push(item);
    });
    expect(most).toBe(3);
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  test("starts nothing new once the signal aborts; what runs finishes", async () => {
    const controller = new AbortController();
    const started: number[] = [];
    await runPool([1, 2, 3, 4, 5], 2, async (item) => {
      started.push(item);
      if (item === 2) controller.abort();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }, controller.signal);
    expect(started).toEqual([1, 2]);
  });
});
