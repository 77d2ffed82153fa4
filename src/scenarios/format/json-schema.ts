/** The JSON Schema of scenario files, generated from the zod schema, for editors and other tools. */
import { z } from "zod";
import { SCENARIO_SCHEMA_ID, scenarioFileSchema } from "./input-schema.js";

/** The JSON Schema (2020-12) of what a scenario file may contain, as scripts/generate-scenario-schema.ts commits it. */
export function scenarioJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(scenarioFileSchema, { io: "input" }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return { $schema, $id: SCENARIO_SCHEMA_ID, ...rest };
}
