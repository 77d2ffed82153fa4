/**
 * What the three provider profiles share: a ProviderProfile built from base instructions and a
 * tool list, and the layered system prompt of spec 6.1 (base instructions, environment context,
 * tool descriptions, project documents, user instructions — later layers take precedence).
 */
import type { ExecutionEnvironment } from "../execution/environment.js";
import { ToolRegistry, type RegisteredTool, type ToolDefinition } from "../tools/registry.js";
import type { ProviderId, ProviderProfile, SystemPromptLayers } from "./profile.js";

export interface ProfileSpec {
  readonly id: ProviderId;
  readonly model: string;
  readonly baseInstructions: string;
  readonly tools: readonly RegisteredTool[];
  readonly projectDocFiles: readonly string[];
  readonly providerOptions?: Record<string, unknown>;
  readonly supportsReasoning: boolean;
  readonly supportsStreaming?: boolean;
  readonly supportsParallelToolCalls: boolean;
  readonly contextWindowSize: number;
  readonly defaultCommandTimeoutMs?: number;
  /** Injected clock for the fallback environment block (tests). */
  readonly now?: () => Date;
}

/** The `<environment>` block when the loop did not supply one (spec 6.3, without git). */
export function minimalEnvironmentBlock(environment: ExecutionEnvironment, model: string, now: Date): string {
  return [
    "<environment>",
    `Working directory: ${environment.workingDirectory()}`,
    `Platform: ${environment.platform()}`,
    `OS version: ${environment.osVersion()}`,
    `Today's date: ${now.toISOString().slice(0, 10)}`,
    `Model: ${model}`,
    "</environment>",
  ].join("\n");
}

export function describeTools(definitions: readonly ToolDefinition[]): string {
  const lines = definitions.map((definition) => `- ${definition.name}: ${definition.description.split("\n")[0]}`);
  return `# Available tools\n${lines.join("\n")}`;
}

export function assembleSystemPrompt(parts: {
  baseInstructions: string;
  environmentContext: string;
  tools: readonly ToolDefinition[];
  projectDocs: string;
  userInstructions?: string;
}): string {
  const layers = [parts.baseInstructions.trim(), parts.environmentContext.trim(), describeTools(parts.tools)];
  if (parts.projectDocs.trim() !== "") layers.push(`# Project instructions\n${parts.projectDocs.trim()}`);
  if (parts.userInstructions !== undefined && parts.userInstructions.trim() !== "") {
    layers.push(`# User instructions (these take precedence)\n${parts.userInstructions.trim()}`);
  }
  return layers.join("\n\n");
}

export function createProfile(spec: ProfileSpec): ProviderProfile {
  const toolRegistry = new ToolRegistry(spec.tools);
  const now = spec.now ?? (() => new Date());
  return {
    id: spec.id,
    model: spec.model,
    toolRegistry,
    baseInstructions: spec.baseInstructions,
    projectDocFiles: spec.projectDocFiles,
    supportsReasoning: spec.supportsReasoning,
    supportsStreaming: spec.supportsStreaming ?? true,
    supportsParallelToolCalls: spec.supportsParallelToolCalls,
    contextWindowSize: spec.contextWindowSize,
    ...(spec.defaultCommandTimeoutMs !== undefined ? { defaultCommandTimeoutMs: spec.defaultCommandTimeoutMs } : {}),
    tools: () => toolRegistry.definitions(),
    providerOptions: () => spec.providerOptions,
    buildSystemPrompt(environment: ExecutionEnvironment, projectDocs: string, layers: SystemPromptLayers = {}): string {
      return assembleSystemPrompt({
        baseInstructions: spec.baseInstructions,
        environmentContext: layers.environmentContext ?? minimalEnvironmentBlock(environment, this.model, now()),
        tools: toolRegistry.definitions(),
        projectDocs,
        ...(layers.userInstructions !== undefined ? { userInstructions: layers.userInstructions } : {}),
      });
    },
  };
}
