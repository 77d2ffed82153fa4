/**
 * Layered system prompt construction (coding-agent-loop-spec 6.1): the session gathers the
 * environment context (6.3, 6.4) and the project documents (6.5) once, at its first input, and
 * the profile assembles base instructions + environment + tools + project docs + the user's
 * override (last, highest precedence) for every request.
 */
import type { ExecutionEnvironment } from "./execution/environment.js";
import type { ProviderProfile } from "./profiles/profile.js";
import { buildEnvironmentContext } from "./environment-context.js";
import { discoverProjectDocs, projectDocFilesFor } from "./project-docs.js";

/** What the session computes once and reuses for every request. */
export interface SystemPromptContext {
  readonly environmentContext: string;
  readonly projectDocs: string;
}

export async function gatherSystemPromptContext(
  profile: ProviderProfile,
  environment: ExecutionEnvironment,
  { now = () => new Date() }: { now?: () => Date } = {},
): Promise<SystemPromptContext> {
  const { text, git } = await buildEnvironmentContext(environment, profile.model, { now });
  const fileNames = profile.projectDocFiles.length > 0 ? profile.projectDocFiles : projectDocFilesFor(profile.id);
  const projectDocs = await discoverProjectDocs(environment, { fileNames, ...(git ? { root: git.root } : {}) });
  return { environmentContext: text, projectDocs };
}

export function buildSystemPrompt(
  profile: ProviderProfile,
  environment: ExecutionEnvironment,
  context: SystemPromptContext,
  userInstructions?: string,
): string {
  return profile.buildSystemPrompt(environment, context.projectDocs, {
    environmentContext: context.environmentContext,
    ...(userInstructions !== undefined && userInstructions !== "" ? { userInstructions } : {}),
  });
}
