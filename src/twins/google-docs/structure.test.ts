import type { docs_v1 } from "@googleapis/docs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type DocumentRecord, initialUnits } from "./model.js";
import { applyRequests } from "./requests.js";
import { isWellFormed } from "./segments.js";
import { bodyContent } from "./structure.js";

type Element = docs_v1.Schema$StructuralElement;

/** Every element starts where the previous ended, and so do rows, cells and runs inside them. */
function contiguityProblems(content: Element[], start: number, end: number, path: string): string[] {
  const problems: string[] = [];
  let cursor = start;
  for (const [index, element] of content.entries()) {
    const at = `${path}[${index}]`;
    if ((element.startIndex ?? 0) !== cursor) problems.push(`${at} starts at ${element.startIndex ?? 0}, expected ${cursor}`);
    for (const [runIndex, run] of (element.paragraph?.elements ?? []).entries()) {
      const expected = runIndex === 0 ? element.startIndex : element.paragraph!.elements![runIndex - 1]!.endIndex;
      if (run.startIndex !== expected) problems.push(`${at} run ${runIndex} starts at ${run.startIndex}`);
      const length = run.pageBreak ? 1 : run.textRun!.content!.length;
      if (run.endIndex! - run.startIndex! !== length) problems.push(`${at} run ${runIndex} length differs from its content`);
    }
    let inner = (element.startIndex ?? 0) + 1;
    for (const row of element.table?.tableRows ?? []) {
      if (row.startIndex !== inner) problems.push(`${at} row starts at ${row.startIndex}, expected ${inner}`);
      inner += 1;
      for (const cell of row.tableCells ?? []) {
        problems.push(...contiguityProblems(cell.content ?? [], inner + 1, cell.endIndex!, `${at}.cell`));
        inner = cell.endIndex!;
      }
    }
    cursor = element.endIndex!;
  }
  if (cursor !== end) problems.push(`${path} ends at ${cursor}, expected ${end}`);
  return problems;
}

const request = fc.oneof(
  fc.record({ insertText: fc.record({ text: fc.constantFrom("a", "xy\nz", "\n", "😀", "\t-"), location: fc.record({ index: fc.integer({ min: -1, max: 40 }) }) }) }),
  fc.record({ deleteContentRange: fc.record({ range: fc.record({ startIndex: fc.integer({ min: 0, max: 40 }), endIndex: fc.integer({ min: 0, max: 40 }) }) }) }),
  fc.record({ insertTable: fc.record({ rows: fc.integer({ min: 0, max: 3 }), columns: fc.integer({ min: 1, max: 3 }), location: fc.record({ index: fc.integer({ min: 1, max: 40 }) }) }) }),
  fc.record({ insertTableColumn: fc.record({ tableCellLocation: fc.record({ tableStartLocation: fc.record({ index: fc.integer({ min: 1, max: 40 }) }), rowIndex: fc.nat(2), columnIndex: fc.nat(3) }), insertRight: fc.boolean() }) }),
  fc.record({ deleteTableColumn: fc.record({ tableCellLocation: fc.record({ tableStartLocation: fc.record({ index: fc.integer({ min: 1, max: 40 }) }), rowIndex: fc.nat(2), columnIndex: fc.nat(3) }) }) }),
  fc.record({ deleteTableRow: fc.record({ tableCellLocation: fc.record({ tableStartLocation: fc.record({ index: fc.integer({ min: 1, max: 40 }) }), rowIndex: fc.nat(2) }) }) }),
  fc.record({ insertPageBreak: fc.record({ location: fc.record({ index: fc.integer({ min: 0, max: 40 }) }) }) }),
  fc.record({ replaceAllText: fc.record({ containsText: fc.record({ text: fc.constantFrom("a", "y", "\t") }), replaceText: fc.constantFrom("", "bb", "\n") }) }),
  fc.record({ createParagraphBullets: fc.record({ range: fc.record({ startIndex: fc.integer({ min: 1, max: 40 }), endIndex: fc.integer({ min: 1, max: 40 }) }), bulletPreset: fc.constant("BULLET_DISC_CIRCLE_SQUARE") }) }),
);

describe("the computed structure (property)", () => {
  it("stays contiguous and well formed whatever requests are applied, one by one", () => {
    fc.assert(
      fc.property(fc.array(request, { minLength: 1, maxLength: 25 }), (requests) => {
        let document: DocumentRecord = { documentId: "d", units: initialUnits("Hello world"), lists: {}, revisionId: "r" };
        for (const item of requests) {
          const result = applyRequests(document, [item], () => "kix.p");
          if ("error" in result) {
            expect(result.error).toMatch(/^Invalid requests\[0\]\.\w+: /);
            continue;
          }
          document = result.document;
          expect(isWellFormed(document.units)).toBe(true);
          expect(contiguityProblems(bodyContent(document.units) as Element[], 0, document.units.length, "body")).toEqual([]);
        }
      }),
      { numRuns: 300 },
    );
  });
});
