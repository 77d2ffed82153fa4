/**
 * The factory's workspace: the one directory the agents see, kept as a git repository so every
 * iteration is a commit whose message says what changed and what the holdouts made of it
 * (ADR 0111). The holdouts must stay outside it: a workspace inside the holdout directory, or a
 * holdout directory inside the workspace, is refused before anything is created.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, realpathSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { LightsoutError, errorMessage } from "../errors.js";

/** Who the factory's commits are by: the factory, not the person who started it. */
const GIT_IDENTITY = ["-c", "user.name=Lightsout factory", "-c", "user.email=factory@lightsout.invalid", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"];

export interface PrepareWorkspaceOptions {
  workspaceDir: string;
  specPath: string;
  holdoutDir: string;
  visibleDir?: string;
}

/** The real path of `path`, or of its nearest existing ancestor joined with the rest. */
function canonical(path: string): string {
  const absolute = resolve(path);
  if (existsSync(absolute)) return realpathSync(absolute);
  const parent = dirname(absolute);
  return parent === absolute ? absolute : join(canonical(parent), absolute.slice(parent.length + (parent.endsWith(sep) ? 0 : 1)));
}

/** True when `inner` is `outer` or lies below it. */
export function isInsideOrSame(inner: string, outer: string): boolean {
  const path = relative(canonical(outer), canonical(inner));
  return path === "" || (!path.startsWith("..") && !path.startsWith(sep) && path !== "..");
}

/** Throws INPUT when the workspace and the holdouts overlap in either direction. */
export function checkHoldoutSeparation(workspaceDir: string, holdoutDir: string): void {
  if (isInsideOrSame(workspaceDir, holdoutDir)) {
    throw new LightsoutError("INPUT", `the workspace ${workspaceDir} is inside the holdout directory ${holdoutDir}: the agents would see the holdouts; choose a workspace elsewhere`);
  }
  if (isInsideOrSame(holdoutDir, workspaceDir)) {
    throw new LightsoutError("INPUT", `the holdout directory ${holdoutDir} is inside the workspace ${workspaceDir}: the agents would see the holdouts; move the holdouts out of the workspace`);
  }
}

export function git(workspaceDir: string, args: readonly string[]): string {
  try {
    return execFileSync("git", [...GIT_IDENTITY, ...args], { cwd: workspaceDir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new LightsoutError("INPUT", `git ${args[0] ?? ""} failed in ${workspaceDir}: ${stderr || errorMessage(error)}`);
  }
}

function isEmptyDirectory(path: string): boolean {
  return readdirSync(path).length === 0;
}

/**
 * Creates the workspace: git init, SPEC.md, the visible scenarios as `scenarios/`, and an initial
 * commit. A workspace that is already a repository with commits is reused as it is (a resumed run);
 * a non-empty directory that is not one is refused, so the factory never commits someone's files.
 */
export function prepareWorkspace(options: PrepareWorkspaceOptions): { created: boolean } {
  const workspaceDir = resolve(options.workspaceDir);
  checkHoldoutSeparation(workspaceDir, options.holdoutDir);
  if (options.visibleDir !== undefined && isInsideOrSame(options.holdoutDir, options.visibleDir)) {
    throw new LightsoutError("INPUT", `the holdout directory ${options.holdoutDir} is inside the visible scenarios ${options.visibleDir}, which are copied into the workspace`);
  }
  if (existsSync(join(workspaceDir, ".git")) && git(workspaceDir, ["rev-list", "--count", "--all"]).trim() !== "0") return { created: false };
  if (existsSync(workspaceDir) && (!statSync(workspaceDir).isDirectory() || !isEmptyDirectory(workspaceDir))) {
    throw new LightsoutError("INPUT", `the workspace ${workspaceDir} exists and is not empty; give an empty or new directory (--workspace)`);
  }
  mkdirSync(workspaceDir, { recursive: true });
  git(workspaceDir, ["init", "--quiet"]);
  copyFileSync(options.specPath, join(workspaceDir, "SPEC.md"));
  if (options.visibleDir !== undefined) cpSync(options.visibleDir, join(workspaceDir, "scenarios"), { recursive: true });
  git(workspaceDir, ["add", "--all"]);
  git(workspaceDir, ["commit", "--quiet", "-m", `factory: the spec${options.visibleDir !== undefined ? " and the visible scenarios" : ""}`]);
  return { created: true };
}

/** The files the iteration changed (added, modified, deleted), as git sees them against HEAD. */
export function changedFiles(workspaceDir: string): string[] {
  git(workspaceDir, ["add", "--all"]);
  return git(workspaceDir, ["diff", "--cached", "--name-only"])
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
}

/** "app.mjs, bridge.mjs and 3 more", or "no file changes". */
export function describeFiles(files: readonly string[], shown = 4): string {
  if (files.length === 0) return "no file changes";
  if (files.length <= shown) return files.join(", ");
  return `${files.slice(0, shown).join(", ")} and ${files.length - shown} more`;
}

/** The subject of HEAD's commit. */
export function headSubject(workspaceDir: string): string {
  return git(workspaceDir, ["log", "-1", "--format=%s"]).trim();
}

/**
 * Commits everything in the workspace as iteration `iteration`. Idempotent: when HEAD already is
 * this iteration's commit (an evaluation re-run after a crash), nothing new is committed.
 */
export function commitIteration(workspaceDir: string, iteration: number, summary: (files: string[]) => string): { commit: string; files: string[] } {
  const prefix = `iteration ${iteration}:`;
  if (headSubject(workspaceDir).startsWith(prefix)) {
    return { commit: git(workspaceDir, ["rev-parse", "HEAD"]).trim(), files: git(workspaceDir, ["show", "--name-only", "--format=", "HEAD"]).split("\n").filter(Boolean) };
  }
  const files = changedFiles(workspaceDir);
  git(workspaceDir, ["commit", "--quiet", "--allow-empty", "-m", `${prefix} ${summary(files)}`]);
  return { commit: git(workspaceDir, ["rev-parse", "HEAD"]).trim(), files };
}
