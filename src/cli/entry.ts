/**
 * The CLI on the TypeScript sources, for tests that spawn it (`node --import tsx src/cli/entry.ts`);
 * bin/lightsout.js is the same thing on the built dist/.
 */
import { processIo, runCli } from "./main.js";

process.exitCode = await runCli(process.argv.slice(2), processIo());
