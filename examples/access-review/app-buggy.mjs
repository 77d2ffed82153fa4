// The access review with a realistic bug that only shows in a big group: it reads the first page
// of the group's members and ignores Okta's `Link: rel="next"`, so a group of more than 200
// people is reviewed as if it had 200 (the log still counts them, wrongly). Everything else is app.mjs.
import { exitOnSignals } from "./process.mjs";
import { startService } from "./review-service.mjs";

exitOnSignals(await startService({ firstPageOnly: true }));
