import { describe, expect, it } from "vitest";
import { dateFunction, instantOf, parseAbsoluteDate, parseDateValue } from "./dates.js";

/** Wednesday 2026-03-04 10:30 UTC. */
const NOW = Date.UTC(2026, 2, 4, 10, 30);
const utc = (text: string) => Date.parse(`${text}Z`);

describe("absolute dates", () => {
  it("reads the four Jira formats in UTC; a date alone covers its whole day", () => {
    expect(parseAbsoluteDate("2026-01-31")).toEqual({ start: utc("2026-01-31T00:00"), dayEnd: utc("2026-02-01T00:00") });
    expect(parseAbsoluteDate("2026/01/31")).toEqual({ start: utc("2026-01-31T00:00"), dayEnd: utc("2026-02-01T00:00") });
    expect(parseAbsoluteDate("2026-01-31 14:00")).toEqual({ start: utc("2026-01-31T14:00") });
    expect(parseAbsoluteDate("2026/1/5 9:05")).toEqual({ start: utc("2026-01-05T09:05") });
  });

  it("rejects impossible dates and other shapes", () => {
    for (const text of ["2026-02-30", "2026-13-01", "2026-01-31 24:00", "2026-01-31T14:00", "31/01/2026", "2026-01/31", "yesterday"]) {
      expect(parseAbsoluteDate(text), text).toBeUndefined();
    }
  });
});

describe("relative periods", () => {
  it("counts from now: w, d, h, m; no sign is the future", () => {
    expect(parseDateValue("-7d", NOW)).toEqual({ start: NOW - 7 * 86_400_000 });
    expect(parseDateValue("-2w", NOW)).toEqual({ start: NOW - 14 * 86_400_000 });
    expect(parseDateValue("1h", NOW)).toEqual({ start: NOW + 3_600_000 });
    expect(parseDateValue("+1h", NOW)).toEqual({ start: NOW + 3_600_000 });
    expect(parseDateValue("-30m", NOW)).toEqual({ start: NOW - 1_800_000 });
    expect(parseDateValue("-4w 2d", NOW)).toEqual({ start: NOW - 30 * 86_400_000 });
    expect(parseDateValue("-1D", NOW)).toEqual({ start: NOW - 86_400_000 });
  });

  it("is undefined for anything else", () => {
    for (const text of ["-7", "7x", "d", "-", "now", "1.5d"]) expect(parseDateValue(text, NOW), text).toBeUndefined();
  });
});

describe("date functions", () => {
  const at = (name: string, ...args: string[]) => dateFunction(name, args, NOW);

  it("now(), and the start and end of the day, week (from Sunday), month and year, in UTC", () => {
    expect(at("now")).toBe(NOW);
    expect(at("startOfDay")).toBe(utc("2026-03-04T00:00"));
    expect(at("endOfDay")).toBe(utc("2026-03-05T00:00") - 1);
    expect(at("startOfWeek")).toBe(utc("2026-03-01T00:00"));
    expect(at("endOfWeek")).toBe(utc("2026-03-08T00:00") - 1);
    expect(at("startOfMonth")).toBe(utc("2026-03-01T00:00"));
    expect(at("endOfMonth")).toBe(utc("2026-04-01T00:00") - 1);
    expect(at("startOfYear")).toBe(utc("2026-01-01T00:00"));
    expect(at("endOfYear")).toBe(utc("2027-01-01T00:00") - 1);
  });

  it("takes the name in any case", () => {
    expect(at("STARTOFDAY")).toBe(at("startOfDay"));
  });

  it("moves the period by an increment in its own unit (the default) or a longer one", () => {
    expect(at("startOfDay", "-1d")).toBe(utc("2026-03-03T00:00"));
    expect(at("startOfDay", "-1")).toBe(utc("2026-03-03T00:00"));
    expect(at("endOfDay", "1")).toBe(utc("2026-03-06T00:00") - 1);
    expect(at("startOfWeek", "-1")).toBe(utc("2026-02-22T00:00"));
    expect(at("endOfMonth", "-1")).toBe(utc("2026-03-01T00:00") - 1);
    expect(at("startOfMonth", "+1M")).toBe(utc("2026-04-01T00:00"));
    expect(at("startOfYear", "-1y")).toBe(utc("2025-01-01T00:00"));
    expect(at("startOfDay", "-1w")).toBe(utc("2026-02-25T00:00"));
  });

  it("adds a shorter increment to the boundary", () => {
    expect(at("startOfMonth", "+14d")).toBe(utc("2026-03-15T00:00"));
    expect(at("startOfDay", "+9h")).toBe(utc("2026-03-04T09:00"));
    expect(at("startOfWeek", "1d")).toBe(utc("2026-03-02T00:00"));
    expect(at("startOfDay", "-30m")).toBe(utc("2026-03-03T23:30"));
  });

  it("keeps month arithmetic inside the month (Jan 31 + 1M is Feb 28)", () => {
    expect(dateFunction("endOfDay", ["+1M"], Date.UTC(2026, 0, 31, 12))).toBe(utc("2026-03-01T00:00") - 1);
  });

  it("is undefined for unknown names and malformed increments", () => {
    expect(at("yesterday")).toBeUndefined();
    expect(at("startOfDay", "soon")).toBeUndefined();
    expect(at("startOfDay", "-1d", "x")).toBeUndefined();
    expect(at("now", "1d")).toBeUndefined();
  });
});

describe("instantOf", () => {
  it("takes epoch ms and Jira's date strings, in UTC unless they say otherwise", () => {
    expect(instantOf(1234)).toBe(1234);
    expect(instantOf("2026-03-04")).toBe(utc("2026-03-04T00:00"));
    expect(instantOf("2026-03-04T10:30:00.000+0000")).toBe(NOW);
    expect(instantOf("2026-03-04T12:30:00.000+0200")).toBe(NOW);
    expect(instantOf("2026-03-04T10:30")).toBe(NOW);
    expect(instantOf("Done")).toBeUndefined();
    expect(instantOf(Number.NaN)).toBeUndefined();
  });
});
