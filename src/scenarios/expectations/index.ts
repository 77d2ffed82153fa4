/** Expectation queries over a trial (twin requests, records, deliveries, app output, step outcomes) and their matchers. */
export { evaluateQuery, describeQuery, describeCount, countBounds, type TrialView, type QueryResult } from "./query.js";
export { evaluateExpectations } from "./evaluate-expectations.js";
export { matchValue, checkMatcher, describeMatcher, deepEqual, partialMatch, type MatchOutcome } from "./matchers.js";
export { getPath, parsePath, type PathSegment } from "./path.js";
export { formatValue, clipMiddle, tail } from "./format-value.js";
