/**
 * generate_object() (unified-llm-spec 4.5): structured output. The schema goes to the provider as
 * its native structured-output format (a JSON-schema response format), and what comes back is
 * parsed and validated here anyway: providers differ in how strictly they follow a schema, and a
 * caller that gets an object may rely on its shape. Failure is NoObjectGeneratedError, carrying
 * the text the model produced and why it is not the object.
 */
import { Ajv } from "ajv";
import { LightsoutError } from "../errors.js";
import { generate, type GenerateOptions, type GenerateResult } from "./generate.js";

/** The model's answer did not parse as JSON or did not match the schema. */
export class NoObjectGeneratedError extends LightsoutError {
  /** The text the model produced. */
  readonly text: string;
  readonly reason: string;
  constructor(reason: string, text: string) {
    super("LLM_PROVIDER", `generate_object(): no object was generated: ${reason}`);
    this.name = "NoObjectGeneratedError";
    this.text = text;
    this.reason = reason;
  }
}

export interface GenerateObjectOptions extends Omit<GenerateOptions, "tools" | "responseFormat" | "maxToolRounds"> {
  /** JSON Schema of the object (root type "object" for every provider's structured output). */
  schema: Record<string, unknown>;
  /** Named to the provider (OpenAI requires a name); default "response". */
  schemaName?: string;
}

export interface GenerateObjectResult<T> extends GenerateResult {
  object: T;
}

const ajv = new Ajv({ allErrors: true, strict: false });

/** JSON text, also when a model wraps it in a ```json fence despite the format. */
function jsonText(text: string): string {
  const fenced = /^\s*```(?:json)?\s*\n([\s\S]*?)\n?```\s*$/.exec(text);
  return fenced ? fenced[1]! : text;
}

export async function generateObject<T = unknown>(options: GenerateObjectOptions): Promise<GenerateObjectResult<T>> {
  const { schema, schemaName = "response", ...rest } = options;
  const validate = ajv.compile(schema);
  const result = await generate({ ...rest, responseFormat: { type: "json_schema", jsonSchema: schema, name: schemaName, strict: true } });
  let parsed: unknown;
  try {
    parsed = JSON.parse(jsonText(result.text));
  } catch (error) {
    throw new NoObjectGeneratedError(`the answer is not JSON (${(error as Error).message})`, result.text);
  }
  if (!validate(parsed)) {
    const problems = (validate.errors ?? []).map((problem) => `${problem.instancePath || "(root)"} ${problem.message ?? "is invalid"}`).join("; ");
    throw new NoObjectGeneratedError(`the answer does not match the schema: ${problems}`, result.text);
  }
  return { ...result, object: parsed as T };
}
