/**
 * Blobs are addressed by the sha256 of their bytes; a string is stored as its UTF-8 bytes, so
 * `putBlob("é")` and `putBlob(new TextEncoder().encode("é"))` name the same blob.
 */
import { createHash } from "node:crypto";
import type { BlobRef } from "./types.js";

const SHA256_PATTERN = /^[0-9a-f]{64}$/;

export function blobBytes(bytes: Uint8Array | string): Uint8Array {
  return typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes;
}

export function blobRefOf(bytes: Uint8Array): BlobRef {
  return { sha256: createHash("sha256").update(bytes).digest("hex"), size: bytes.byteLength };
}

/** True for a lowercase hex sha256, the only spelling the store uses. */
export function isSha256(value: unknown): value is string {
  return typeof value === "string" && SHA256_PATTERN.test(value);
}

/** A copy of `bytes` as a plain Uint8Array (not a Buffer, not a view on a driver's memory). */
export function plainBytes(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes);
}
