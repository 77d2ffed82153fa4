/** What a Drive handler gets: the kit's context, the authenticated caller and the route's parameters. */
import type { GoogleCaller } from "../google-common/caller.js";
import { type PermissionRole, roleAtLeast } from "../google-common/file-access.js";
import type { FieldMask } from "../google-common/fields.js";
import { type Tenant, type TenantState, type TwinContext, jsonResponse } from "../kit/index.js";
import { fileNotFound, insufficientFilePermissions } from "./errors.js";
import { type VisibleFile, visibleFile } from "./model.js";
import { type ResourceShape, fieldMaskFor, renderWith } from "./render.js";

/**
 * Turns a Google file's content into an export format, or undefined when the format is not one
 * it makes. Docs and Sheets supply theirs (`exportDocument`, `exportSpreadsheet`): the content
 * lives with them.
 */
export type Exporter = (state: TenantState, fileId: string, mimeType: string) => { body: string | Uint8Array; contentType: string } | undefined;

/**
 * Gives a copied Google file its content: the source's document or sheets stored under the
 * copy's id. Drive holds only the file record; the content lives with Docs and Sheets, so
 * `files.copy` of a Doc or Sheet without one would open empty.
 */
export type Copier = (state: TenantState, sourceId: string, targetId: string) => TenantState;

export interface DriveOptions {
  /** Exporters by Google mimeType (`application/vnd.google-apps.document`). */
  exporters?: Readonly<Record<string, Exporter>>;
  /** Content copiers by Google mimeType, used by `files.copy` (`copyDocument`, `copySpreadsheet`). */
  copiers?: Readonly<Record<string, Copier>>;
}

export interface DriveRequest {
  context: TwinContext;
  tenant: Tenant;
  caller: GoogleCaller;
  /** The caller's email, lower case. */
  email: string;
  query: URLSearchParams;
  baseUrl: string;
  options: DriveOptions;
}

/** The file if the caller has at least `role` on it; else Drive's 404 (not shared) or 403. */
export function fileFor(request: DriveRequest, fileId: string, role: PermissionRole = "reader"): VisibleFile | Response {
  const visible = visibleFile(request.tenant.state, fileId, request.email);
  if (!visible) return fileNotFound(fileId);
  if (!roleAtLeast(visible.role, role)) return insufficientFilePermissions();
  return visible;
}

/** A JSON answer trimmed to the request's `fields` (or the shape's defaults). */
export function answer(request: DriveRequest, resource: unknown, shape: ResourceShape, status = 200): Response {
  const mask = maskFor(request, shape);
  if (mask instanceof Response) return mask;
  return jsonResponse(renderWith(resource, mask), status);
}

export function maskFor(request: DriveRequest, shape: ResourceShape): FieldMask | Response {
  return fieldMaskFor(request.query.get("fields"), shape);
}

/** A body field as a plain object, or undefined; JSON bodies only. */
export function bodyObject(request: DriveRequest): Record<string, unknown> {
  const body = request.context.body;
  return typeof body === "object" && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

export function booleanParameter(query: URLSearchParams, name: string): boolean {
  return query.get(name) === "true";
}
