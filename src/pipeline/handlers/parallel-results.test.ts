import { describe, expect, it } from "vitest";
import { parseParallelResults } from "./parallel-results.js";

describe("parseParallelResults", () => {
  const records = [
    { id: "a", status: "success", score: 2, notes: "n", contextUpdates: { x: 1 } },
    { id: "b", status: "fail" },
  ];

  it("accepts an array of records or its JSON text", () => {
    expect(parseParallelResults(records)).toEqual(records);
    expect(parseParallelResults(JSON.stringify(records))).toEqual(records);
    expect(parseParallelResults([])).toEqual([]);
  });

  it.each([
    ["not json", "parallel.results is a string that is not JSON"],
    [{ a: 1 }, "parallel.results must be an array of branch results, got object"],
    [null, "parallel.results must be an array of branch results, got null"],
    [[1], "parallel.results[0] must be an object"],
    [[{ status: "success" }], 'parallel.results[0] must have a non-empty string "id"'],
    [[{ id: "a", status: "SUCCESS" }], 'parallel.results[0] has status "SUCCESS"; expected one of'],
    [[{ id: "a", status: "success", score: "high" }], 'parallel.results[0] "score" must be a number'],
    [[{ id: "a", status: "success", notes: 1 }], 'parallel.results[0] "notes" must be a string'],
    [[{ id: "a", status: "success" }, { id: "b", status: "success", contextUpdates: [] }], 'parallel.results[1] "contextUpdates" must be an object'],
  ])("reports %j", (value, message) => {
    const result = parseParallelResults(value);
    expect(result).toHaveProperty("error");
    expect((result as { error: string }).error).toContain(message);
  });
});
