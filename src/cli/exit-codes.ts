/**
 * The exit codes of every `lightsout` command, one meaning each, so scripts and CI can tell
 * "the pipeline failed" (worth retrying or fixing the pipeline's work) from "the command was
 * wrong" (fix the invocation or the file) from "you stopped it" (resume it).
 */
export const ExitCode = {
  /** The pipeline succeeded; the file is valid. */
  success: 0,
  /** The pipeline failed; `validate` found errors. */
  failure: 1,
  /** A usage or input error: bad option, unreadable file, malformed DOT, invalid graph, bad checkpoint. */
  usage: 2,
  /** A bug in lightsout (BSD sysexits EX_SOFTWARE). */
  internal: 70,
  /** The run was interrupted (SIGINT or SIGTERM) and can be resumed: 128 + SIGINT, as shells report it. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
