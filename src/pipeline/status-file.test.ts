import fc from "fast-check";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { STAGE_STATUSES, type Outcome } from "./outcome.js";
import {
  adoptWrittenStatus,
  INVALID_STATUS_FILE_NAME,
  isStatusFileError,
  parseStatusFile,
  readStatusFile,
  removeStatusFile,
  writeStatusFile,
  type StatusFileError,
} from "./status-file.js";

const temporaryDir = (): string => mkdtempSync(join(tmpdir(), "lightsout-"));

function parseError(text: string): string {
  const result = parseStatusFile(text, "/stage/status.json");
  expect(result).toHaveProperty("error");
  return (result as StatusFileError).error;
}

describe("writeStatusFile", () => {
  it("writes the Appendix C field names, creating the stage directory", () => {
    const stageDir = join(temporaryDir(), "plan");
    const path = writeStatusFile(stageDir, {
      status: "partial_success",
      preferredLabel: "Approve",
      suggestedNextIds: ["review"],
      contextUpdates: { "nested.key": "value" },
      notes: "done",
    });
    expect(path).toBe(join(stageDir, "status.json"));
    expect(JSON.parse(readFileSync(path, "utf8"))).toEqual({
      outcome: "partial_success",
      preferred_label: "Approve",
      suggested_next_ids: ["review"],
      context_updates: { "nested.key": "value" },
      notes: "done",
    });
  });

  it("writes failure_reason only when the outcome has one", () => {
    const stageDir = temporaryDir();
    writeStatusFile(stageDir, { status: "success" });
    expect(JSON.parse(readFileSync(join(stageDir, "status.json"), "utf8"))).toEqual({
      outcome: "success",
      preferred_label: "",
      suggested_next_ids: [],
      context_updates: {},
      notes: "",
    });
    writeStatusFile(stageDir, { status: "fail", failureReason: "boom" });
    expect(JSON.parse(readFileSync(join(stageDir, "status.json"), "utf8"))).toMatchObject({ outcome: "fail", failure_reason: "boom" });
  });

  it("leaves no temporary file behind", () => {
    const stageDir = temporaryDir();
    writeStatusFile(stageDir, { status: "success" });
    writeStatusFile(stageDir, { status: "fail", failureReason: "again" });
    expect(readdirSync(stageDir)).toEqual(["status.json"]);
  });

  it("writes BigInt context values as text instead of throwing", () => {
    const stageDir = temporaryDir();
    writeStatusFile(stageDir, { status: "success", contextUpdates: { big: 10n } });
    expect(readStatusFile(stageDir)).toEqual({ status: "success", contextUpdates: { big: "10" } });
  });

  it("throws a LightsoutError naming the path when the file cannot be written", () => {
    const stageDir = temporaryDir();
    mkdirSync(join(stageDir, "status.json", "inner"), { recursive: true });
    expect(() => writeStatusFile(stageDir, { status: "success" })).toThrow(/cannot write .*status\.json/);
  });
});

describe("readStatusFile", () => {
  it("returns undefined when there is no file", () => {
    expect(readStatusFile(temporaryDir())).toBeUndefined();
  });

  it("reads back what was written", () => {
    const stageDir = temporaryDir();
    const outcome: Outcome = {
      status: "retry",
      preferredLabel: "again",
      suggestedNextIds: ["a", "b"],
      contextUpdates: { count: 2, list: [1, 2] },
      notes: "n",
      failureReason: "flaky",
    };
    writeStatusFile(stageDir, outcome);
    expect(readStatusFile(stageDir)).toEqual(outcome);
  });

  it("round-trips any outcome", () => {
    const stageDir = temporaryDir();
    const outcomes = fc.record(
      {
        status: fc.constantFrom(...STAGE_STATUSES),
        preferredLabel: fc.string({ minLength: 1 }),
        suggestedNextIds: fc.array(fc.string(), { minLength: 1 }),
        contextUpdates: fc.dictionary(fc.string({ minLength: 1 }), fc.jsonValue(), { minKeys: 1 }),
        notes: fc.string({ minLength: 1 }),
        failureReason: fc.string({ minLength: 1 }),
      },
      { requiredKeys: ["status"] },
    );
    fc.assert(
      fc.property(outcomes, (outcome) => {
        writeStatusFile(stageDir, outcome);
        // JSON has no -0; compare through JSON like the file does.
        expect(readStatusFile(stageDir)).toEqual(JSON.parse(JSON.stringify(outcome)));
      }),
      { numRuns: 50 },
    );
  });

  it("reports a directory named status.json as data", () => {
    const stageDir = temporaryDir();
    mkdirSync(join(stageDir, "status.json"));
    const result = readStatusFile(stageDir);
    expect(isStatusFileError(result)).toBe(true);
    expect((result as StatusFileError).error).toContain("is a directory");
  });

  it("reports a malformed file with its path", () => {
    const stageDir = temporaryDir();
    writeFileSync(join(stageDir, "status.json"), '{"outcome": "done"}');
    const result = readStatusFile(stageDir) as StatusFileError;
    expect(result.path).toBe(join(stageDir, "status.json"));
    expect(result.error).toBe(`${join(stageDir, "status.json")}: unknown outcome value "done" (expected one of success, partial_success, retry, fail, skipped)`);
  });
});

