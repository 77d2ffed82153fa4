/**
 * Writing values into DOT so the project's parser (src/pipeline/dot) reads back exactly what was
 * written: `\` and `"` escaped, newlines as `\n`, carriage returns dropped (the lexer keeps an
 * unknown escape such as `\r` verbatim, so it cannot be written as one).
 */

/** One DOT quoted string holding `value`. */
export function dotString(value: string): string {
  const escaped = value
    .replace(/\r\n?/g, "\n")
    .replace(/\\/g, "\\\\")
    .replace(/"/g, '\\"')
    .replace(/\n/g, "\\n")
    .replace(/\t/g, "\\t");
  return `"${escaped}"`;
}

/**
 * A multi-line value as `"line 1\n" + "line 2"`, one source line per text line, so a compiled
 * prompt stays readable and editable in the .dot file. Parses to the same text as dotString.
 */
export function dotText(value: string, indent: string): string {
  const lines = value.replace(/\r\n?/g, "\n").split("\n");
  return lines.map((line, index) => dotString(index < lines.length - 1 ? `${line}\n` : line)).join(`\n${indent}+ `);
}

const KEYWORDS = new Set(["graph", "digraph", "subgraph", "node", "edge", "strict"]);

/** A DOT identifier made from a kebab-case name: `incident-bridge` -> `incident_bridge`; never a keyword. */
export function dotIdentifier(name: string): string {
  const id = name.replace(/[^A-Za-z0-9_]/g, "_");
  return /^[A-Za-z_]/.test(id) && !KEYWORDS.has(id.toLowerCase()) ? id : `spec_${id}`;
}
