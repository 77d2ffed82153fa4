import { describe, expect, it } from "vitest";
import { formatDuration, jiraDate, jiraDateTime, parseDate, parseDateTime, parseDuration } from "./time.js";

describe("Jira time formats", () => {
  it("writes timestamps as Jira does, in UTC with +0000", () => {
    expect(jiraDateTime(Date.UTC(2026, 0, 1, 0, 0, 1))).toBe("2026-01-01T00:00:01.000+0000");
    expect(jiraDateTime(Date.UTC(2026, 11, 31, 23, 59, 59, 7))).toBe("2026-12-31T23:59:59.007+0000");
    expect(jiraDate(Date.UTC(2026, 1, 3, 15))).toBe("2026-02-03");
  });

  it("reads dates and timestamps in every form Jira accepts", () => {
    expect(parseDate("2026-02-28")).toBe(Date.UTC(2026, 1, 28));
    expect(parseDate("2026-02-30")).toBeUndefined();
    expect(parseDate("26-02-01")).toBeUndefined();
    const at = Date.UTC(2026, 0, 1, 10, 30);
    expect(parseDateTime("2026-01-01T10:30:00.000+0000")).toBe(at);
    expect(parseDateTime("2026-01-01T10:30:00Z")).toBe(at);
    expect(parseDateTime("2026-01-01T12:30:00.000+02:00")).toBe(at);
    expect(parseDateTime("2026-01-01T05:30:00-0500")).toBe(at);
    expect(parseDateTime("2026-01-01")).toBe(Date.UTC(2026, 0, 1));
    expect(parseDateTime("2026-01-01T25:00:00Z")).toBeUndefined();
    expect(parseDateTime("yesterday")).toBeUndefined();
  });

  it("reads and writes durations with 5-day weeks and 8-hour days", () => {
    expect(parseDuration("1h 30m")).toBe(5400);
    expect(parseDuration("1w 1d")).toBe(6 * 8 * 3600);
    expect(parseDuration("1.5h")).toBe(5400);
    expect(parseDuration("90")).toBeUndefined();
    expect(parseDuration("")).toBeUndefined();
    expect(formatDuration(5400)).toBe("1h 30m");
    expect(formatDuration(6 * 8 * 3600)).toBe("1w 1d");
    expect(formatDuration(0)).toBe("0m");
  });
});
