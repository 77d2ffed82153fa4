/**
 * Crash safety: a run killed with SIGKILL at random moments and resumed each time never
 * re-runs a stage that had completed, and reaches the same end as a run never interrupted.
 */
import { spawn } from "node:child_process";
import { appendFileSync, existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { KILLABLE_DOT, STAGES } from "./fixtures/killable-run.js";

const FIXTURE = join(import.meta.dirname, "fixtures", "killable-run.ts");

function journalNodes(logsRoot: string): string[] {
  const path = join(logsRoot, "journal.jsonl");
  if (!existsSync(path)) return [];
  return readFileSync(path, "utf8")
    .split("\n")
    .flatMap((line) => {
      try {
        return [(JSON.parse(line) as { node: string }).node];
      } catch {
        return [];
      }
    });
}

/**
 * Runs the fixture once. With `kill`, SIGKILL lands a random few milliseconds after the
 * `afterStages`-th stage has started: a random moment inside the run that depends on the run's
 * progress, not on wall time, so a slow or a fast machine both see the run cut short.
 */
function runChild(logsRoot: string, marker: string, kill: { afterStages: number; delayMs: number } | undefined): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", FIXTURE, logsRoot, marker], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    let timer: NodeJS.Timeout | undefined;
    child.stderr.on("data", () => {
      if (kill === undefined || timer !== undefined) return;
      const started = stderr.split("\n").filter((line) => line === "stage").length;
      if (started >= kill.afterStages) timer = setTimeout(() => child.kill("SIGKILL"), kill.delayMs);
    });
    child.on("exit", (code) => {
      if (timer) clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

test("SIGKILL at random moments: resume never re-runs a completed stage and reaches the same end", async () => {
  expect(KILLABLE_DOT).toContain("stage_39");
  const reference = mkdtempSync(join(tmpdir(), "lightsout-kill-ref-"));
  const uninterrupted = await runChild(reference, join(reference, "marker.txt"), undefined);
  expect(uninterrupted.code, uninterrupted.stderr).toBe(0);
  const expected = JSON.parse(uninterrupted.stdout) as { status: string; completedNodes: string[] };
  expect(expected.status).toBe("success");
  expect(expected.completedNodes).toEqual(["start", ...STAGES.slice(0, 20), "check", ...STAGES.slice(20), "exit"]);

  const logsRoot = mkdtempSync(join(tmpdir(), "lightsout-kill-"));
  const marker = join(logsRoot, "..", `${logsRoot.split("/").pop()}-marker.txt`);
  let kills = 0;
  let final: { status: string; completedNodes: string[] } | undefined;
  for (let attempt = 0; attempt < 40 && !final; attempt++) {
    // Kill at a random moment of the run; after a dozen kills let it finish, so the test always ends.
    const killAfter = kills < 12 ? { afterStages: 1 + Math.floor(Math.random() * 3), delayMs: Math.floor(Math.random() * 12) } : undefined;
    const outcome = await runChild(logsRoot, marker, killAfter);
    if (outcome.code === 0) {
      final = JSON.parse(outcome.stdout);
      break;
    }
    expect(outcome.code, outcome.stderr).toBeNull();
    kills += 1;
    appendFileSync(marker, `kill ${JSON.stringify(journalNodes(logsRoot))}\n`);
  }
  expect(final, "the run finished within 40 restarts").toBeDefined();
  expect(kills, "the run was killed at least twice").toBeGreaterThan(1);
  expect(final!.status).toBe("success");
  expect(final!.completedNodes).toEqual(expected.completedNodes);

  // Between two kills, no stage that the journal already held as completed was started again.
  let completedBeforeSegment = new Set<string>();
  for (const line of readFileSync(marker, "utf8").split("\n").filter(Boolean)) {
    if (line.startsWith("kill ")) {
      completedBeforeSegment = new Set(JSON.parse(line.slice(5)) as string[]);
      continue;
    }
    const nodeId = line.slice("start ".length);
    expect(completedBeforeSegment.has(nodeId), `${nodeId} re-ran after it completed`).toBe(false);
  }
  // Each stage completed exactly once in the journal.
  const journal = journalNodes(logsRoot);
  expect(new Set(journal).size).toBe(journal.length);
}, 120_000);
