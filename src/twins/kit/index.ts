/** The twin kit: what every twin is built from. */
export * from "./state.js";
export * from "./tenant.js";
export * from "./faults.js";
export * from "./twin.js";
export { jsonResponse, readBody, type ReadBody } from "./request-body.js";
export { validateFaultProfile } from "./admin.js";
export { serveTwin, type ServedTwin } from "./serve.js";
export { deliver, DELIVERY_TIMEOUT_MS, type OutboundRequest } from "./deliveries.js";
