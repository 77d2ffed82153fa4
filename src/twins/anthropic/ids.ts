/**
 * Deterministic identifiers in Anthropic's shapes (`msg_01...`, `toolu_01...`, `req_011C...`),
 * drawn from the tenant's seeded generator so the same seed and requests give the same ids.
 */
import { createHash } from "node:crypto";
import type { Tenant } from "../kit/index.js";
import { randomToken } from "../llm-policy/index.js";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Seeded base-62 characters, in the alphabet Anthropic's ids use. */
export const randomBase62 = (tenant: Tenant, length: number): string => randomToken(tenant, length, BASE62);

export const messageId = (tenant: Tenant): string => `msg_01${randomBase62(tenant, 22)}`;
export const toolUseId = (tenant: Tenant): string => `toolu_01${randomBase62(tenant, 22)}`;
export const requestId = (tenant: Tenant): string => `req_011C${randomBase62(tenant, 20)}`;

function thinkingDigest(tenant: Tenant, thinking: string): Buffer {
  return createHash("sha256").update(`anthropic-twin\u0000${tenant.id}\u0000${tenant.seed}\u0000${thinking}`).digest();
}

/**
 * A thinking block's signature: opaque base64 like Anthropic's, made of a digest of the thinking
 * text (so the twin can tell a block sent back unchanged from an edited or foreign one) and bytes
 * from the seeded generator.
 */
export function thinkingSignature(tenant: Tenant, thinking: string): string {
  const noise = new Uint8Array(64);
  for (let index = 0; index < noise.length; index += 1) noise[index] = Math.floor(tenant.random() * 256);
  return Buffer.concat([thinkingDigest(tenant, thinking), noise]).toString("base64");
}

/** Whether this tenant issued `signature` for exactly this thinking text. */
export function isThinkingSignature(tenant: Tenant, thinking: string, signature: string): boolean {
  const bytes = Buffer.from(signature, "base64");
  return bytes.length > 32 && bytes.subarray(0, 32).equals(thinkingDigest(tenant, thinking));
}
