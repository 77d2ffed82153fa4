/**
 * JQL date values, all in UTC against an injected `now` (epoch ms):
 *
 * - absolute: `yyyy-MM-dd`, `yyyy/MM/dd`, `yyyy-MM-dd HH:mm`, `yyyy/MM/dd HH:mm` (a date without
 *   a time is that day's midnight, and also remembers the day's end for `=`);
 * - relative periods from now: `-7d`, `"-2w"`, `1h`, `-30m`, `"4w 2d"` (w = 7 days, d = 24 hours,
 *   h, m = minutes; no sign means the future, a sign applies to the whole period);
 * - functions: `now()`, `startOfDay()`, `endOfDay()`, `startOfWeek()`, `endOfWeek()`,
 *   `startOfMonth()`, `endOfMonth()`, `startOfYear()`, `endOfYear()`, each with an optional
 *   increment `(+/-)n(y|M|w|d|h|m)` whose unit defaults to the function's own period. Weeks start
 *   on Sunday, as for Jira's default (English, United States) locale.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/** A date operand: an instant, and for a date without a time the end of that day (exclusive). */
export interface JqlDate {
  start: number;
  dayEnd?: number;
}

/** Parse an absolute date (`2026-01-31`, `2026/01/31 14:00`) or relative period (`-7d`); undefined if neither. */
export function parseDateValue(text: string, now: number): JqlDate | undefined {
  return parseAbsoluteDate(text) ?? relativeDate(text, now);
}

export function parseAbsoluteDate(text: string): JqlDate | undefined {
  const match = /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?: (\d{1,2}):(\d{2}))?$/.exec(text);
  if (match === null) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[3]), Number(match[4])];
  const start = Date.UTC(year, month - 1, day);
  const check = new Date(start);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  if (match[5] === undefined) return { start, dayEnd: start + DAY };
  const [hour, minute] = [Number(match[5]), Number(match[6])];
  if (hour > 23 || minute > 59) return undefined;
  return { start: start + hour * HOUR + minute * MINUTE };
}

const PERIOD_UNITS: Record<string, number> = { w: WEEK, d: DAY, h: HOUR, m: MINUTE };

/** `-7d`, `4w 2d`, `+1h`: now plus or minus the period. */
function relativeDate(text: string, now: number): JqlDate | undefined {
  const match = /^([+-])?\s*((?:\d+\s*[wdhmWDHM]\s*)+)$/.exec(text.trim());
  if (match === null) return undefined;
  let period = 0;
  for (const part of (match[2] ?? "").matchAll(/(\d+)\s*([wdhmWDHM])/g)) {
    period += Number(part[1]) * (PERIOD_UNITS[(part[2] ?? "").toLowerCase()] ?? 0);
  }
  const result = now + (match[1] === "-" ? -period : period);
  return Number.isFinite(result) ? { start: result } : undefined;
}

type Period = "day" | "week" | "month" | "year";
type Unit = "y" | "M" | "w" | "d" | "h" | "m";

const FUNCTIONS: Record<string, { edge: "start" | "end"; period: Period }> = {
  startofday: { edge: "start", period: "day" },
  endofday: { edge: "end", period: "day" },
  startofweek: { edge: "start", period: "week" },
  endofweek: { edge: "end", period: "week" },
  startofmonth: { edge: "start", period: "month" },
  endofmonth: { edge: "end", period: "month" },
  startofyear: { edge: "start", period: "year" },
  endofyear: { edge: "end", period: "year" },
};

const NATURAL_UNIT: Record<Period, Unit> = { day: "d", week: "w", month: "M", year: "y" };

/** True for the names `dateFunction` knows (case-insensitive). */
export function isDateFunction(name: string): boolean {
  const lower = name.toLowerCase();
  return lower === "now" || lower in FUNCTIONS;
}

/**
 * Evaluate a date function. An increment in the function's own period or a longer one moves the
 * period (`endOfMonth(-1)` is the end of last month); a shorter one is added to the boundary
 * (`startOfMonth("+14d")` is the 15th). Undefined for an unknown name or a malformed increment.
 */
export function dateFunction(name: string, args: string[], now: number): number | undefined {
  const lower = name.toLowerCase();
  if (lower === "now") return args.length === 0 ? now : undefined;
  const definition = FUNCTIONS[lower];
  if (definition === undefined || args.length > 1) return undefined;
  const increment = args[0] === undefined ? { amount: 0, unit: NATURAL_UNIT[definition.period] } : parseIncrement(args[0], definition.period);
  if (increment === undefined) return undefined;
  const moves = rank(increment.unit) >= rank(NATURAL_UNIT[definition.period]);
  const anchor = moves ? shift(now, increment.amount, increment.unit) : now;
  const boundary = definition.edge === "start" ? startOf(anchor, definition.period) : endOf(anchor, definition.period);
  const result = moves ? boundary : shift(boundary, increment.amount, increment.unit);
  return Number.isFinite(result) ? result : undefined;
}

function parseIncrement(text: string, period: Period): { amount: number; unit: Unit } | undefined {
  const match = /^([+-])?(\d+)([yMwdhm])?$/.exec(text.trim());
  if (match === null) return undefined;
  const amount = Number(match[2]) * (match[1] === "-" ? -1 : 1);
  return { amount, unit: (match[3] as Unit | undefined) ?? NATURAL_UNIT[period] };
}

function rank(unit: Unit): number {
  return { m: 0, h: 1, d: 2, w: 3, M: 4, y: 5 }[unit];
}

/** Calendar arithmetic in UTC: months and years keep the day of month where they can (Jan 31 + 1M = Feb 28). */
function shift(time: number, amount: number, unit: Unit): number {
  if (unit === "m") return time + amount * MINUTE;
  if (unit === "h") return time + amount * HOUR;
  if (unit === "d") return time + amount * DAY;
  if (unit === "w") return time + amount * WEEK;
  const date = new Date(time);
  const months = unit === "y" ? amount * 12 : amount;
  const target = date.getUTCMonth() + months;
  const year = date.getUTCFullYear() + Math.floor(target / 12);
  const month = ((target % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const timeOfDay = time - Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  return Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay)) + timeOfDay;
}

export function startOf(time: number, period: Period): number {
  const date = new Date(time);
  const day = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  switch (period) {
    case "day":
      return day;
    case "week":
      return day - date.getUTCDay() * DAY;
    case "month":
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
    case "year":
      return Date.UTC(date.getUTCFullYear(), 0, 1);
  }
}

/** The last millisecond of the period. */
export function endOf(time: number, period: Period): number {
  const start = startOf(time, period);
  const date = new Date(start);
  switch (period) {
    case "day":
      return start + DAY - 1;
    case "week":
      return start + WEEK - 1;
    case "month":
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) - 1;
    case "year":
      return Date.UTC(date.getUTCFullYear() + 1, 0, 1) - 1;
  }
}

/**
 * A field value as an instant: epoch ms as given, or a `yyyy-MM-dd...` string (as Jira's REST API
 * writes dates) parsed as UTC. Undefined for anything else.
 */
export function instantOf(value: string | number): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (!/^\d{4}-\d{2}-\d{2}/.test(value)) return undefined;
  let normalized = value.replace(/([+-]\d{2})(\d{2})$/, "$1:$2");
  if (/T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(normalized)) normalized += "Z";
  const time = Date.parse(normalized);
  return Number.isFinite(time) ? time : undefined;
}
