/**
 * Number formats: what FORMATTED_VALUE shows for a number whose cell has a `numberFormat`, and
 * the dates USER_ENTERED recognises. Dates are serial numbers (days since 1899-12-30, as in
 * Sheets) with a DATE format; `2026-01-15` keeps its ISO pattern and `1/15/2026` the US one
 * (the twin's spreadsheets are en_US). Patterns read: date tokens (`yyyy`, `yy`, `mm`/`MM`,
 * `m`/`M`, `dd`, `d`) and number patterns with a decimal count, `,` grouping, a `%` suffix and
 * literal prefixes or suffixes (`$#,##0.00`). Anything else falls back to the automatic format.
 */
const DAY_MS = 86_400_000;
const EPOCH = Date.UTC(1899, 11, 30);

export interface NumberFormat {
  type?: string;
  pattern?: string;
}

export interface DetectedDate {
  serial: number;
  numberFormat: { type: "DATE"; pattern: string };
}

function serialOf(year: number, month: number, day: number): number | undefined {
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return (time - EPOCH) / DAY_MS;
}

/** A date typed as `2026-01-15` or `1/15/2026`, as USER_ENTERED reads it; undefined otherwise. */
export function detectDate(text: string): DetectedDate | undefined {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (iso) {
    const serial = serialOf(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    return serial === undefined ? undefined : { serial, numberFormat: { type: "DATE", pattern: "yyyy-mm-dd" } };
  }
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (us) {
    const serial = serialOf(Number(us[3]), Number(us[1]), Number(us[2]));
    return serial === undefined ? undefined : { serial, numberFormat: { type: "DATE", pattern: "M/d/yyyy" } };
  }
  return undefined;
}

const DATE_TOKEN = /yyyy|yy|mm|MM|m|M|dd|d/g;

function formatDate(serial: number, pattern: string): string {
  const date = new Date(EPOCH + Math.floor(serial) * DAY_MS);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + 1;
  const day = date.getUTCDate();
  const two = (value: number) => String(value).padStart(2, "0");
  return pattern.replace(DATE_TOKEN, (token) => {
    switch (token) {
      case "yyyy":
        return String(year);
      case "yy":
        return two(year % 100);
      case "mm":
      case "MM":
        return two(month);
      case "m":
      case "M":
        return String(month);
      case "dd":
        return two(day);
      default:
        return String(day);
    }
  });
}

function formatNumberPattern(value: number, pattern: string): string | undefined {
  const match = /^([^#0.,%]*)([#0,]*)(?:\.(0+))?(%?)([^#0.,%]*)$/.exec(pattern);
  if (!match || match[2] === "") return undefined;
  const [, prefix, integerPart, decimals = "", percent, suffix] = match;
  const scaled = percent ? value * 100 : value;
  const fixed = Math.abs(scaled).toFixed(decimals.length);
  const [whole, fraction] = fixed.split(".") as [string, string | undefined];
  const grouped = integerPart!.includes(",") ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",") : whole;
  const sign = scaled < 0 && Number(fixed) !== 0 ? "-" : "";
  return `${sign}${prefix}${grouped}${fraction !== undefined ? `.${fraction}` : ""}${percent}${suffix}`;
}

/** The number as its format shows it, or undefined for the automatic format. */
export function formatWithPattern(value: number, format: NumberFormat | undefined): string | undefined {
  if (!format?.pattern && !format?.type) return undefined;
  const type = format.type ?? "NUMBER";
  if (type === "DATE" || type === "DATE_TIME") return formatDate(value, format.pattern ?? "M/d/yyyy");
  if (type === "PERCENT" && !format.pattern) return formatNumberPattern(value, "0.00%");
  if (type === "CURRENCY" && !format.pattern) return formatNumberPattern(value, "$#,##0.00");
  return format.pattern ? formatNumberPattern(value, format.pattern) : undefined;
}
