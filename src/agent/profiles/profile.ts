/**
 * The ProviderProfile contract (coding-agent-loop-spec 3.2): one model family's tools, base
 * instructions and capabilities. The loop asks the profile for its tool definitions and its
 * system prompt; custom tools go into `toolRegistry` and override profile tools by name (3.7).
 */
import type { ExecutionEnvironment } from "../execution/environment.js";
import type { ToolDefinition, ToolRegistry } from "../tools/registry.js";

export type ProviderId = "openai" | "anthropic" | "gemini" | (string & {});

/** Layers of the system prompt that the loop computes (spec 6.1); all optional. */
export interface SystemPromptLayers {
  /** The `<environment>` block (6.3) plus git context (6.4); when absent a minimal block is built from the environment. */
  readonly environmentContext?: string;
  /** User instruction override, appended last (highest precedence). */
  readonly userInstructions?: string;
}

export interface ProviderProfile {
  readonly id: ProviderId;
  readonly model: string;
  readonly toolRegistry: ToolRegistry;

  /**
   * The full system prompt: base instructions, environment context, tool descriptions,
   * project documents (already discovered and budgeted by the loop), user instructions.
   */
  buildSystemPrompt(environment: ExecutionEnvironment, projectDocs: string, layers?: SystemPromptLayers): string;
  tools(): ToolDefinition[];
  /** Provider-specific request options keyed by provider (e.g. `{ anthropic: { beta_headers: [...] } }`). */
  providerOptions(): Record<string, unknown> | undefined;

  readonly supportsReasoning: boolean;
  readonly supportsStreaming: boolean;
  readonly supportsParallelToolCalls: boolean;
  readonly contextWindowSize: number;

  /** The provider-specific base instructions alone (6.2), for loops that layer the prompt themselves. */
  readonly baseInstructions: string;
  /** Project instruction files this profile loads (6.5), e.g. ["AGENTS.md", "CLAUDE.md"]. */
  readonly projectDocFiles: readonly string[];
  /** Profile default for the shell tool's timeout, overriding the session default (Anthropic: 120 s); undefined = session default. */
  readonly defaultCommandTimeoutMs?: number;
}
