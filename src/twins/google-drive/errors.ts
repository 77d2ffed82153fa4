/** Drive v3's error answers, in Google's shape, with Drive's own reasons and wording. */
import { googleError } from "../google-common/errors.js";

const parameter = (location: string) => ({ location, locationType: "parameter" });

export function fileNotFound(fileId: string): Response {
  return googleError({ code: 404, message: `File not found: ${fileId}.`, reason: "notFound", ...parameter("fileId") });
}

export function permissionNotFound(permissionId: string): Response {
  return googleError({ code: 404, message: `Permission not found: ${permissionId}.`, reason: "notFound", ...parameter("permissionId") });
}

export function revisionNotFound(revisionId: string): Response {
  return googleError({ code: 404, message: `Revision not found: ${revisionId}.`, reason: "notFound", ...parameter("revisionId") });
}

/** A parameter Drive could not read: its answer names the parameter and says no more. */
export function invalidValue(location: string, message = "Invalid Value"): Response {
  return googleError({ code: 400, message, reason: "invalid", ...parameter(location) });
}

export function requiredParameter(location: string): Response {
  return googleError({ code: 400, message: `Required parameter: ${location}`, reason: "required", ...parameter(location) });
}

export function invalidFieldSelection(message: string): Response {
  return googleError({ code: 400, message, reason: "invalidParameter", ...parameter("fields") });
}

export function badRequest(message: string, location?: string): Response {
  return googleError({ code: 400, message, reason: "badRequest", ...(location ? parameter(location) : {}) });
}

export function parseError(): Response {
  return googleError({ code: 400, message: "Parse Error", reason: "parseError" });
}

export function insufficientFilePermissions(): Response {
  return googleError({ code: 403, message: "The user does not have sufficient permissions for this file.", reason: "insufficientFilePermissions" });
}

export function fieldNotWritable(field: string): Response {
  return googleError({ code: 403, message: `The resource body includes fields which are not directly writable: ${field}`, reason: "fieldNotWritable" });
}

export function fileNotDownloadable(): Response {
  return googleError({ code: 403, message: "Only files with binary content can be downloaded. Use Export with Docs Editors files.", reason: "fileNotDownloadable", ...parameter("alt") });
}

export function fileNotExportable(): Response {
  return googleError({ code: 403, message: "Export only supports Docs Editors files.", reason: "fileNotExportable" });
}

export function conversionNotSupported(): Response {
  return googleError({ code: 400, message: "The requested conversion is not supported.", reason: "badRequest", ...parameter("convertTo") });
}

export function methodNotFound(): Response {
  return googleError({ code: 404, message: "Method not found.", reason: "notFound" });
}

/** A token without a scope the method needs (Google's wording). */
export function insufficientScopes(): Response {
  return googleError({ code: 403, message: "Request had insufficient authentication scopes.", reason: "insufficientPermissions", domain: "global" });
}
