import { describe, expect, test } from "vitest";
import { TwinFixtureError } from "./errors.js";
import { describeType, expectArray, expectArrayOf, expectBoolean, expectInteger, expectKnownKeys, expectNumber, expectObject, expectOneOf, expectString, fieldPath, fixtureObject, optional } from "./fixture-checks.js";

function message(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(TwinFixtureError);
    return (error as Error).message;
  }
  throw new Error("expected a TwinFixtureError");
}

describe("fixture checks", () => {
  test("fieldPath", () => {
    expect(fieldPath("", "users")).toBe("users");
    expect(fieldPath("users", 0)).toBe("users[0]");
    expect(fieldPath("users[0]", "name")).toBe("users[0].name");
  });

  test("describeType", () => {
    expect([null, [], {}, "x", 1, Number.NaN, true, undefined].map(describeType)).toEqual(["null", "an array", "an object", 'a string ("x")', "a number (1)", "NaN", "a boolean (true)", "undefined"]);
  });

  test("each check returns the value or names the path and what was wrong", () => {
    expect(expectObject({ a: 1 }, "x")).toEqual({ a: 1 });
    expect(message(() => expectObject([], "x"))).toBe("x: expected an object, got an array");
    expect(message(() => expectObject(undefined, "x"))).toBe("x: required (an object)");
    expect(expectArray([1], "x")).toEqual([1]);
    expect(message(() => expectArray("a", "x"))).toBe('x: expected an array, got a string ("a")');
    expect(expectArrayOf(["a", "b"], "tags", expectString)).toEqual(["a", "b"]);
    expect(message(() => expectArrayOf(["a", 2], "tags", expectString))).toBe("tags[1]: expected a string, got a number (2)");
    expect(message(() => expectString("", "name", { nonEmpty: true }))).toBe("name: must not be empty");
    expect(message(() => expectString("U1", "id", { pattern: /^C[0-9A-Z]+$/, patternName: "a channel id (C...)" }))).toBe('id: expected a channel id (C...), got "U1"');
    expect(expectNumber(1.5, "n")).toBe(1.5);
    expect(message(() => expectNumber(Number.POSITIVE_INFINITY, "n"))).toBe("n: expected a number, got Infinity");
    expect(message(() => expectInteger(1.5, "n"))).toBe("n: expected an integer, got 1.5");
    expect(message(() => expectInteger(-1, "n", { min: 0 }))).toBe("n: must be at least 0, got -1");
    expect(message(() => expectNumber(11, "n", { max: 10 }))).toBe("n: must be at most 10, got 11");
    expect(message(() => expectBoolean("yes", "flag"))).toBe('flag: expected true or false, got a string ("yes")');
    expect(expectOneOf("open", "status", ["open", "closed"])).toBe("open");
    expect(message(() => expectOneOf("done", "status", ["open", "closed"]))).toBe('status: expected one of "open", "closed", got "done"');
    expect(optional(undefined, "x", expectString)).toBeUndefined();
    expect(message(() => optional(null, "x", expectString))).toBe("x: expected a string, got null");
    expect(message(() => expectKnownKeys({ nmae: 1 }, "users[0]", ["name"]))).toBe("users[0].nmae: unknown field (expected name)");
    expect(message(() => expectObject(1, ""))).toBe("expected an object, got a number (1)");
  });

  test("fixtureObject reads fields with their full paths", () => {
    const root = fixtureObject({ users: [{ name: "ada", admin: true, age: 36, role: "owner", profile: { title: "x" } }] }, "", ["users"]);
    const [first] = root.arrayOf("users", (item, path) => fixtureObject(item, path, ["name", "admin", "age", "role", "profile", "email"]));
    expect(first!.string("name")).toBe("ada");
    expect(first!.optionalString("email")).toBeUndefined();
    expect(first!.boolean("admin")).toBe(true);
    expect(first!.optionalBoolean("admin")).toBe(true);
    expect(first!.number("age", { integer: true })).toBe(36);
    expect(first!.optionalNumber("height")).toBeUndefined();
    expect(first!.oneOf("role", ["owner", "member"])).toBe("owner");
    expect(first!.object("profile").string("title")).toBe("x");
    expect(first!.optionalObject("missing")).toBeUndefined();
    expect(first!.has("name")).toBe(true);
    expect(first!.value("age")).toBe(36);
    expect(root.optionalArray("channels")).toEqual([]);
    expect(root.arrayOf("channels", expectString)).toEqual([]);
    expect(message(() => first!.string("email"))).toBe("users[0].email: required (a string)");
    expect(message(() => first!.object("profile", ["name"]))).toBe("users[0].profile.title: unknown field (expected name)");
    expect(message(() => root.array("channels"))).toBe("channels: required (an array)");
    expect(message(() => fixtureObject({ user: [] }, "", ["users"]))).toBe("user: unknown field (expected users)");
  });
});
