/**
 * Google's partial responses: the `fields` parameter (`files(id,name),nextPageToken`,
 * `permissions/role`, `*`) selects which parts of an answer are sent. Parsed once into a tree and
 * applied to the full resource, so a handler renders everything and the selector trims it, the
 * same for Drive, Docs and Sheets.
 */

/** A parsed selector: each name maps to `true` (all of it) or the selector of its parts. */
export type FieldMask = ReadonlyMap<string, FieldMask | true>;

export type FieldsParse = { mask: FieldMask } | { error: string };

/** Parses a `fields` value; `error` is Google's message (`Invalid field selection files(id`). */
export function parseFields(text: string): FieldsParse {
  let position = 0;
  const fail = (): FieldsParse => ({ error: `Invalid field selection ${text}` });

  const parseList = (depth: number): Map<string, FieldMask | true> | undefined => {
    const mask = new Map<string, FieldMask | true>();
    for (;;) {
      const path: string[] = [];
      for (;;) {
        const match = /^\s*([A-Za-z_$][A-Za-z0-9_$.-]*|\*)\s*/.exec(text.slice(position));
        if (!match) return undefined;
        path.push(match[1]!);
        position += match[0].length;
        if (text[position] !== "/") break;
        position += 1;
      }
      let leaf: FieldMask | true = true;
      if (text[position] === "(") {
        position += 1;
        const inner = parseList(depth + 1);
        if (!inner || text[position] !== ")") return undefined;
        position += 1;
        while (text[position] === " ") position += 1;
        leaf = inner;
      }
      addPath(mask, path, leaf);
      if (text[position] === ",") {
        position += 1;
        continue;
      }
      if (depth > 0 ? text[position] === ")" : position === text.length) return mask;
      return undefined;
    }
  };

  if (text.trim() === "") return fail();
  const mask = parseList(0);
  return mask ? { mask } : fail();
}

function addPath(mask: Map<string, FieldMask | true>, path: string[], leaf: FieldMask | true): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  const value: FieldMask | true = rest.length === 0 ? leaf : (() => {
    const child = new Map<string, FieldMask | true>();
    addPath(child, rest, leaf);
    return child;
  })();
  const existing = mask.get(head);
  if (existing === true || value === true || existing === undefined) {
    mask.set(head, existing === true || value === true ? true : value);
    return;
  }
  const merged = new Map(existing);
  for (const [key, inner] of value) addPath(merged, [key], inner);
  mask.set(head, merged);
}

/** The names a mask asks for at its top level, `*` included. */
export function topLevelFields(mask: FieldMask): string[] {
  return [...mask.keys()];
}

/** `value` trimmed to `mask`; arrays are trimmed element by element. */
export function selectFields(value: unknown, mask: FieldMask | true): unknown {
  if (mask === true || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item) => selectFields(item, mask));
  if (mask.has("*")) return value;
  const result: Record<string, unknown> = {};
  for (const [name, inner] of mask) {
    const field = (value as Record<string, unknown>)[name];
    if (field !== undefined) result[name] = selectFields(field, inner);
  }
  return result;
}

/** A mask's sub-selector for one field (`files` of `files(id,name)`), or undefined if not asked for. */
export function subMask(mask: FieldMask, name: string): FieldMask | true | undefined {
  if (mask.has("*")) return true;
  return mask.get(name);
}
