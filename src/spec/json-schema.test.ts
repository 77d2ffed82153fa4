import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { SPEC_FRONT_MATTER_SCHEMA_FILE, specFrontMatterJsonSchema, specFrontMatterSchemaText } from "./json-schema.js";

test(`${SPEC_FRONT_MATTER_SCHEMA_FILE} is the image of the zod schema (regenerate: npx tsx -e 'import("./src/spec/json-schema.ts").then((m) => require("node:fs").writeFileSync(m.SPEC_FRONT_MATTER_SCHEMA_FILE, m.specFrontMatterSchemaText()))')`, () => {
  expect(readFileSync(SPEC_FRONT_MATTER_SCHEMA_FILE, "utf8")).toBe(specFrontMatterSchemaText());
});

test("the schema describes every front matter field and refuses others", () => {
  const schema = specFrontMatterJsonSchema() as { properties: Record<string, unknown>; additionalProperties: boolean };
  expect(Object.keys(schema.properties)).toEqual(["name", "model", "budget_usd", "services", "app"]);
  expect(schema.additionalProperties).toBe(false);
});
