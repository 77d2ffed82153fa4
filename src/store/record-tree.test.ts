import { expect, test } from "vitest";
import { formatRecordId } from "./record-id.js";
import { recordTree } from "./record-tree.js";
import type { StoredRecord } from "./types.js";

function record(sequence: number, parent?: number): StoredRecord {
  return { id: formatRecordId(sequence), runId: "r", parentId: parent === undefined ? undefined : formatRecordId(parent), type: "note", version: 1, key: undefined, payload: {}, blobs: [], at: 0, sequence };
}

const shape = (records: StoredRecord[]) => recordTree(records).map(({ record: { sequence }, depth }) => `${"  ".repeat(depth)}${sequence}`);

test("depth first, children in append order, whatever order the records come in", () => {
  const records = [record(1), record(2, 1), record(3, 2), record(4, 1), record(5, 2), record(6, 4)];
  expect(shape(records.reverse())).toEqual(["1", "  2", "    3", "    5", "  4", "    6"]);
});

test("a record whose parent is not given is shown as a root; a 20,000-deep chain does not overflow the stack", () => {
  expect(shape([record(5, 3), record(6, 5)])).toEqual(["5", "  6"]);
  const chain = Array.from({ length: 20_000 }, (_, index) => record(index + 1, index === 0 ? undefined : index));
  const tree = recordTree(chain);
  expect(tree.at(-1)).toEqual({ record: chain.at(-1), depth: 19_999 });
});
