/**
 * The contract check the Docs and Sheets contract tests share: every logged response of one API
 * against Google's discovery document (2xx bodies against the method's response schema, closed)
 * and error bodies against the `{code, message, status}` shape Docs and Sheets answer with (no
 * `errors[]`, unlike Drive).
 */
import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { type DiscoveryDocument, discoveryValidator } from "../../src/twins/google-common/discovery-validator.js";
import type { RequestLogEntry } from "../../src/twins/kit/index.js";

const googleError = new Ajv({ strict: false, allErrors: true }).compile({
  type: "object",
  required: ["error"],
  additionalProperties: false,
  properties: {
    error: {
      type: "object",
      required: ["code", "message", "status"],
      additionalProperties: false,
      properties: { code: { type: "integer", minimum: 400, maximum: 599 }, message: { type: "string", minLength: 1 }, status: { type: "string", pattern: "^[A-Z_]+$" } },
    },
  },
});

/** A checker for the logged responses of the API in `discoveryFile` (`docs-v1.discovery.json`) whose methods start with `methodPrefix` (`docs.`). */
export function loggedResponseChecker(discoveryFile: string, methodPrefix: string): (entries: readonly RequestLogEntry[]) => string[] {
  const discovery = JSON.parse(readFileSync(new URL(`../../vendor/apis/google/${discoveryFile}`, import.meta.url), "utf8")) as DiscoveryDocument;
  const validator = discoveryValidator(discovery);
  return (entries) => {
    const problems: string[] = [];
    for (const entry of entries) {
      if (!entry.method.startsWith(methodPrefix)) continue;
      const found = entry.status >= 400 ? (googleError(entry.response) ? [] : (googleError.errors ?? []).map((error) => `${error.instancePath} ${error.message}`)) : validator.validateResponse(entry.method, entry.response);
      if (found.length > 0) problems.push(`${entry.httpMethod} ${entry.path} (${entry.status}): ${found.join("; ")}`);
    }
    return problems;
  };
}
