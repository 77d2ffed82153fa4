/**
 * The record of one parallel branch, as the parallel handler stores them under the context key
 * `parallel.results` and the fan-in handler reads them (spec 4.8, 4.9).
 */
import { isStageStatus, STAGE_STATUSES, type StageStatus } from "../outcome.js";

export const PARALLEL_RESULTS_KEY = "parallel.results";

export interface ParallelResultRecord {
  /** The branch: the id of its first node. */
  id: string;
  status: StageStatus;
  /** Higher is better; ranks branches of equal status. */
  score?: number;
  notes?: string;
  /** The context updates of the branch, which a fan-in may adopt from its winner. */
  contextUpdates?: Record<string, unknown>;
}

/**
 * Reads `parallel.results` from a context value: the array itself or its JSON text (as a
 * checkpoint or an external tool may hold it). Returns a message instead of throwing when the
 * value is not a list of records.
 */
export function parseParallelResults(value: unknown): ParallelResultRecord[] | { error: string } {
  let list: unknown = value;
  if (typeof value === "string") {
    try {
      list = JSON.parse(value);
    } catch {
      return { error: `${PARALLEL_RESULTS_KEY} is a string that is not JSON` };
    }
  }
  if (!Array.isArray(list)) return { error: `${PARALLEL_RESULTS_KEY} must be an array of branch results, got ${list === null ? "null" : typeof list}` };
  const records: ParallelResultRecord[] = [];
  for (const [index, item] of list.entries()) {
    const problem = describeRecordProblem(item);
    if (problem) return { error: `${PARALLEL_RESULTS_KEY}[${index}] ${problem}` };
    records.push(item as ParallelResultRecord);
  }
  return records;
}

function describeRecordProblem(item: unknown): string | undefined {
  if (typeof item !== "object" || item === null || Array.isArray(item)) return "must be an object";
  const record = item as Record<string, unknown>;
  if (typeof record["id"] !== "string" || record["id"] === "") return 'must have a non-empty string "id"';
  if (!isStageStatus(record["status"])) return `has status ${JSON.stringify(record["status"])}; expected one of ${STAGE_STATUSES.join(", ")}`;
  if (record["score"] !== undefined && (typeof record["score"] !== "number" || Number.isNaN(record["score"]))) return '"score" must be a number';
  if (record["notes"] !== undefined && typeof record["notes"] !== "string") return '"notes" must be a string';
  const updates = record["contextUpdates"];
  if (updates !== undefined && (typeof updates !== "object" || updates === null || Array.isArray(updates))) return '"contextUpdates" must be an object';
  return undefined;
}
