/**
 * The apply_patch tool (spec 3.4, Appendix A): the OpenAI profile's way to create, delete,
 * update and rename files, in the v4a format codex-family models are trained on.
 */
import { applyPatchOperations, PatchApplyError, summarizeChanges } from "./apply-patch-applier.js";
import { parsePatch, PatchParseError } from "./apply-patch-parser.js";
import type { ExecutionEnvironment } from "../execution/environment.js";
import { ToolError, type RegisteredTool } from "./registry.js";

export const APPLY_PATCH_DESCRIPTION = `Apply code changes using the patch format. Supports creating, deleting, and modifying files in a single operation.
The patch must look like this (paths relative to the working directory):
*** Begin Patch
*** Add File: path/new_file.py
+line of the new file
*** Delete File: path/old_file.py
*** Update File: path/existing.py
*** Move to: path/renamed.py      (optional)
@@ def some_function():          (a line near the change, optional)
 context line (space prefix, unchanged)
-removed line
+added line
*** End Patch
Show about 3 lines of context above and below each change; use several @@ hunks for several changes in one file.`;

/** Parses and applies a v4a patch; returns the summary, throws ToolError with the parse or match failure. */
export async function applyPatch(patch: string, env: ExecutionEnvironment): Promise<string> {
  try {
    const operations = parsePatch(patch);
    return summarizeChanges(await applyPatchOperations(operations, env));
  } catch (error) {
    if (error instanceof PatchParseError || error instanceof PatchApplyError) throw new ToolError(error.message);
    throw error;
  }
}

export function createApplyPatchTool(): RegisteredTool {
  return {
    definition: {
      name: "apply_patch",
      description: APPLY_PATCH_DESCRIPTION,
      parameters: {
        type: "object",
        properties: { patch: { type: "string", description: "The patch content in v4a format." } },
        required: ["patch"],
        additionalProperties: false,
      },
    },
    executor: (args, env) => applyPatch(args["patch"] as string, env),
  };
}
