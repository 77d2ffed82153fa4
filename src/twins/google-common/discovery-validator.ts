/**
 * Checks a JSON answer against a Google API Discovery document (`vendor/apis/google/*.discovery.json`),
 * the description the official clients are generated from. Discovery schemas are close to JSON
 * Schema but not quite: `$ref` names a schema (`"File"`), `type: "any"` means anything, and
 * formats such as `int64` or `google-datetime` are Google's. This turns them into JSON Schema once
 * and compiles them with ajv, so a contract test can ask "is this a valid `drive.files.get`
 * answer?" for Drive, Docs and Sheets alike.
 *
 * Objects are closed by default (`closed: true`): a twin must not invent fields the vendor does
 * not describe, and a typo in a field name is exactly what this should catch. Schemas with their
 * own `additionalProperties` (maps) keep it.
 */
import { Ajv, type ValidateFunction } from "ajv";

interface DiscoverySchema {
  id?: string;
  type?: string;
  $ref?: string;
  format?: string;
  enum?: string[];
  items?: DiscoverySchema;
  properties?: Record<string, DiscoverySchema>;
  additionalProperties?: DiscoverySchema | boolean;
}

interface DiscoveryMethod {
  id: string;
  httpMethod: string;
  path: string;
  response?: { $ref: string };
  request?: { $ref: string };
  scopes?: string[];
}

interface DiscoveryResource {
  methods?: Record<string, DiscoveryMethod>;
  resources?: Record<string, DiscoveryResource>;
}

export interface DiscoveryDocument extends DiscoveryResource {
  name: string;
  version: string;
  schemas: Record<string, DiscoverySchema>;
}

export interface DiscoveryValidator {
  /** Every method the document describes, by id (`drive.files.list`). */
  readonly methods: ReadonlyMap<string, DiscoveryMethod>;
  /**
   * Problems of `body` as the answer of `methodId` (ajv's messages with JSON pointers), an empty
   * list when it is valid. A method without a response schema accepts only an empty body.
   * Throws for a method the document does not describe (a mistake in the test, not the twin).
   */
  validateResponse(methodId: string, body: unknown): string[];
  /** Problems of `body` as an instance of the named schema (`File`, `Permission`). */
  validateSchema(schemaName: string, body: unknown): string[];
}

export interface DiscoveryValidatorOptions {
  /** Refuse properties a schema does not list (default true). */
  closed?: boolean;
}

/** Every method of a document, depth first, keyed by id. */
export function discoveryMethods(document: DiscoveryResource): Map<string, DiscoveryMethod> {
  const methods = new Map<string, DiscoveryMethod>();
  const walk = (resource: DiscoveryResource): void => {
    for (const method of Object.values(resource.methods ?? {})) methods.set(method.id, method);
    for (const child of Object.values(resource.resources ?? {})) walk(child);
  };
  walk(document);
  return methods;
}

function toJsonSchema(schema: DiscoverySchema, closed: boolean): Record<string, unknown> {
  if (schema.$ref !== undefined) return { $ref: `#/definitions/${schema.$ref}` };
  const result: Record<string, unknown> = {};
  switch (schema.type) {
    case "any":
    case undefined:
      break;
    case "integer":
      result.type = "integer";
      break;
    case "string":
      result.type = "string";
      if (schema.enum) result.enum = schema.enum;
      // int64/uint64 are strings in JSON; their digits are checked, other formats are Google's notes.
      if (schema.format === "int64") result.pattern = "^-?[0-9]+$";
      if (schema.format === "uint64") result.pattern = "^[0-9]+$";
      if (schema.format === "date-time" || schema.format === "google-datetime") result.pattern = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$";
      break;
    default:
      result.type = schema.type;
  }
  if (schema.items) result.items = toJsonSchema(schema.items, closed);
  if (schema.properties) {
    result.properties = Object.fromEntries(Object.entries(schema.properties).map(([name, property]) => [name, toJsonSchema(property, closed)]));
  }
  if (schema.additionalProperties !== undefined) {
    result.additionalProperties = typeof schema.additionalProperties === "boolean" ? schema.additionalProperties : toJsonSchema(schema.additionalProperties, closed);
  } else if (closed && schema.type === "object" && schema.properties) {
    result.additionalProperties = false;
  }
  return result;
}

function messagesOf(validate: ValidateFunction): string[] {
  return (validate.errors ?? []).map((error) => `${error.instancePath || "/"} ${error.message ?? "is invalid"}${error.keyword === "additionalProperties" ? ` (${String((error.params as { additionalProperty?: string }).additionalProperty)})` : ""}`);
}

export function discoveryValidator(document: DiscoveryDocument, { closed = true }: DiscoveryValidatorOptions = {}): DiscoveryValidator {
  const methods = discoveryMethods(document);
  const definitions = Object.fromEntries(Object.entries(document.schemas).map(([name, schema]) => [name, toJsonSchema(schema, closed)]));
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addSchema({ $id: "discovery", definitions });
  const compiled = new Map<string, ValidateFunction>();
  const validatorOf = (schemaName: string): ValidateFunction => {
    let validate = compiled.get(schemaName);
    if (!validate) {
      if (!(schemaName in document.schemas)) throw new Error(`${document.name} ${document.version} has no schema ${schemaName}`);
      validate = ajv.compile({ $ref: `discovery#/definitions/${schemaName}` });
      compiled.set(schemaName, validate);
    }
    return validate;
  };
  const validateSchema = (schemaName: string, body: unknown): string[] => {
    const validate = validatorOf(schemaName);
    return validate(body) ? [] : messagesOf(validate);
  };
  return {
    methods,
    validateSchema,
    validateResponse(methodId, body) {
      const method = methods.get(methodId);
      if (!method) throw new Error(`${document.name} ${document.version} has no method ${methodId}`);
      if (!method.response) return body === undefined || body === "" ? [] : [`/ ${methodId} answers no body, got ${typeof body}`];
      return validateSchema(method.response.$ref, body);
    },
  };
}
