// The incident bridge with a realistic bug that only shows under load: Slack's `ratelimited`
// answer (HTTP 429) is taken as final, so an announcement posted while rate limited is dropped
// (the log says "slack: ratelimited"). Everything else is app.mjs.
import { startBridge } from "./bridge.mjs";
import { exitOnSignals } from "./process.mjs";

exitOnSignals(await startBridge({ rateLimitedIsFinal: true }));
