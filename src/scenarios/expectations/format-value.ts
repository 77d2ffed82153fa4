/**
 * Values as a failed trial's reader sees them in one line: JSON, with long text cut in the middle
 * (the start says what it is, the end is often where the difference lies).
 */

export function formatValue(value: unknown, maxLength = 80): string {
  let text: string;
  if (value === undefined) text = "undefined";
  else if (typeof value === "bigint") text = value.toString();
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return clipMiddle(text, maxLength);
}

/** Cuts `text` to at most about `maxLength` characters, keeping its start and end. */
export function clipMiddle(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  const head = Math.ceil((maxLength - 3) * 0.55);
  const tail = Math.max(0, maxLength - 3 - head);
  return `${text.slice(0, head)}...${text.slice(text.length - tail)}`;
}

/** The last `maxLength` characters of `text`, marked when cut (app output: the end is what matters). */
export function tail(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  return `[... ${text.length - maxLength} earlier characters cut]\n${text.slice(text.length - maxLength)}`;
}
