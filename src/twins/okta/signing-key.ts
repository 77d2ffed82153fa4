/**
 * The key the Okta twin signs tokens with. TEST-ONLY: this RSA private key is public (it is in
 * the source), so nothing signed with it proves anything outside a twin. It is fixed rather than
 * generated because generating RSA keys is not deterministic, and the kit's rule is that the same
 * seed and requests give byte-identical answers; RS256 (PKCS#1 v1.5) signatures are deterministic
 * given the key. Each tenant and authorization server publishes it under its own `kid`, derived
 * from the tenant and server ids. Why: docs/decisions/0120-okta-fixed-test-signing-key.md.
 */
import { type KeyObject, createHash, createPrivateKey, createPublicKey } from "node:crypto";

/** DO NOT USE OUTSIDE TESTS: a 2048-bit RSA key generated once for the twin and published here. */
const TEST_ONLY_RSA_PRIVATE_JWK = {"kty":"RSA","n":"ujOjkFKC6uAbd0VRcbsX9HdPMXaJie0szceJyEXUOBZmozl3PRBxjWlLGjb_1jM99hBdgK52ZgS0aKumNLJ7AnGCa-VFpkeJ1K8JlR2hpvvyZ9RqTu_SWYe6Q-QPLEb77EEk4hhwm441IdrsPh8p3SWjucZVyQmOZsFq0Y6RtJVa-DwDplFtcd6fsWQk1c8eq4G6GVFXAZX9VoJ9WH_27CgdHkfrZz9IpqWwaG7S5ltpeH7akTO3NE7j_kzuT9oEHaRWD2AgVD4DC9Eur9i83ACqoSYjNtPpnsZVF7SMOIBr15mijOSkUc1O3nzaroen0t7jaMEThjWVhqmxJAGJtQ","e":"AQAB","d":"AW_HdddavCIXBcK16AH7_RTUYL4SPeUKOOgIRUPB3HeFx4G4jKYDrkYVjRuUBtlpEFM15kaFhaN79EIwyD-a4qmw1yrGPXJxwVkvyOP_fL8wZcJi88sQM5GJxR86SiRREMe7sSsXNIgMGzMDqoLWJJpQyuyy4D52SA77FA6JmFvt3Zm2munrpQv22s8jM4PoCWmOvRspHGbMdNRYHMIGtj_hSsaXMjK-Qc_lOpaDWENyoGzFU1QJntfAA-LkoesyTXvXyoVf-3L_ZwvW65VlxNV-7FBrmSYV904T4GFWlMIGjjHyTVps0-F8372NA3BSjdB6z3ubrCpZLwckplxZ6Q","p":"7bLldaMFvE6MGvMzIeGWWpckis1ApfL-F5tS0CJJW7e6J5FspwbOi4kk995cQM73ZBZqvrLFp3KMK-ykCZcYFbAWwlftx-MMGR3TZm-fii9DvpP6TmgJFkwjV3NZzKXYwYuViZWB-su49ByrQRiVAuL-nUraFJWrxrPBz249YN0","q":"yIm4xSIKBfTQ6QzfA6_LVSttiXvbuekmLt_Qs-s9On4SZyGIu4j_rxaxLSTSIU3lOnr2pKp6pKnalgdT1DyAgl9nnmrWqb0FO9lDYyKfVqe-Yv8mj0k3-MRMrfmavHyNbuZhJyrpKjeFwjNwxamfuC6ptbHAcKNR9zynZJtDErk","dp":"YV1_SmF9rvXJxBxMnJtIOFFjAYwz6AYR-N-B24m_3Nb0ZNLX288Y-eUyhGnMBiwBADmCfhzCg-WS70cepmMC1ZdsqyzTVKZ3RS6HcpVUl4jmygDZbhaFamHDtEWmygJBOH6RwWrBdFbQqwW3TJHiL-2FeC66B-aLF3h4chxo_e0","dq":"NKVbOX1_LiMgOR5k6b3b3ochIYe_nmXj3UhqrOEj2NhCEosOL1V-8kM9zkEtXQrrE9g2KfKLcfEZbmuMCVq8zf0n4cHgiv0Rg6288CiltgUhiTG8uL8bD5bRHpc5lSQJqUSX2sV8ItYiqmIAyBOI17yAVy_L-oYVvZdRxqqwCBk","qi":"JSFimca6PMtaAHSipr5K0S90BivKsRLwsfnFIv8fpL1cR99uSKbs9X1OOHu-lg31FC8RrbeDKPDQzGH2b1MtWL06jBHAJAP4LxmVCBwtiw6dS1SIeA8eTaUNdmF2YWI9VcHa_vekay_Hta3Rie9X9jUr3e7JFalluNcllAok0i0"} as const;

let cached: { privateKey: KeyObject; publicKey: KeyObject } | undefined;

function keys(): { privateKey: KeyObject; publicKey: KeyObject } {
  cached ??= (() => {
    const privateKey = createPrivateKey({ key: { ...TEST_ONLY_RSA_PRIVATE_JWK }, format: "jwk" });
    return { privateKey, publicKey: createPublicKey(privateKey) };
  })();
  return cached;
}

export function signingPrivateKey(): KeyObject {
  return keys().privateKey;
}

export function signingPublicKey(): KeyObject {
  return keys().publicKey;
}

/** A kid like Okta's (43 base64url characters), stable for a tenant and authorization server. */
export function keyIdFor(tenantId: string, serverId: string): string {
  return createHash("sha256").update(`lightsout-okta-twin:${tenantId}:${serverId}`).digest("base64url");
}

/** The public JWK as `/keys` publishes it. */
export function publicJwk(kid: string): Record<string, string> {
  return { kty: "RSA", alg: "RS256", kid, use: "sig", e: TEST_ONLY_RSA_PRIVATE_JWK.e, n: TEST_ONLY_RSA_PRIVATE_JWK.n };
}
