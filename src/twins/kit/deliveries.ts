/**
 * Outbound deliveries (Slack Events API requests, Jira webhooks): an HTTP POST to a receiver
 * the scenario configured, recorded on the tenant whether or not it arrived. Never throws.
 */
import type { Delivery, Tenant } from "./tenant.js";
import type { Twin } from "./twin.js";

export interface OutboundRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export const DELIVERY_TIMEOUT_MS = 10_000;

/** Posts and records a delivery; returns the record and, when it arrived, the receiver's answer text. */
export async function deliverAndRead(twin: Twin, tenant: Tenant, request: OutboundRequest): Promise<{ delivery: Delivery; responseText?: string }> {
  const delivery: Delivery = { seq: tenant.deliveries.length + 1, time: tenant.now(), url: request.url, headers: request.headers, body: request.body };
  tenant.deliveries.push(delivery);
  try {
    const response = await twin.outboundFetch(request.url, {
      method: "POST",
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    delivery.status = response.status;
    // Read to the end either way, so the connection is released; handshakes need the text.
    return { delivery, responseText: await response.text().catch(() => "") };
  } catch (error) {
    delivery.error = error instanceof Error ? error.message : String(error);
    return { delivery };
  }
}

export async function deliver(twin: Twin, tenant: Tenant, request: OutboundRequest): Promise<Delivery> {
  return (await deliverAndRead(twin, tenant, request)).delivery;
}
