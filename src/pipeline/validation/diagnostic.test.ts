import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "./diagnostic.js";

describe("formatDiagnostic", () => {
  it("writes file:line:col: severity [rule] message (fix: ...)", () => {
    expect(
      formatDiagnostic({
        rule: "reachability",
        severity: "error",
        message: 'node "orphan" is not reachable from the start node "start"',
        nodeId: "orphan",
        fix: "add an edge",
        location: { line: 12, column: 5 },
        source: "pipelines/demo.dot",
      }),
    ).toBe('pipelines/demo.dot:12:5: error [reachability] node "orphan" is not reachable from the start node "start" (fix: add an edge)');
  });

  it("leaves out the parts that are absent", () => {
    expect(formatDiagnostic({ rule: "start_node", severity: "error", message: "no start" })).toBe("error [start_node] no start");
    expect(formatDiagnostic({ rule: "r", severity: "warning", message: "m", location: { line: 3, column: 1 } })).toBe("3:1: warning [r] m");
    expect(formatDiagnostic({ rule: "r", severity: "info", message: "m", source: "a.dot", fix: "f" })).toBe("a.dot: info [r] m (fix: f)");
  });
});
