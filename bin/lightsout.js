#!/usr/bin/env node
// The installed `lightsout` command: the built CLI (dist/) on the real process.
let cli;
try {
  cli = await import("../dist/cli/main.js");
} catch (error) {
  if (error && error.code === "ERR_MODULE_NOT_FOUND" && String(error.message).includes("dist/cli/main.js")) {
    process.stderr.write("lightsout: dist/ is missing; run `npm run build` in the lightsout package first\n");
    process.exit(70);
  }
  throw error;
}
process.exitCode = await cli.runCli(process.argv.slice(2), cli.processIo());
