import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeLabel, parseAcceleratorKey, stripAcceleratorPrefix } from "./labels.js";

describe("parseAcceleratorKey", () => {
  it.each([
    ["[Y] Yes, deploy", "Y"],
    ["Y) Yes, deploy", "Y"],
    ["Y - Yes, deploy", "Y"],
    ["Yes, deploy", "Y"],
    ["[a] approve", "A"],
    ["  r) retry", "R"],
    ["2 - second", "2"],
    ["approve", "A"],
    ["", ""],
    ["   ", ""],
  ])("%j has key %j", (label, key) => {
    expect(parseAcceleratorKey(label)).toBe(key);
  });

  it("keeps a leading emoji whole", () => {
    expect(parseAcceleratorKey("🚀 launch")).toBe("🚀");
  });

  it("does not take a parenthesized word for a key", () => {
    expect(parseAcceleratorKey("(optional) skip")).toBe("(");
  });
});

describe("normalizeLabel", () => {
  it.each([
    ["[Y] Yes, Deploy", "yes, deploy"],
    ["Y) Yes, deploy", "yes, deploy"],
    ["Y - Yes, deploy", "yes, deploy"],
    ["  Approve  ", "approve"],
    ["approve", "approve"],
    ["A-B testing", "a-b testing"],
  ])("%j normalizes to %j", (label, normalized) => {
    expect(normalizeLabel(label)).toBe(normalized);
  });

  it("makes labels with and without an accelerator prefix compare equal", () => {
    expect(normalizeLabel("[A] Approve")).toBe(normalizeLabel("approve"));
  });

  it("keeps the case of the text when only stripping the prefix", () => {
    expect(stripAcceleratorPrefix("[Y] Yes, Deploy")).toBe("Yes, Deploy");
  });

  it("always gives trimmed lower-case text", () => {
    fc.assert(
      fc.property(fc.string(), (label) => {
        const normalized = normalizeLabel(label);
        expect(normalized).toBe(normalized.trim());
        expect(normalized).toBe(normalized.toLowerCase());
      }),
    );
  });

  it("gives every prefixed form of a label the same key and normalized text", () => {
    fc.assert(
      fc.property(fc.constantFrom(..."ABCXYZ019"), fc.stringMatching(/^[a-z][a-z ]{0,10}[a-z]$/), (key, text) => {
        const forms = [`[${key}] ${text}`, `${key}) ${text}`, `${key} - ${text}`];
        for (const form of forms) {
          expect(parseAcceleratorKey(form)).toBe(key);
          expect(normalizeLabel(form)).toBe(text);
        }
      }),
    );
  });
});
