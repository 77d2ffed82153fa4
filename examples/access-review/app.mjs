// The access review service, as it should behave. Usage: PORT=3000 OKTA_BASE_URL=... node app.mjs
// (environment: README.md). The same code with one bug is app-buggy.mjs.
import { exitOnSignals } from "./process.mjs";
import { startService } from "./review-service.mjs";

exitOnSignals(await startService());
