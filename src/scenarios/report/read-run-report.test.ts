import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LightsoutError } from "../../errors.js";
import { readRunReport } from "./read-run-report.js";
import { buildRunReport } from "./run-report.js";
import { sampleRun, sampleScenario } from "./sample-run.fixture.js";

const baseline = buildRunReport(sampleRun([sampleScenario("a", "ppp")], { runId: "base" }), { threshold: 0.5 });
const report = buildRunReport(sampleRun([sampleScenario("a", "ppf"), sampleScenario("b", "px")]), { threshold: 0.5, baseline, leaks: [] });

function write(json: unknown): { directory: string; file: string } {
  const directory = mkdtempSync(join(tmpdir(), "lightsout-report-"));
  const file = join(directory, "run.json");
  writeFileSync(file, typeof json === "string" ? json : JSON.stringify(json));
  return { directory, file };
}

function inputError(path: string): LightsoutError {
  try {
    readRunReport(path);
  } catch (error) {
    if (LightsoutError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("expected readRunReport to throw");
}

describe("readRunReport", () => {
  it("reads a run directory's run.json or the file itself", () => {
    const { directory, file } = write(report);
    expect(readRunReport(directory)).toEqual(report);
    expect(readRunReport(file)).toEqual(report);
  });

  it("keeps fields it does not know (additive changes stay v 1)", () => {
    const { file } = write({ ...report, futureField: { x: 1 } });
    expect((readRunReport(file) as unknown as { futureField: unknown }).futureField).toEqual({ x: 1 });
  });

  it("names the file and the field that is wrong", () => {
    const broken = JSON.parse(JSON.stringify(report)) as { scenarios: { trialDetails: { seed: unknown }[] }[] };
    broken.scenarios[1]!.trialDetails[0]!.seed = "100";
    const { file } = write(broken);
    const error = inputError(file);
    expect(error.code).toBe("INPUT");
    expect(error.message).toBe(`${file}: scenarios[1].trialDetails[0].seed: Invalid input: expected number, received string`);
  });

  it("rejects another version or kind before looking at the shape", () => {
    const newer = write({ v: 2, kind: "lightsout.scenario-run" });
    expect(inputError(newer.file).message).toBe(`${newer.file}: v: unsupported run report version 2; this lightsout reads v 1`);
    const other = write({ ...report, kind: "something-else" });
    expect(inputError(other.file).message).toBe(`${other.file}: kind: expected "lightsout.scenario-run", got "something-else"`);
    const array = write([]);
    expect(inputError(array.file).message).toContain("expected a JSON object");
  });

  it("reports unreadable paths and broken JSON as input errors", () => {
    const missing = join(tmpdir(), "lightsout-no-such-run-dir");
    expect(inputError(missing).message).toBe(`cannot read run report ${missing}: ENOENT`);
    const empty = mkdtempSync(join(tmpdir(), "lightsout-report-"));
    mkdirSync(join(empty, "trajectories"));
    expect(inputError(empty).message).toBe(`cannot read run report ${join(empty, "run.json")}: ENOENT`);
    const garbled = write("{ not json");
    expect(inputError(garbled.file).message).toMatch(new RegExp(`^${garbled.file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: not valid JSON: `));
  });
});
