import { expect, test } from "vitest";
import { formatRecordId, parseRecordId } from "./record-id.js";

test("ids round-trip to their sequence and sort as strings in sequence order", () => {
  expect(formatRecordId(42)).toBe("rec_000000000042");
  expect(parseRecordId("rec_000000000042")).toBe(42);
  const ids = [1, 9, 10, 99, 100, 123_456_789].map(formatRecordId);
  expect([...ids].sort()).toEqual(ids);
});

test("anything else is no id of this store", () => {
  for (const id of ["", "42", "rec_42", "rec_000000000000", "REC_000000000001", "rec_00000000001x", " rec_000000000001"]) expect(parseRecordId(id)).toBeUndefined();
});
