/**
 * The JSON Schema of a spec's front matter, generated from the zod schema that validates it, for
 * editors and other tools. schemas/spec-front-matter.schema.json is its committed image;
 * json-schema.test.ts fails when that file is stale (regenerate with the command it prints).
 */
import { z } from "zod";
import { specFrontMatterSchema } from "./front-matter.js";

export const SPEC_FRONT_MATTER_SCHEMA_ID = "urn:lightsout:schemas:spec-front-matter";
export const SPEC_FRONT_MATTER_SCHEMA_FILE = "schemas/spec-front-matter.schema.json";

export function specFrontMatterJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(specFrontMatterSchema, { io: "input" }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return { $schema, $id: SPEC_FRONT_MATTER_SCHEMA_ID, ...rest };
}

/** The committed file's text: indented JSON with a final newline. */
export function specFrontMatterSchemaText(): string {
  return `${JSON.stringify(specFrontMatterJsonSchema(), null, 2)}\n`;
}
