/** The twin kit: what every twin is built from. Guide: docs/twins/kit.md. */
export * from "./state.js";
export * from "./tenant.js";
export * from "./faults.js";
export * from "./twin.js";
export { jsonResponse, readBody, type ReadBody } from "./request-body.js";
export { bufferedRequest, bufferedResponse, bufferedText } from "./buffered-body.js";
export { serveTwin, type ServedTwin } from "./serve.js";
export { deliver, deliverAndRead, DELIVERY_TIMEOUT_MS, type OutboundRequest } from "./deliveries.js";
export { FixtureSyntaxError, fixtureFormatOf, loadFixtureFile, locateFixturePath, parseFixtureText, readFixtureFile, seedTenant, splitFieldPath, type FixtureFile, type FixtureFormat } from "./fixtures.js";
export * from "./fixture-checks.js";
export { createTemplateRouter, type TemplateRoute, type TemplateRouteMatch, type TemplateRouter } from "./template-router.js";
export { testReference, type CoverageEntry } from "./coverage.js";
