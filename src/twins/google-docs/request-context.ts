/**
 * What every batchUpdate request handler of the Docs twin works with: the working copy of the
 * document's units and lists, the outcome type (a reply, or the reason Google would give), and
 * small readers of request fields.
 */
import type { ListRecord, Unit } from "./model.js";

export type Json = Record<string, unknown>;

export interface Working {
  units: Unit[];
  lists: Record<string, ListRecord>;
  /** updateDocumentStyle's fields over the defaults. */
  documentStyle: Record<string, unknown>;
  nextListId: () => string;
}

/** A reply (`{}` for requests that have none) or the reason the request is refused. */
export type Outcome = { reply: Json } | { error: string };

export function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function integer(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value === "string" && /^-?\d+$/.test(value)) return Number(value);
  return undefined;
}

export interface Range {
  start: number;
  end: number;
}
