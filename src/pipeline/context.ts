/**
 * The run context (spec 5.1): a key-value store shared by the stages of one run. JavaScript
 * runs handlers on one thread, so no locks are needed; parallel branches get clones.
 */

export class Context {
  private values: Map<string, unknown>;
  private logEntries: string[];

  constructor(values: Record<string, unknown> = {}, logs: string[] = []) {
    this.values = new Map(Object.entries(structuredClone(values)));
    this.logEntries = [...logs];
  }

  set(key: string, value: unknown): void {
    this.values.set(key, value);
  }

  get(key: string, fallback?: unknown): unknown {
    return this.values.has(key) ? this.values.get(key) : fallback;
  }

  has(key: string): boolean {
    return this.values.has(key);
  }

  getString(key: string, fallback = ""): string {
    const value = this.values.get(key);
    if (value === undefined || value === null) return fallback;
    return typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
  }

  delete(key: string): void {
    this.values.delete(key);
  }

  appendLog(entry: string): void {
    this.logEntries.push(entry);
  }

  get logs(): readonly string[] {
    return this.logEntries;
  }

  keys(): string[] {
    return [...this.values.keys()];
  }

  /** A serializable deep copy of all values. */
  snapshot(): Record<string, unknown> {
    return structuredClone(Object.fromEntries(this.values));
  }

  /** The values as a plain object without copying them: for serializing at once, never for keeping. */
  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.values);
  }

  /** A deep copy for parallel branch isolation. */
  clone(): Context {
    return new Context(Object.fromEntries(this.values), this.logEntries);
  }

  applyUpdates(updates: Record<string, unknown> | undefined): void {
    if (!updates) return;
    for (const [key, value] of Object.entries(updates)) this.values.set(key, value);
  }
}
