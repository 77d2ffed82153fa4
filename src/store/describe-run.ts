/**
 * What a run is, in a few words, from its root record's payload: the spec or pipeline it ran and
 * its status, when the root says so. The factory decides what the root holds; these are the
 * names it is expected to use (docs/store/README.md), and anything else is simply not shown.
 */
import type { RunSummary } from "./types.js";

const SUBJECT_FIELDS = ["spec", "pipeline", "name", "goal"] as const;

export interface RunDescription {
  /** `spec hello.md`, `pipeline demo.dot`: the first of spec, pipeline, name, goal that is a string. */
  subject: string | undefined;
  status: string | undefined;
}

export function describeRun(summary: RunSummary): RunDescription {
  const payload = summary.root.payload;
  const field = SUBJECT_FIELDS.find((name) => typeof payload[name] === "string" && payload[name] !== "");
  const status = payload["status"];
  return {
    subject: field === undefined ? undefined : `${field} ${String(payload[field])}`,
    status: typeof status === "string" && status !== "" ? status : undefined,
  };
}
