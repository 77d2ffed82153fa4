/**
 * A Slack method's arguments, read as Slack reads them: query parameters and the body (JSON or
 * form-encoded) merged, body first. Form fields arrive as strings, so booleans are `"true"`/`"1"`,
 * numbers are digit strings, and `blocks`, `attachments`, `view` or `files` are JSON-encoded.
 */
export const INVALID_JSON = Symbol("invalid JSON");

export class Args {
  constructor(private readonly values: Readonly<Record<string, unknown>>) {}

  static from(query: URLSearchParams, body: unknown): Args {
    const values: Record<string, unknown> = Object.fromEntries(query);
    if (typeof body === "object" && body !== null && !Array.isArray(body)) Object.assign(values, body);
    return new Args(values);
  }

  /** Present and not empty (Slack treats an empty form field as absent). */
  has(name: string): boolean {
    const value = this.values[name];
    return value !== undefined && value !== null && value !== "";
  }

  raw(name: string): unknown {
    return this.values[name];
  }

  string(name: string): string | undefined {
    const value = this.values[name];
    if (value === undefined || value === null || value === "") return undefined;
    if (typeof value === "string") return value;
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    return JSON.stringify(value);
  }

  boolean(name: string, fallback = false): boolean {
    const value = this.values[name];
    if (value === undefined || value === null || value === "") return fallback;
    if (typeof value === "boolean") return value;
    if (typeof value === "number") return value !== 0;
    return ["true", "1", "yes"].includes(String(value).toLowerCase());
  }

  /** An integer argument; undefined when absent, NaN when not a number. */
  integer(name: string): number | undefined {
    const value = this.values[name];
    if (value === undefined || value === null || value === "") return undefined;
    const number = typeof value === "number" ? value : /^\s*-?\d+(\.\d+)?\s*$/.test(String(value)) ? Number(value) : Number.NaN;
    return Number.isFinite(number) ? Math.trunc(number) : Number.NaN;
  }

  /** A JSON argument given as a value or as a JSON-encoded string. */
  json(name: string): unknown {
    const value = this.values[name];
    if (typeof value !== "string") return value ?? undefined;
    if (value.trim() === "") return undefined;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return INVALID_JSON;
    }
  }

  /** A comma-separated list (or an array). */
  list(name: string): string[] {
    const value = this.values[name];
    if (Array.isArray(value)) return value.map(String).map((item) => item.trim()).filter(Boolean);
    const text = this.string(name);
    return text ? text.split(",").map((item) => item.trim()).filter(Boolean) : [];
  }
}
