/**
 * The judge panel: the deterministic judge first, then, only when the scenario has a rubric and
 * the deterministic verdict is satisfied, the LLM judge. The LLM can veto a pass (a product
 * failure, or a judge failure when it could not answer) but never rescue a failure: what the
 * checks saw fail stays failed, whatever a model says (ADR 0082). Its reading is written to the
 * trajectory's `judge` field, which the runner records.
 */
import { errorMessage } from "../../errors.js";
import type { Judge, Verdict } from "../model.js";

/** The deterministic verdict, vetoed by the LLM's reading when it has one and disagrees. */
export function combineVerdicts(deterministic: Verdict, llm?: Verdict): Verdict {
  if (!deterministic.satisfied || llm === undefined) return deterministic;
  if (llm.satisfied) return { satisfied: true, reasons: [...deterministic.reasons, ...llm.reasons] };
  return { satisfied: false, reasons: [...llm.reasons, ...deterministic.reasons], attribution: llm.attribution ?? "product" };
}

export function createJudgePanel(deterministic: Judge, llm?: Judge): Judge {
  return {
    name: llm ? `${deterministic.name}+${llm.name}` : deterministic.name,
    judge: async (scenario, trajectory) => {
      const first = await deterministic.judge(scenario, trajectory);
      if (!llm || !scenario.judge?.rubric?.trim() || !first.satisfied) return first;
      let reading: Verdict;
      try {
        reading = await llm.judge(scenario, trajectory);
      } catch (error) {
        reading = { satisfied: false, reasons: [`LLM judge failed: ${errorMessage(error)}`], attribution: "judge" };
      }
      trajectory.judge = { satisfied: reading.satisfied, reasons: reading.reasons };
      return combineVerdicts(first, reading);
    },
  };
}
