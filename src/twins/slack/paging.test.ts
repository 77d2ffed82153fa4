import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Args } from "./args.js";
import { decodeCursor, encodeCursor, paginate } from "./paging.js";
import { isFailure } from "./responses.js";

const options = { kind: "team", defaultLimit: 100, maxLimit: 1000, strictLimit: true };
const argsOf = (values: Record<string, unknown>) => new Args(values);

describe("cursor paging", () => {
  it("cursors are opaque base64 of kind:key, as Slack's", () => {
    expect(encodeCursor("user", "U061NFTT2")).toBe("dXNlcjpVMDYxTkZUVDI=");
    expect(decodeCursor("dXNlcjpVMDYxTkZUVDI=", "user")).toBe("U061NFTT2");
    expect(decodeCursor("dXNlcjpVMDYxTkZUVDI=", "team")).toBeUndefined();
    expect(decodeCursor("not base64!", "user")).toBeUndefined();
  });

  it("following next_cursor yields every item once, in order, ending with an empty cursor", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 25 }), (count, limit) => {
        const items = Array.from({ length: count }, (_, index) => `C${String(index).padStart(10, "0")}`);
        const seen: string[] = [];
        let cursor: string | undefined;
        for (let pages = 0; pages < 100; pages += 1) {
          const page = paginate(items, (item) => item, argsOf({ limit: String(limit), ...(cursor ? { cursor } : {}) }), options);
          if (isFailure(page)) throw new Error(page.error);
          expect(page.items.length).toBeLessThanOrEqual(limit);
          seen.push(...page.items);
          if (page.nextCursor === "") break;
          cursor = page.nextCursor;
        }
        expect(seen).toEqual(items);
      }),
    );
  });

  it("bad cursors and limits are Slack's errors", () => {
    const items = ["a", "b"];
    expect(paginate(items, (item) => item, argsOf({ cursor: encodeCursor("team", "zzz") }), options)).toEqual({ ok: false, error: "invalid_cursor" });
    expect(paginate(items, (item) => item, argsOf({ limit: "1001" }), options)).toEqual({ ok: false, error: "invalid_limit" });
    expect(paginate(items, (item) => item, argsOf({ limit: "lots" }), options)).toEqual({ ok: false, error: "invalid_limit" });
    expect(paginate(items, (item) => item, argsOf({ limit: "5000" }), { ...options, strictLimit: false })).toEqual({ items, nextCursor: "" });
  });
});
