/**
 * Tool output truncation (spec 5.1-5.3): what the model gets of a tool's output. Characters
 * are cut first (a 2-line file of 10 MB lines is still caught), then lines for readability,
 * each with a marker saying how much went and that the full output is in the event stream.
 * The loop keeps the untruncated output for the TOOL_CALL_END event.
 */

export type TruncationMode = "head_tail" | "tail";

/** Spec 5.2 character limits by tool. */
export const DEFAULT_TOOL_CHAR_LIMITS: Readonly<Record<string, number>> = {
  read_file: 50_000,
  read_many_files: 50_000,
  shell: 30_000,
  grep: 20_000,
  glob: 20_000,
  list_dir: 20_000,
  edit_file: 10_000,
  apply_patch: 10_000,
  write_file: 1_000,
  spawn_agent: 20_000,
};

export const DEFAULT_TRUNCATION_MODES: Readonly<Record<string, TruncationMode>> = {
  read_file: "head_tail",
  read_many_files: "head_tail",
  shell: "head_tail",
  grep: "tail",
  glob: "tail",
  list_dir: "tail",
  edit_file: "tail",
  apply_patch: "tail",
  write_file: "tail",
  spawn_agent: "head_tail",
};

/** Spec 5.3 line limits (tools absent here have none). */
export const DEFAULT_TOOL_LINE_LIMITS: Readonly<Record<string, number>> = {
  shell: 256,
  grep: 200,
  glob: 500,
};

/** For tools the tables don't name (custom tools). */
export const FALLBACK_CHAR_LIMIT = 30_000;
export const FALLBACK_TRUNCATION_MODE: TruncationMode = "head_tail";

export function truncateOutput(output: string, maxChars: number, mode: TruncationMode): string {
  if (output.length <= maxChars) return output;
  const removed = output.length - maxChars;
  if (mode === "tail") {
    return (
      `[WARNING: Tool output was truncated. First ${removed} characters were removed. ` +
      "The full output is available in the event stream.]\n\n" +
      output.slice(output.length - maxChars)
    );
  }
  const head = Math.floor(maxChars / 2);
  const tail = maxChars - head;
  return (
    output.slice(0, head) +
    `\n\n[WARNING: Tool output was truncated. ${removed} characters were removed from the middle. ` +
    "The full output is available in the event stream. " +
    "If you need to see specific parts, re-run the tool with more targeted parameters.]\n\n" +
    output.slice(output.length - tail)
  );
}

export function truncateLines(output: string, maxLines: number): string {
  const lines = output.split("\n");
  if (lines.length <= maxLines) return output;
  const headCount = Math.floor(maxLines / 2);
  const tailCount = maxLines - headCount;
  const omitted = lines.length - headCount - tailCount;
  return (
    lines.slice(0, headCount).join("\n") +
    `\n[... ${omitted} lines omitted ...]\n` +
    lines.slice(lines.length - tailCount).join("\n")
  );
}

export interface TruncationConfig {
  /** SessionConfig.tool_output_limits: characters by tool name. */
  readonly toolOutputLimits?: Readonly<Record<string, number>>;
  /** SessionConfig.tool_line_limits: lines by tool name; `null` switches a default line limit off. */
  readonly toolLineLimits?: Readonly<Record<string, number | null>>;
}

/** The spec 5.3 pipeline: characters first (always), then lines where a limit applies. */
export function truncateToolOutput(output: string, toolName: string, config: TruncationConfig = {}): string {
  const maxChars = config.toolOutputLimits?.[toolName] ?? DEFAULT_TOOL_CHAR_LIMITS[toolName] ?? FALLBACK_CHAR_LIMIT;
  const mode = DEFAULT_TRUNCATION_MODES[toolName] ?? FALLBACK_TRUNCATION_MODE;
  let result = truncateOutput(output, maxChars, mode);
  const configured = config.toolLineLimits?.[toolName];
  const maxLines = configured === undefined ? DEFAULT_TOOL_LINE_LIMITS[toolName] : configured;
  if (maxLines !== undefined && maxLines !== null) result = truncateLines(result, maxLines);
  return result;
}
