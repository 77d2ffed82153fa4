/**
 * Compact JWS (RS256) with node:crypto: signing the twin's tokens, and checking tokens and client
 * assertions. Expected failures are data (`{ error }`), because a bad token is an everyday answer
 * (401, `invalid_token`, `active: false`), not an exception.
 */
import { type KeyObject, createPublicKey, sign, verify } from "node:crypto";

export type Claims = Record<string, unknown>;

export interface DecodedJwt {
  header: Record<string, unknown>;
  claims: Claims;
  signingInput: string;
  signature: Buffer;
}

const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString("base64url");

export function signJwt(claims: Claims, key: KeyObject, kid: string): string {
  const signingInput = `${encode({ kid, alg: "RS256" })}.${encode(claims)}`;
  const signature = sign("sha256", Buffer.from(signingInput), key);
  return `${signingInput}.${signature.toString("base64url")}`;
}

function parseSegment(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The parts of a compact JWS, or undefined when it is not one. */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split(".");
  if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]*$/.test(part))) return undefined;
  const header = parseSegment(parts[0]!);
  const claims = parseSegment(parts[1]!);
  if (!header || !claims) return undefined;
  return { header, claims, signingInput: `${parts[0]}.${parts[1]}`, signature: Buffer.from(parts[2]!, "base64url") };
}

export function signatureValid(decoded: DecodedJwt, key: KeyObject): boolean {
  const alg = decoded.header["alg"];
  if (alg !== "RS256") return false;
  try {
    return verify("sha256", Buffer.from(decoded.signingInput), key, decoded.signature);
  } catch {
    return false;
  }
}

/** A public key from a JWK a client registered (RSA only), or undefined when it is not usable. */
export function keyFromJwk(jwk: unknown): KeyObject | undefined {
  if (typeof jwk !== "object" || jwk === null) return undefined;
  const { kty, n, e } = jwk as Record<string, unknown>;
  if (kty !== "RSA" || typeof n !== "string" || typeof e !== "string") return undefined;
  try {
    return createPublicKey({ key: { kty, n, e }, format: "jwk" });
  } catch {
    return undefined;
  }
}

export interface VerifyOptions {
  key: KeyObject;
  issuer: string;
  /** Accepted audiences; a token's `aud` (string or array) must hold one. */
  audiences: string[];
  /** Virtual now, in seconds. */
  nowSeconds: number;
}

/** Claims of a valid token, or why it is not valid. */
export function verifyJwt(token: string, options: VerifyOptions): { claims: Claims } | { error: string } {
  const decoded = decodeJwt(token);
  if (!decoded) return { error: "the token is not a JWT" };
  if (!signatureValid(decoded, options.key)) return { error: "the signature is invalid" };
  const { claims } = decoded;
  if (claims["iss"] !== options.issuer) return { error: `the issuer is not ${options.issuer}` };
  const audience = claims["aud"];
  const audiences = Array.isArray(audience) ? audience : [audience];
  if (!audiences.some((value) => typeof value === "string" && options.audiences.includes(value))) return { error: "the audience is not accepted" };
  const exp = claims["exp"];
  if (typeof exp !== "number" || exp <= options.nowSeconds) return { error: "the token is expired" };
  return { claims };
}
