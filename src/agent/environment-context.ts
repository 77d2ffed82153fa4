/**
 * The environment context block (coding-agent-loop-spec 6.3) and the git snapshot (6.4) that
 * go into every system prompt. Git is asked once, at session start, through the execution
 * environment (so a sandboxed session sees the sandbox's repository), in one command.
 */
import type { ExecutionEnvironment } from "./execution/environment.js";

export interface GitSnapshot {
  readonly root: string;
  readonly branch: string;
  readonly modifiedCount: number;
  readonly untrackedCount: number;
  /** `<short hash> <subject>` lines, newest first. */
  readonly recentCommits: readonly string[];
}

const SECTION = "@@lightsout-git@@";

/** The repository state, or undefined when the working directory is not in a git repository. */
export async function snapshotGit(environment: ExecutionEnvironment, recentCommitCount = 8): Promise<GitSnapshot | undefined> {
  const script = [
    "git rev-parse --show-toplevel 2>/dev/null || exit 3",
    `echo ${SECTION}`,
    "git branch --show-current 2>/dev/null",
    `echo ${SECTION}`,
    "git status --porcelain 2>/dev/null",
    `echo ${SECTION}`,
    `git log --oneline -n ${recentCommitCount} 2>/dev/null`,
    "true",
  ].join("; ");
  let result;
  try {
    result = await environment.execCommand(script, { timeoutMs: 5_000 });
  } catch {
    return undefined;
  }
  if (result.exitCode !== 0 || result.timedOut) return undefined;
  const [rootPart = "", branchPart = "", statusPart = "", logPart = ""] = result.stdout.split(`${SECTION}\n`);
  const root = rootPart.trim();
  if (root === "") return undefined;
  const statusLines = nonEmptyLines(statusPart);
  return {
    root,
    branch: branchPart.trim() || "(detached HEAD)",
    modifiedCount: statusLines.filter((line) => !line.startsWith("??")).length,
    untrackedCount: statusLines.filter((line) => line.startsWith("??")).length,
    recentCommits: nonEmptyLines(logPart),
  };
}

export interface EnvironmentContextInput {
  readonly workingDirectory: string;
  readonly platform: string;
  readonly osVersion: string;
  readonly model: string;
  readonly date: Date;
  readonly git: GitSnapshot | undefined;
  readonly knowledgeCutoff?: string;
}

/** The `<environment>` block followed by a short git summary when in a repository. */
export function formatEnvironmentContext(input: EnvironmentContextInput): string {
  const lines = [
    "<environment>",
    `Working directory: ${input.workingDirectory}`,
    `Is git repository: ${input.git !== undefined}`,
    ...(input.git ? [`Git branch: ${input.git.branch}`] : []),
    `Platform: ${input.platform}`,
    `OS version: ${input.osVersion}`,
    `Today's date: ${input.date.toISOString().slice(0, 10)}`,
    `Model: ${input.model}`,
    ...(input.knowledgeCutoff ? [`Knowledge cutoff: ${input.knowledgeCutoff}`] : []),
    "</environment>",
  ];
  if (input.git) {
    lines.push(
      "<git>",
      `Status: ${input.git.modifiedCount} modified, ${input.git.untrackedCount} untracked`,
      ...(input.git.recentCommits.length > 0 ? ["Recent commits:", ...input.git.recentCommits.map((commit) => `  ${commit}`)] : []),
      "</git>",
    );
  }
  return lines.join("\n");
}

/** Snapshots git and formats the block for this environment and model. */
export async function buildEnvironmentContext(
  environment: ExecutionEnvironment,
  model: string,
  { now = () => new Date(), knowledgeCutoff }: { now?: () => Date; knowledgeCutoff?: string } = {},
): Promise<{ text: string; git: GitSnapshot | undefined }> {
  const git = await snapshotGit(environment);
  const text = formatEnvironmentContext({
    workingDirectory: environment.workingDirectory(),
    platform: environment.platform(),
    osVersion: environment.osVersion(),
    model,
    date: now(),
    git,
    ...(knowledgeCutoff !== undefined ? { knowledgeCutoff } : {}),
  });
  return { text, git };
}

function nonEmptyLines(text: string): string[] {
  return text.split("\n").filter((line) => line.trim() !== "");
}
