/**
 * Record ids are derived from the record's sequence (its position in the store's append order),
 * so that they are unique across runs and sort in append order as plain strings without a second
 * counter to keep in step: `rec_000000000042` is the 42nd record appended to the store. Twelve
 * digits keep the lexical order right up to a trillion records.
 */
const PREFIX = "rec_";
const DIGITS = 12;
const ID_PATTERN = /^rec_(\d{12,})$/;

export function formatRecordId(sequence: number): string {
  return `${PREFIX}${String(sequence).padStart(DIGITS, "0")}`;
}

/** The sequence an id stands for, or undefined when `id` is not a record id of this store. */
export function parseRecordId(id: string): number | undefined {
  const match = ID_PATTERN.exec(id);
  if (!match?.[1]) return undefined;
  const sequence = Number(match[1]);
  return Number.isSafeInteger(sequence) && sequence > 0 ? sequence : undefined;
}