describe("parseStatusFile", () => {
  it("accepts outcome values in any case", () => {
    expect(parseStatusFile('{"outcome": "SUCCESS"}', "p")).toEqual({ status: "success" });
    expect(parseStatusFile('{"outcome": "Partial_Success"}', "p")).toEqual({ status: "partial_success" });
    expect(parseStatusFile('{"outcome": " fail "}', "p")).toEqual({ status: "fail" });
  });

  it("does not accept the alias partial", () => {
    expect(parseError('{"outcome": "partial"}')).toContain('unknown outcome value "partial"');
  });

  it("treats null optional fields as absent and ignores unknown fields", () => {
    const text = '{"outcome":"success","preferred_label":null,"suggested_next_ids":null,"context_updates":null,"notes":null,"v":1}';
    expect(parseStatusFile(text, "p")).toEqual({ status: "success" });
  });

  it("tolerates a byte order mark", () => {
    expect(parseStatusFile('\uFEFF{"outcome":"success"}', "p")).toEqual({ status: "success" });
  });

  it.each([
    ["", "/stage/status.json: is empty"],
    ["  \n", "/stage/status.json: is empty"],
    ['{"outcome": }', "invalid JSON at line 1, column 13 (position 12)"],
    ['{\n  "outcome": "success",\n}', "invalid JSON at line 3, column 1 (position 26)"],
    ['{"outcome": "success"', "invalid JSON at line 1, column 22 (position 21)"],
    ["not json", "invalid JSON at line 1, column 2 (position 1)"],
    ["xyz", "invalid JSON at line 1, column 1 (position 0)"],
    ['{"outcome": "success"} extra', "invalid JSON at line 1, column 24 (position 23)"],
    ["[]", 'expected a JSON object with an "outcome" field, got an array'],
    ["null", 'expected a JSON object with an "outcome" field, got null'],
    ["{}", 'missing required field "outcome"'],
    ['{"outcome": 1}', 'field "outcome" must be a string (expected one of success, partial_success, retry, fail, skipped), got number 1'],
    ['{"outcome": "success", "notes": ["a"]}', 'field "notes" must be a string, got an array'],
    ['{"outcome": "success", "preferred_label": 3}', 'field "preferred_label" must be a string, got number 3'],
    ['{"outcome": "success", "suggested_next_ids": "next"}', 'field "suggested_next_ids" must be an array of strings, got the string "next"'],
    ['{"outcome": "success", "suggested_next_ids": ["a", 2]}', 'field "suggested_next_ids" must be an array of strings, but item 1 is number 2'],
    ['{"outcome": "success", "context_updates": []}', 'field "context_updates" must be an object, got an array'],
    ['{"outcome": "success", "failure_reason": false}', 'field "failure_reason" must be a string, got boolean false'],
  ])("reports %j precisely", (text, expected) => {
    const error = parseError(text);
    expect(error.startsWith("/stage/status.json: ")).toBe(true);
    expect(error).toContain(expected);
  });

  it("reports every wrong field at once", () => {
    const error = parseError('{"outcome": "nope", "notes": 1, "context_updates": "x"}');
    expect(error).toContain('unknown outcome value "nope"');
    expect(error).toContain('field "notes" must be a string');
    expect(error).toContain('field "context_updates" must be an object');
  });

  it("never throws, whatever the text", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((value) => JSON.stringify({ outcome: value }))), (text) => {
        const result = parseStatusFile(text, "p");
        expect("status" in result || "error" in result).toBe(true);
      }),
    );
  });

  it("locates the error wherever JSON.parse rejects a document", () => {
    fc.assert(
      fc.property(fc.json(), fc.nat(), fc.constantFrom("}", "]", ",", ":", "x", '"'), (json, index, junk) => {
        const position = index % (json.length + 1);
        const text = json.slice(0, position) + junk + json.slice(position);
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        if (valid) return;
        const error = parseError(text);
        const match = /\(position (\d+)\)/.exec(error);
        expect(match).not.toBeNull();
        expect(Number(match![1])).toBeLessThanOrEqual(text.length);
      }),
    );
  });
});

describe("adoptWrittenStatus and removeStatusFile", () => {
  it("returns undefined when nothing was written", () => {
    expect(adoptWrittenStatus(temporaryDir(), "the agent", { a: 1 })).toBeUndefined();
  });

  it("merges the defaults under the written context updates", () => {
    const stageDir = temporaryDir();
    writeFileSync(join(stageDir, "status.json"), JSON.stringify({ outcome: "retry", context_updates: { a: 2, b: 3 } }));
    expect(adoptWrittenStatus(stageDir, "the agent", { a: 1, c: 4 })).toEqual({ status: "retry", contextUpdates: { a: 2, b: 3, c: 4 } });
  });

  it("fails on a malformed file and keeps it as status.invalid.json", () => {
    const stageDir = temporaryDir();
    writeFileSync(join(stageDir, "status.json"), "{oops");
    const outcome = adoptWrittenStatus(stageDir, "the agent", { a: 1 });
    expect(outcome?.status).toBe("fail");
    expect(outcome?.failureReason).toContain("the agent wrote an invalid status file: ");
    expect(outcome?.failureReason).toContain("invalid JSON at line 1, column 2");
    expect(outcome?.contextUpdates).toEqual({ a: 1 });
    expect(readFileSync(join(stageDir, INVALID_STATUS_FILE_NAME), "utf8")).toBe("{oops");
    expect(existsSync(join(stageDir, "status.json"))).toBe(false);
  });

  it("removes a stale file and tolerates a missing one", () => {
    const stageDir = temporaryDir();
    writeStatusFile(stageDir, { status: "success" });
    removeStatusFile(stageDir);
    removeStatusFile(stageDir);
    expect(existsSync(join(stageDir, "status.json"))).toBe(false);
  });
});
