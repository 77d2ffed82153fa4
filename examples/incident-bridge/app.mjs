// The incident bridge, as it should behave. Usage: PORT=3000 SLACK_BOT_TOKEN=... node app.mjs
// (environment: README.md). The same code with one bug is app-buggy.mjs.
import { startBridge } from "./bridge.mjs";
import { exitOnSignals } from "./process.mjs";

exitOnSignals(await startBridge());
