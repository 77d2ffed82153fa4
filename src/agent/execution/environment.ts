/**
 * The ExecutionEnvironment contract (coding-agent-loop-spec 4.1): every tool reaches files,
 * commands and searches only through this interface, so the same tools run locally, in a
 * bubblewrap sandbox, or anywhere else a consumer implements it.
 *
 * Paths given to any method may be relative (resolved against `workingDirectory()`) or absolute.
 * Expected failures (file not found, not a file) are thrown as `ExecutionError` with a `kind`;
 * the tool layer turns them into error results for the model.
 */

export interface ExecOptions {
  /** Wall-clock limit; on expiry the process group gets SIGTERM, then SIGKILL after 2 s. */
  readonly timeoutMs?: number;
  /** Directory the command runs in (relative to the working directory, or absolute). */
  readonly workingDir?: string;
  /** Extra variables for this command only; they are added after filtering, so they always reach it. */
  readonly envVars?: Readonly<Record<string, string>>;
  /** Aborting kills the process group like a timeout does (result has `aborted: true`). */
  readonly signal?: AbortSignal;
  /**
   * Called with each chunk of output as the command writes it (UTF-8, never split inside a
   * character), so a host can show a long build live; the result still carries all of it.
   */
  readonly onOutput?: (chunk: OutputChunk) => void;
}

/** A piece of a running command's output. */
export interface OutputChunk {
  readonly stream: "stdout" | "stderr";
  readonly text: string;
}

export interface ExecResult {
  readonly stdout: string;
  readonly stderr: string;
  /** The exit code; when killed by a signal, 128 + signal number (bash convention). */
  readonly exitCode: number;
  readonly timedOut: boolean;
  readonly durationMs: number;
  /** True when the command was killed because `signal` aborted. */
  readonly aborted?: boolean;
}

export interface DirEntry {
  /** Path relative to the listed directory, `/`-separated (so depth > 1 entries are unambiguous). */
  readonly name: string;
  readonly isDir: boolean;
  /** Size in bytes for files; undefined for directories. */
  readonly size?: number;
}

export interface ReadFileOptions {
  /** 1-based first line to return. */
  readonly offset?: number;
  /** Maximum number of lines to return. */
  readonly limit?: number;
}

export type GrepOutputMode = "content" | "files_with_matches" | "count";

export interface GrepOptions {
  /** File-name glob filter, e.g. `*.ts` or `**\/*.py`. */
  readonly globFilter?: string;
  readonly caseInsensitive?: boolean;
  /** Maximum matching lines (content mode) or files (other modes); default 100. */
  readonly maxResults?: number;
  /** Default `content`: `path:line:text` per match. */
  readonly outputMode?: GrepOutputMode;
}

export type ExecutionErrorKind =
  | "NOT_FOUND"
  | "NOT_A_FILE"
  | "NOT_A_DIRECTORY"
  | "PERMISSION_DENIED"
  | "BINARY_FILE"
  | "INVALID_PATTERN"
  | "OUTSIDE_WORKSPACE"
  | "IO";

/** An expected failure of an environment operation; its message is meant for the model. */
export class ExecutionError extends Error {
  readonly kind: ExecutionErrorKind;
  constructor(kind: ExecutionErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ExecutionError";
    this.kind = kind;
  }
}

export interface ExecutionEnvironment {
  // File operations
  /** The file's text (UTF-8); with offset/limit, only those lines (joined by `\n`). */
  readFile(path: string, options?: ReadFileOptions): Promise<string>;
  /** Writes the whole file, creating parent directories. */
  writeFile(path: string, content: string): Promise<void>;
  /** Removes a file (used by apply_patch's Delete File and Move to). */
  deleteFile(path: string): Promise<void>;
  fileExists(path: string): Promise<boolean>;
  /** Entries under `path` down to `depth` levels (1 = direct children), sorted by name. */
  listDirectory(path: string, depth?: number): Promise<DirEntry[]>;

  // Command execution
  execCommand(command: string, options?: ExecOptions): Promise<ExecResult>;

  // Search operations
  /** Matches as text (`path:line:text` lines in content mode); empty string when nothing matches. */
  grep(pattern: string, path: string | undefined, options?: GrepOptions): Promise<string>;
  /** Matching file paths, newest modification first. Relative to the working directory when inside it. */
  glob(pattern: string, path?: string): Promise<string[]>;

  // Lifecycle
  initialize(): Promise<void>;
  cleanup(): Promise<void>;

  // Metadata
  workingDirectory(): string;
  /** "darwin" | "linux" | "windows" | "wasm" (or another platform name). */
  platform(): string;
  osVersion(): string;
}
