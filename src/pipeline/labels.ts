/**
 * Edge labels as people write them (spec 4.6, 3.3): an optional accelerator prefix such as
 * `[Y] `, `Y) ` or `Y - ` followed by the text. Human gates show the key; edge selection
 * compares labels without it, so `[A] Approve` matches a preferred label of `approve`.
 * Decisions: docs/decisions/0033-accelerator-keys.md.
 */

/** `[K] Label`: the key may be any single non-space character inside the brackets. */
const BRACKET_PREFIX = /^\[(\S)\]\s*/;
/** `K) Label` and `K - Label`: a single letter or digit, so `a) b` is a key but `(a) b` is not. */
const PAREN_PREFIX = /^([A-Za-z0-9])\)\s+/;
const DASH_PREFIX = /^([A-Za-z0-9])\s+-\s+/;
const PREFIXES = [BRACKET_PREFIX, PAREN_PREFIX, DASH_PREFIX];

/**
 * The accelerator key of a label, upper-cased: `[Y] Yes, deploy`, `Y) Yes, deploy`,
 * `Y - Yes, deploy` and `Yes, deploy` all give `Y`. An empty label gives an empty key.
 */
export function parseAcceleratorKey(label: string): string {
  const text = label.trim();
  for (const prefix of PREFIXES) {
    const match = prefix.exec(text);
    if (match) return match[1]!.toUpperCase();
  }
  // The first character as a code point, so a label starting with an emoji keeps it whole.
  const first = text.codePointAt(0);
  return first === undefined ? "" : String.fromCodePoint(first).toUpperCase();
}

/** The label without its accelerator prefix, trimmed but with its case kept, for display. */
export function stripAcceleratorPrefix(label: string): string {
  const text = label.trim();
  for (const prefix of PREFIXES) {
    const match = prefix.exec(text);
    if (match) return text.slice(match[0].length).trim();
  }
  return text;
}

/** Lower-cased, trimmed, accelerator prefix removed: the form in which labels are compared. */
export function normalizeLabel(label: string): string {
  return stripAcceleratorPrefix(label).toLowerCase();
}
