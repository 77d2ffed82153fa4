import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decodeJwt, keyFromJwk, signJwt, signatureValid, verifyJwt } from "./jwt.js";
import { keyIdFor, publicJwk, signingPrivateKey, signingPublicKey } from "./signing-key.js";

const claims = { iss: "http://okta.test", aud: "api://default", exp: 2_000, sub: "alice" };
const options = { key: signingPublicKey(), issuer: "http://okta.test", audiences: ["api://default"], nowSeconds: 1_000 };

describe("RS256 tokens with the twin's test key", () => {
  it("signs deterministically, with the kid in the header", () => {
    const token = signJwt(claims, signingPrivateKey(), "kid-1");
    expect(signJwt(claims, signingPrivateKey(), "kid-1")).toBe(token);
    expect(decodeJwt(token)?.header).toEqual({ kid: "kid-1", alg: "RS256" });
    expect(verifyJwt(token, options)).toEqual({ claims });
  });

  it("refuses a wrong issuer, audience, an expired token, a tampered one and garbage", () => {
    const token = signJwt(claims, signingPrivateKey(), "kid-1");
    expect(verifyJwt(token, { ...options, issuer: "http://other.test" })).toEqual({ error: "the issuer is not http://other.test" });
    expect(verifyJwt(token, { ...options, audiences: ["api://payments"] })).toEqual({ error: "the audience is not accepted" });
    expect(verifyJwt(token, { ...options, nowSeconds: 2_000 })).toEqual({ error: "the token is expired" });
    const [header, , signature] = token.split(".");
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: "mallory" })).toString("base64url")}.${signature}`;
    expect(verifyJwt(forged, options)).toEqual({ error: "the signature is invalid" });
    expect(verifyJwt("not.a.jwt!", options)).toEqual({ error: "the token is not a JWT" });
  });

  it("checks client assertions against a registered public JWK", () => {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const assertion = decodeJwt(signJwt({ iss: "client" }, privateKey, "client-key"))!;
    expect(signatureValid(assertion, keyFromJwk(publicKey.export({ format: "jwk" }))!)).toBe(true);
    expect(signatureValid(assertion, keyFromJwk(publicJwk("x"))!)).toBe(false);
    expect(keyFromJwk({ kty: "EC" })).toBeUndefined();
  });

  it("derives a stable kid per tenant and server", () => {
    expect(keyIdFor("t1", "default")).toBe(keyIdFor("t1", "default"));
    expect(keyIdFor("t1", "default")).toMatch(/^[\w-]{43}$/);
    expect(new Set([keyIdFor("t1", "default"), keyIdFor("t2", "default"), keyIdFor("t1", "org")]).size).toBe(3);
  });
});
