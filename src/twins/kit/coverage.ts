/**
 * A twin's coverage declaration: for each vendor method it has, whether it is supported or
 * partial and the test that proves it. scripts/twin-coverage.ts builds docs/twins/coverage.md from
 * the declarations and the vendors' own method lists, so a twin cannot claim what its vendor lacks.
 */
export interface CoverageEntry {
  status: "supported" | "partial";
  /** The test that proves it: a test file, optionally `file > test name`. */
  test: string;
  /** For `partial`: what is missing. */
  note?: string;
}

/** `file > test name`: a reference to one test, as the coverage matrix prints it. */
export function testReference(file: string, name: string): string {
  return `${file} > ${name}`;
}
