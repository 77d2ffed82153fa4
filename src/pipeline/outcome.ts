/** The result of executing one node (spec 5.2). Expected failures are outcomes, not exceptions. */

export const STAGE_STATUSES = ["success", "partial_success", "retry", "fail", "skipped"] as const;
export type StageStatus = (typeof STAGE_STATUSES)[number];

export interface Outcome {
  status: StageStatus;
  preferredLabel?: string;
  suggestedNextIds?: string[];
  contextUpdates?: Record<string, unknown>;
  notes?: string;
  failureReason?: string;
  /**
   * Engine extension, not part of the status-file contract: continue at this node instead of
   * selecting an outgoing edge. The parallel handler uses it to resume at its fan-in node.
   */
  jumpTo?: string;
}

export function isStageStatus(value: unknown): value is StageStatus {
  return typeof value === "string" && (STAGE_STATUSES as readonly string[]).includes(value);
}

export function isSuccessful(status: StageStatus): boolean {
  return status === "success" || status === "partial_success";
}

export const success = (fields: Omit<Outcome, "status"> = {}): Outcome => ({ status: "success", ...fields });
export const fail = (failureReason: string, fields: Omit<Outcome, "status" | "failureReason"> = {}): Outcome => ({
  status: "fail",
  failureReason,
  ...fields,
});
