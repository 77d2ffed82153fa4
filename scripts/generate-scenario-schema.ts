/**
 * Writes schemas/scenario.schema.json: the JSON Schema of scenario files, generated from the zod
 * schema that validates them (src/scenarios/format/input-schema.ts), for editors (yaml-language-server
 * `# yaml-language-server: $schema=...`) and other tools. The zod schema is the source; this file
 * is its committed, reviewable image.
 *
 *   npx tsx scripts/generate-scenario-schema.ts           write the file
 *   npx tsx scripts/generate-scenario-schema.ts --check   exit 1 if the committed file is stale
 * test/scenario-schema.test.ts fails when it is stale.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { scenarioJsonSchema } from "../src/scenarios/format/json-schema.js";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const SCENARIO_SCHEMA_FILE = "schemas/scenario.schema.json";

/** The file's text: the schema as indented JSON with a final newline. */
export function scenarioSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}

function main(argv: string[]): number {
  const target = join(ROOT, SCENARIO_SCHEMA_FILE);
  const text = scenarioSchemaText();
  if (argv.includes("--check")) {
    const current = existsSync(target) ? readFileSync(target, "utf8") : "";
    if (current === text) return 0;
    console.error(`generate-scenario-schema: ${SCENARIO_SCHEMA_FILE} is stale; run: npx tsx scripts/generate-scenario-schema.ts`);
    return 1;
  }
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text);
  console.log(`generate-scenario-schema: wrote ${SCENARIO_SCHEMA_FILE}`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main(process.argv.slice(2));
