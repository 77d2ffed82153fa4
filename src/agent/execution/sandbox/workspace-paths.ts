/**
 * Confinement of the sandbox environment's file operations to the workspace. The host process
 * does the reading and writing, so every path is resolved to its real path (symlinks followed,
 * `..` collapsed) and refused when that lands outside the workspace: an agent that plants a
 * symlink to a holdout in its workspace gets OUTSIDE_WORKSPACE, not the holdout. The environment
 * runs file operations only while no sandboxed command runs, so no symlink can be swapped in
 * between this check and the read (see phase-lock.ts).
 */
import { readlink, realpath } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve, sep, basename } from "node:path";
import { ExecutionError } from "../environment.js";

export function isInside(root: string, absolute: string): boolean {
  const rel = relative(root, absolute);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
}

function outside(shown: string, root: string): ExecutionError {
  return new ExecutionError("OUTSIDE_WORKSPACE", `Path "${shown}" is outside the workspace ${root}; the sandbox exposes nothing else.`);
}

/**
 * The real path of an existing `path` (relative to `root`, or absolute) when it lies inside the
 * real workspace `root`; NOT_FOUND when it does not exist, OUTSIDE_WORKSPACE when it escapes.
 */
export async function confineExisting(root: string, path: string): Promise<string> {
  const absolute = resolve(root, path);
  if (!isInside(root, absolute)) throw outside(path, root);
  let real: string;
  try {
    real = await realpath(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") {
      // A dangling symlink whose target is outside must not be told apart from a missing file
      // by its message, but it still must not be reported as inside: check the parent.
      await confineForWrite(root, path);
      throw new ExecutionError("NOT_FOUND", `File not found: ${path}`);
    }
    throw new ExecutionError("IO", `${path}: ${(error as Error).message}`);
  }
  if (!isInside(root, real)) throw outside(path, root);
  return real;
}

/**
 * Where a write to `path` lands: the real path of its deepest existing ancestor, inside the
 * workspace, joined with the parts still to be created (or the real target of an existing file).
 */
export async function confineForWrite(root: string, path: string, depth = 0): Promise<string> {
  const absolute = resolve(root, path);
  if (!isInside(root, absolute) || depth > 40) throw outside(path, root);
  const missing: string[] = [];
  let current = absolute;
  for (;;) {
    try {
      const real = await realpath(current);
      if (!isInside(root, real)) throw outside(path, root);
      return missing.length === 0 ? real : join(real, ...missing.reverse());
    } catch (error) {
      if (error instanceof ExecutionError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== "ENOENT" && code !== "ENOTDIR") throw new ExecutionError("IO", `${path}: ${(error as Error).message}`);
      const parent = dirname(current);
      if (parent === current) throw outside(path, root);
      // A dangling symlink would be followed by the write: confine where it points instead.
      const link = await readlink(current).catch(() => undefined);
      if (link !== undefined) {
        const target = join(resolve(parent, link), ...missing.reverse());
        if (!isInside(root, resolve(target))) throw outside(path, root);
        return confineForWrite(root, target, depth + 1);
      }
      missing.push(basename(current));
      current = parent;
    }
  }
}
