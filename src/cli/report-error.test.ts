import { tmpdir } from "node:os";
import { expect, test } from "vitest";
import { LightsoutError } from "../errors.js";
import { createMemoryIo } from "./memory-io.js";
import { exitCodeFor, reportError } from "./report-error.js";

test("input errors exit 2, cancellations 130, other run errors 1, anything else 70", () => {
  expect(exitCodeFor(new LightsoutError("DOT_SYNTAX", "x"))).toBe(2);
  expect(exitCodeFor(new LightsoutError("INPUT", "x"))).toBe(2);
  expect(exitCodeFor(new LightsoutError("CHECKPOINT", "x"))).toBe(2);
  expect(exitCodeFor(new LightsoutError("VALIDATION", "x"))).toBe(2);
  expect(exitCodeFor(new LightsoutError("CANCELLED", "x"))).toBe(130);
  expect(exitCodeFor(new LightsoutError("HANDLER", "x"))).toBe(1);
  expect(exitCodeFor(new TypeError("x"))).toBe(70);
  expect(exitCodeFor("a string")).toBe(70);
});

test("an unexpected error is one line, 'internal error', with the stack only under LIGHTSOUT_DEBUG=1", () => {
  const quiet = createMemoryIo({ cwd: tmpdir() });
  expect(reportError(new TypeError("cannot read x of undefined"), quiet)).toBe(70);
  expect(quiet.stderrText()).toBe("lightsout: internal error: cannot read x of undefined\n");

  const debug = createMemoryIo({ cwd: tmpdir(), env: { LIGHTSOUT_DEBUG: "1" } });
  reportError(new TypeError("cannot read x of undefined"), debug);
  expect(debug.stderrText()).toMatch(/^lightsout: internal error: cannot read x of undefined\nTypeError: cannot read x of undefined\n\s+at /);
});
