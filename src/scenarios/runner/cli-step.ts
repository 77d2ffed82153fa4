/**
 * A `cli` step: a command run through `/bin/sh -c` with the trial's environment (plus the step's
 * `env`), in the app's directory, in a process group of its own. Past `timeout_ms` the group is
 * killed and the step fails; an exit code that does not match `expect_exit` fails it too. Both are
 * the product's failures: the command is the product's (`${app.command} ...`).
 */
import type { CliStep } from "../model.js";
import { formatDuration } from "./abort.js";
import { spawnGroup } from "./process-group.js";
import { type StepEnvironment, type StepRun, failed } from "./step-types.js";

/** A command that ignores SIGTERM gets this long before SIGKILL. */
const CLI_STOP_GRACE_MS = 500;

export async function runCliStep(step: CliStep, environment: StepEnvironment): Promise<StepRun> {
  const request = { run: step.run, ...(step.stdin !== undefined ? { stdin: step.stdin } : {}), ...(step.env ? { env: step.env } : {}) };
  const group = await spawnGroup(step.run, {
    ...(environment.app.cwd !== undefined ? { cwd: environment.app.cwd } : {}),
    env: { ...environment.env, ...(step.env ?? {}) },
    ...(step.stdin !== undefined ? { stdin: step.stdin } : {}),
  });
  let timer: NodeJS.Timeout | undefined;
  let timedOut = false;
  const onAbort = () => void group.stop(CLI_STOP_GRACE_MS);
  environment.signal.addEventListener("abort", onAbort, { once: true });
  try {
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        timedOut = true;
        resolve();
      }, step.timeoutMs);
    });
    await Promise.race([group.exited, timeout]);
    // Stop the group in any case: children the command left running in the background go too.
    await group.stop(CLI_STOP_GRACE_MS);
    // The last output; bounded, as a process that left the group may hold the pipes open.
    await Promise.race([group.closed, new Promise((resolve) => setTimeout(resolve, 200))]);
  } finally {
    clearTimeout(timer);
    environment.signal.removeEventListener("abort", onAbort);
    await group.stop(0);
  }
  if (environment.signal.aborted) throw environment.signal.reason;
  const exit = group.exit();
  const outcome = { exitCode: exit?.exitCode ?? null, signal: exit?.signal ?? null, stdout: group.stdout.toString(), stderr: group.stderr.toString() };
  if (timedOut) return failed(`\`${step.run}\` did not finish within ${formatDuration(step.timeoutMs)}`, "product", { request, outcome, captureRoot: outcome });
  if (step.expectExit !== undefined && !environment.matchValue(step.expectExit, outcome.exitCode)) {
    const how = outcome.signal ? `was killed by ${outcome.signal}` : `exited with ${outcome.exitCode}`;
    return failed(`\`${step.run}\` ${how}, expected ${JSON.stringify(step.expectExit)}`, "product", { request, outcome, captureRoot: outcome });
  }
  return { ok: true, request, outcome, captureRoot: outcome };
}
