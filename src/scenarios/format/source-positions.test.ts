import { describe, expect, it } from "vitest";
import { locatePath, parseLocatable } from "./source-positions.js";

const TEXT = `id: x
steps:
  - http: { path: /a }
  - id: two
    http:
      path: "/issues/\${captured.key}"
base: &base { a: 1 }
copy: *base
`;

describe("locatePath", () => {
  const source = parseLocatable(TEXT);

  it("finds values in block and flow collections, 1-based", () => {
    expect(locatePath(source, ["id"])).toEqual({ line: 1, column: 5 });
    expect(locatePath(source, ["steps", 0])).toEqual({ line: 3, column: 5 });
    expect(locatePath(source, ["steps", 0, "http", "path"])).toEqual({ line: 3, column: 19 });
    expect(locatePath(source, ["steps", 1, "http", "path"])).toEqual({ line: 6, column: 13 });
  });

  it("points at the key when asked, and at text inside a string", () => {
    expect(locatePath(source, ["steps", 1, "id"], "key")).toEqual({ line: 4, column: 5 });
    expect(locatePath(source, ["steps", 1, "http", "path"], "value", "${captured")).toEqual({ line: 6, column: 22 });
  });

  it("falls back to the nearest ancestor that exists, and follows aliases", () => {
    expect(locatePath(source, ["steps", 0, "http", "method"])).toEqual({ line: 3, column: 11 });
    expect(locatePath(source, ["steps", 9])).toEqual({ line: 3, column: 3 });
    expect(locatePath(source, ["copy", "a"])).toEqual({ line: 7, column: 18 });
    expect(locatePath(parseLocatable(""), ["anything"])).toEqual({ line: 1, column: 1 });
  });
});
