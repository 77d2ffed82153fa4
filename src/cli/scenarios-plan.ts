/**
 * `lightsout scenarios plan --baseline S --scenarios N (--drop D | --trials K)`: the power planner.
 * With `--drop`: how many trials per scenario detect a drop of D points from S. With `--trials`:
 * the smallest drop such a run can detect. Pure arithmetic (src/scenarios/stats/planner.ts).
 */
import type { Command } from "commander";
import { LightsoutError } from "../errors.js";
import { minimumDetectableDrop, trialsToDetectDrop } from "../scenarios/stats/index.js";
import { ExitCode } from "./exit-codes.js";
import { type CliIo, writeLine } from "./io.js";
import { integerAtLeast, openProbabilityOption } from "./number-options.js";

export interface ScenariosPlanOptions {
  baseline: number;
  scenarios: number;
  drop?: number;
  trials?: number;
  alpha: number;
  power: number;
  json?: boolean;
}

export function planScenariosCommand(options: ScenariosPlanOptions, io: CliIo): ExitCode {
  if ((options.drop === undefined) === (options.trials === undefined)) throw new LightsoutError("INPUT", "give exactly one of --drop (how many trials?) or --trials (what drop can be seen?)");
  const common = { baseline: options.baseline, scenarios: options.scenarios, alpha: options.alpha, power: options.power };
  if (options.drop !== undefined) {
    const trials = trialsToDetectDrop({ ...common, drop: options.drop });
    if (options.json) writeLine(io.stdout, JSON.stringify({ ...common, drop: options.drop, trialsPerScenario: trials, totalTrials: trials * options.scenarios }));
    else
      writeLine(
        io.stdout,
        `${trials} trials per scenario (${trials * options.scenarios} in all) detect a drop of ${options.drop} from ${options.baseline} ` +
          `with ${Math.round(options.power * 100)}% power at one-sided alpha ${options.alpha}`,
      );
    return ExitCode.success;
  }
  const drop = minimumDetectableDrop({ ...common, trialsPerScenario: options.trials! });
  if (options.json) writeLine(io.stdout, JSON.stringify({ ...common, trialsPerScenario: options.trials, minimumDetectableDrop: Number.isFinite(drop) ? drop : null }));
  else if (!Number.isFinite(drop)) writeLine(io.stdout, `${options.trials} trials per scenario over ${options.scenarios} scenarios cannot detect any drop from ${options.baseline} (power ${options.power}, alpha ${options.alpha}): run more trials`);
  else writeLine(io.stdout, `${options.trials} trials per scenario over ${options.scenarios} scenarios detect a drop of ${drop.toFixed(3)} from ${options.baseline} (power ${options.power}, alpha ${options.alpha})`);
  return ExitCode.success;
}

export function addScenariosPlanCommand(scenarios: Command, io: CliIo, finish: (code: ExitCode) => void): void {
  scenarios
    .command("plan")
    .description("how many trials detect a drop of D points, or what drop K trials can detect")
    .requiredOption("--baseline <s>", "the satisfaction you expect of a good version", openProbabilityOption("--baseline"))
    .requiredOption("--scenarios <n>", "how many scenarios the suite has", integerAtLeast("--scenarios", 1))
    .option("--drop <d>", "the drop to detect, e.g. 0.05 for five points", openProbabilityOption("--drop"))
    .option("--trials <k>", "trials per scenario you can afford", integerAtLeast("--trials", 1))
    .option("--alpha <a>", "one-sided significance level", openProbabilityOption("--alpha"), 0.05)
    .option("--power <p>", "the chance of detecting the drop when it is there", openProbabilityOption("--power"), 0.8)
    .option("--json", "print the answer as JSON")
    .action((options: ScenariosPlanOptions) => finish(planScenariosCommand(options, io)));
}
