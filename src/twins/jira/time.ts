/**
 * Jira's time formats. Timestamps are written `2026-01-01T00:00:01.000+0000` (the site runs in
 * UTC here), dates `2026-01-15`; a request may send either ISO form (`Z`, `+00:00`, `+0000`).
 */

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

/** `2026-01-01T00:00:01.000+0000`, as Jira writes `created`, `updated` and the like. */
export function jiraDateTime(ms: number): string {
  const date = new Date(ms);
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}.${pad(date.getUTCMilliseconds(), 3)}+0000`;
}

/** `2026-01-15`, as Jira writes `duedate`. */
export function jiraDate(ms: number): string {
  return jiraDateTime(ms).slice(0, 10);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Epoch ms of a `YYYY-MM-DD` date (midnight UTC), or undefined when it is not a real date. */
export function parseDate(text: string): number | undefined {
  const match = DATE.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return ms;
}

/** Epoch ms of a timestamp in any form Jira accepts, or undefined. */
export function parseDateTime(text: string): number | undefined {
  const dateOnly = parseDate(text);
  if (dateOnly !== undefined) return dateOnly;
  const match = DATE_TIME.exec(text);
  if (!match) return undefined;
  const base = parseDate(`${match[1]}-${match[2]}-${match[3]}`);
  const [hours, minutes, seconds] = [Number(match[4]), Number(match[5]), Number(match[6] ?? 0)];
  if (base === undefined || hours > 23 || minutes > 59 || seconds > 59) return undefined;
  const millis = Number((match[7] ?? "0").padEnd(3, "0"));
  let offsetMinutes = 0;
  const zone = match[8];
  if (zone && zone !== "Z") {
    const digits = zone.replace(":", "");
    offsetMinutes = (digits.startsWith("-") ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
  }
  return base + ((hours * 60 + minutes - offsetMinutes) * 60 + seconds) * 1000 + millis;
}

const UNITS: Record<string, number> = { w: 5 * 8 * 3600, d: 8 * 3600, h: 3600, m: 60 };

/** Seconds in a Jira duration (`1w 2d 3h 30m`; a week is 5 days, a day 8 hours), or undefined. */
export function parseDuration(text: string): number | undefined {
  const parts = text.trim().toLowerCase().split(/\s+/);
  if (parts.length === 0 || parts[0] === "") return undefined;
  let total = 0;
  for (const part of parts) {
    const match = /^(\d+(?:\.\d+)?)([wdhm])$/.exec(part);
    if (!match) return undefined;
    total += Number(match[1]) * UNITS[match[2]!]!;
  }
  return Math.round(total);
}

/** A number of seconds as Jira writes `timeSpent`: `1d 2h 30m`. */
export function formatDuration(seconds: number): string {
  const parts: string[] = [];
  let rest = Math.max(0, Math.round(seconds / 60) * 60);
  for (const unit of ["w", "d", "h", "m"]) {
    const size = UNITS[unit]!;
    const count = Math.floor(rest / size);
    if (count > 0) parts.push(`${count}${unit}`);
    rest -= count * size;
  }
  return parts.length > 0 ? parts.join(" ") : "0m";
}
