/**
 * OpenAI-looking ids from the tenant's seeded generator: `resp_`, `msg_`, `fc_`, `rs_` and 48 hex
 * digits, `call_` and 24 letters and digits, `chatcmpl-` and 29: the same seed and requests give
 * the same ids.
 */
import type { Tenant } from "../kit/index.js";
import { randomToken } from "./auth.js";

const HEX = "0123456789abcdef";

export function itemId(tenant: Tenant, prefix: "resp" | "msg" | "fc" | "rs"): string {
  return `${prefix}_${randomToken(tenant, 48, HEX)}`;
}

export function callId(tenant: Tenant): string {
  return `call_${randomToken(tenant, 24)}`;
}

export function completionId(tenant: Tenant): string {
  return `chatcmpl-${randomToken(tenant, 29)}`;
}

export function requestId(tenant: Tenant): string {
  return `req_${randomToken(tenant, 32, HEX)}`;
}
