/**
 * Field paths into the values a query looks at: `body.blocks[0].text`, `response.messages[-1].ts`,
 * `headers["x-slack-signature"]`, `$collection`. Segments are separated by dots; `[n]` indexes an
 * array (negative counts from the end); `["key"]` or `['key']` names a key holding dots or
 * brackets. A digit segment after a dot (`blocks.0`) indexes an array too.
 *
 * A string that holds JSON is looked into as if parsed: Slack form posts carry `blocks` and
 * `attachments` as JSON text, and deliveries carry their body as text, so `body.blocks[0].text`
 * works whichever way the client sent it.
 */

export type PathSegment = string | number;

/** Parses a path into its segments, or says precisely why it cannot. */
export function parsePath(path: string): { segments: PathSegment[] } | { error: string } {
  const segments: PathSegment[] = [];
  let position = 0;
  const fail = (what: string): { error: string } => ({ error: `invalid path "${path}" at character ${position + 1}: ${what}` });
  while (position < path.length) {
    const character = path[position];
    if (character === "[") {
      const bracket = readBracket(path, position);
      if ("error" in bracket) return fail(bracket.error);
      segments.push(bracket.segment);
      position = bracket.end;
    } else if (character === "." && segments.length > 0) {
      position += 1;
      const name = readName(path, position);
      if (name.length === 0) return fail("expected a field name after the dot");
      segments.push(/^\d+$/.test(name) ? Number(name) : name);
      position += name.length;
    } else if (segments.length === 0) {
      const name = readName(path, position);
      if (name.length === 0) return fail(`unexpected "${character}"`);
      segments.push(name);
      position += name.length;
    } else {
      return fail(`expected "." or "[", found "${character}"`);
    }
  }
  return { segments };
}

function readName(path: string, start: number): string {
  let end = start;
  while (end < path.length && path[end] !== "." && path[end] !== "[" && path[end] !== "]") end += 1;
  return path.slice(start, end);
}

function readBracket(path: string, start: number): { segment: PathSegment; end: number } | { error: string } {
  const quote = path[start + 1];
  if (quote === '"' || quote === "'") {
    let key = "";
    let position = start + 2;
    while (position < path.length && path[position] !== quote) {
      if (path[position] === "\\" && position + 1 < path.length) position += 1;
      key += path[position];
      position += 1;
    }
    if (path[position] !== quote || path[position + 1] !== "]") return { error: `unterminated quoted key, expected ${quote}]` };
    return { segment: key, end: position + 2 };
  }
  const close = path.indexOf("]", start);
  const inside = close < 0 ? "" : path.slice(start + 1, close);
  if (!/^-?\d+$/.test(inside)) return { error: 'expected an index like [0] or [-1], or a quoted key like ["a.b"]' };
  return { segment: Number(inside), end: close + 1 };
}

/** A string that looks like a JSON object or array, parsed; anything else as it is. */
export function parseJsonText(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const trimmed = value.trimStart();
  if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

function step(value: unknown, segment: PathSegment): { found: boolean; value: unknown } {
  const container = parseJsonText(value);
  if (Array.isArray(container)) {
    if (typeof segment === "number") {
      const index = segment < 0 ? container.length + segment : segment;
      return index >= 0 && index < container.length ? { found: true, value: container[index] } : { found: false, value: undefined };
    }
    if (segment === "length") return { found: true, value: container.length };
    return { found: false, value: undefined };
  }
  if (typeof container === "object" && container !== null) {
    const key = String(segment);
    return Object.hasOwn(container, key) ? { found: true, value: (container as Record<string, unknown>)[key] } : { found: false, value: undefined };
  }
  return { found: false, value: undefined };
}

/**
 * The value at `path` in `value`. `found` is false when any segment is missing (a field holding
 * `null` is found). An empty path is the value itself. An invalid path is not found, with `error`.
 */
export function getPath(value: unknown, path: string): { found: boolean; value: unknown; error?: string } {
  if (path === "") return { found: true, value };
  const parsed = parsePath(path);
  if ("error" in parsed) return { found: false, value: undefined, error: parsed.error };
  let current: { found: boolean; value: unknown } = { found: true, value };
  for (const segment of parsed.segments) {
    current = step(current.value, segment);
    if (!current.found) return current;
  }
  return current;
}
