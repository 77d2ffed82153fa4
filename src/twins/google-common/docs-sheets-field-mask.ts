/**
 * Google's update masks (`fields: "bold,italic"` or `"*"`): a listed field takes the value sent,
 * or goes back to inherited when the value is absent; unlisted fields keep theirs. Nested paths
 * (`weightedFontFamily.fontFamily`) are applied at their top-level field, which is how every
 * style field the twins store is shaped.
 */
export type FieldMask = { all: true } | { all: false; fields: ReadonlySet<string> };

/** Undefined when the mask names no field: Google refuses such an update. */
export function parseFieldMask(fields: unknown): FieldMask | undefined {
  if (typeof fields !== "string" || fields.trim() === "") return undefined;
  const names = fields
    .split(",")
    .map((field) => field.trim())
    .filter((field) => field !== "");
  if (names.includes("*")) return { all: true };
  return { all: false, fields: new Set(names.map((name) => name.split(".")[0]!)) };
}

/** The fields of `update` a mask names that the object does not have: a client's typo. */
export function unknownMaskFields(mask: FieldMask, known: readonly string[]): string[] {
  if (mask.all) return [];
  return [...mask.fields].filter((field) => !known.includes(field));
}

export function applyMask<T extends Readonly<Record<string, unknown>>>(current: T, update: Readonly<Record<string, unknown>>, mask: FieldMask): T {
  if (mask.all) return { ...update } as unknown as T;
  const next: Record<string, unknown> = { ...current };
  for (const field of mask.fields) {
    if (update[field] === undefined) delete next[field];
    else next[field] = update[field];
  }
  return next as T;
}
