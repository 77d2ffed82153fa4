/**
 * The agent Session (coding-agent-loop-spec 2.1-2.3, 2.6, 2.7, 7, appendix B): holds the
 * history, the configuration, the steering and follow-up queues and the subagents; runs the
 * loop for each input and its follow-ups; moves through idle -> processing -> idle (or
 * awaiting-input) and ends closed, after a graceful shutdown on abort, error or close().
 */
import { serializeHistory, type HistorySnapshot } from "./history-snapshot.js";
import { randomUUID } from "node:crypto";
import { LightsoutError } from "../errors.js";
import type { LlmClient, ReasoningEffort } from "../llm/types.js";
import { EventHub, type ProcessingOutcome, type SessionEvent, type SessionEventListener, type SessionStateName } from "./events.js";
import type { ExecutionEnvironment } from "./execution/environment.js";
import { countTurns, processInput, type AgentLoopContext, type SessionConfig } from "./loop.js";
import type { ProviderProfile } from "./profiles/profile.js";
import { MessageQueue } from "./steering.js";
import { SubagentManager, profileWithModel, scopeEnvironment } from "./subagents.js";
import { buildSystemPrompt, gatherSystemPromptContext, type SystemPromptContext } from "./system-prompt.js";
import { ToolRegistry, type ToolDefinition } from "./tools/registry.js";
import type { Turn } from "./turns.js";

export type { SessionConfig } from "./loop.js";

export const DEFAULT_SESSION_CONFIG: Readonly<Omit<SessionConfig, "streaming">> = {
  maxTurns: 0,
  maxToolRoundsPerInput: 0,
  defaultCommandTimeoutMs: 10_000,
  maxCommandTimeoutMs: 600_000,
  reasoningEffort: undefined,
  toolOutputLimits: {},
  toolLineLimits: {},
  enableLoopDetection: true,
  loopDetectionWindow: 10,
  maxSubagentDepth: 1,
  contextWarningThreshold: 0.8,
};

export interface CreateSessionOptions {
  readonly profile: ProviderProfile;
  readonly environment: ExecutionEnvironment;
  readonly llm: LlmClient;
  readonly config?: Partial<SessionConfig>;
  /** Appended last to the system prompt (6.1 layer 5). */
  readonly userInstructions?: string;
  /** Registered before `session-start` is emitted. */
  readonly onEvent?: SessionEventListener;
  /** Clock for timestamps and the environment block's date. */
  readonly now?: () => number;
  readonly newId?: () => string;
  /** Nesting level: 0 for a top-level session, 1 for its subagents, ... */
  readonly depth?: number;
  /**
   * Turns of an earlier session of the same thread (`restoreHistory(snapshot)`): the session
   * continues that conversation instead of starting fresh (a resumed pipeline run).
   */
  readonly history?: readonly Turn[];
}

/** What one submit() (the input and its follow-ups) came to. */
export interface SubmitResult {
  readonly outcome: ProcessingOutcome;
  /** The last assistant text of the cycle ("" when none). */
  readonly text: string;
  /** Model turns in the session so far. */
  readonly turns: number;
}

export function createSession(options: CreateSessionOptions): Session {
  return new Session(options);
}

export class Session {
  readonly id: string;
  readonly profile: ProviderProfile;
  readonly environment: ExecutionEnvironment;
  readonly config: SessionConfig;
  readonly depth: number;

  private readonly llm: LlmClient;
  private readonly hub: EventHub;
  private readonly turns: Turn[] = [];
  private readonly steeringQueue = new MessageQueue();
  private readonly followUpQueue = new MessageQueue();
  private readonly abortController = new AbortController();
  private readonly subagents: SubagentManager | undefined;
  private readonly userInstructions: string | undefined;
  private readonly now: () => number;
  private stateName: SessionStateName = "idle";
  private running: Promise<SubmitResult> | undefined;
  private promptContext: SystemPromptContext | undefined;

  constructor(options: CreateSessionOptions) {
    this.id = (options.newId ?? randomUUID)();
    this.profile = options.profile;
    this.environment = options.environment;
    this.llm = options.llm;
    this.depth = options.depth ?? 0;
    this.now = options.now ?? Date.now;
    this.userInstructions = options.userInstructions;
    this.config = { ...DEFAULT_SESSION_CONFIG, streaming: options.profile.supportsStreaming, ...options.config };
    this.turns.push(...(options.history ?? []));
    this.hub = new EventHub(this.id, this.now);
    if (options.onEvent) this.hub.on(options.onEvent);

    // Subagent tools only while depth allows (a child at the limit cannot spawn).
    if (this.depth < this.config.maxSubagentDepth) {
      const newId = options.newId;
      this.subagents = new SubagentManager({
        spawn: ({ task, workingDir, model, maxTurns }) => {
          const child = new Session({
            profile: model ? profileWithModel(this.profile, model) : this.profile,
            environment: workingDir ? scopeEnvironment(this.environment, workingDir) : this.environment,
            llm: this.llm,
            config: { ...this.config, maxTurns: maxTurns ?? 0 },
            now: this.now,
            ...(newId ? { newId } : {}),
            depth: this.depth + 1,
            onEvent: (event) => this.hub.forward(event),
          });
          return { session: child, run: child.submit(task) };
        },
      });
    }
    this.hub.emit({ kind: "session-start", model: this.profile.model, provider: this.profile.id, depth: this.depth });
  }

  get state(): SessionStateName {
    return this.stateName;
  }

  get history(): readonly Turn[] {
    return this.turns;
  }

  /** The history as plain versioned data, to persist and pass back as `history` (restoreHistory) later. */
  historySnapshot(): HistorySnapshot {
    return serializeHistory(this.turns);
  }

  /** Events from the session's start (replayed) until session-end. */
  events(): AsyncIterable<SessionEvent> {
    return this.hub.iterate();
  }

  /** Every event emitted so far (subagents' included). */
  eventLog(): readonly SessionEvent[] {
    return this.hub.history();
  }

  /** Calls `listener` for every later event; returns the unsubscribe function. */
  on(listener: SessionEventListener): () => void {
    return this.hub.on(listener);
  }

  /** Runs the loop on `input`, then on queued follow-ups; resolves when the session is idle (or closed) again. */
  submit(input: string): Promise<SubmitResult> {
    if (this.stateName === "closed") throw new LightsoutError("INPUT", `session ${this.id} is closed; create a new session`);
    if (this.stateName === "processing") {
      throw new LightsoutError("INPUT", `session ${this.id} is processing an input; use steer() or followUp() instead`);
    }
    this.stateName = "processing";
    const run = this.runCycle(input);
    this.running = run;
    return run;
  }

  /** Injected after the current tool round (or before the next model call when idle). */
  steer(message: string): void {
    this.steeringQueue.enqueue(message);
  }

  /** Processed as a new input once the current one is done. */
  followUp(message: string): void {
    this.followUpQueue.enqueue(message);
  }

  /** Takes effect on the next model call (2.7). */
  setReasoningEffort(effort: ReasoningEffort | undefined): void {
    this.config.reasoningEffort = effort;
  }

  /** Cancels the model call and running commands (process groups), closes subagents, ends closed. */
  async abort(): Promise<void> {
    if (this.stateName === "closed") return;
    this.abortController.abort();
    if (this.running) {
      await this.running;
      return;
    }
    await this.shutdown("aborted");
  }

  /** Ends the session: aborts a running input first. The execution environment stays the host's. */
  async close(): Promise<void> {
    if (this.stateName === "closed") return;
    if (this.stateName === "processing") return this.abort();
    await this.shutdown("closed");
  }

  private async runCycle(input: string): Promise<SubmitResult> {
    let outcome: ProcessingOutcome = "completed";
    try {
      this.promptContext ??= await gatherSystemPromptContext(this.profile, this.environment, { now: () => new Date(this.now()) });
      let next: string | undefined = input;
      while (next !== undefined) {
        outcome = await processInput(this.loopContext(), next);
        if (outcome !== "completed" && outcome !== "awaiting-input" && outcome !== "round-limit") break;
        next = this.followUpQueue.dequeue();
      }
    } catch (error) {
      // processInput turns expected failures into outcomes; this is a bug in a collaborator.
      this.hub.emit({ kind: "error", message: error instanceof Error ? error.message : String(error), errorKind: "internal" });
      outcome = "error";
    }
    if (this.abortController.signal.aborted) outcome = "aborted";
    this.hub.emit({ kind: "processing-end", outcome });
    this.running = undefined;
    if (outcome === "aborted" || outcome === "error") await this.shutdown(outcome);
    else this.stateName = outcome === "awaiting-input" ? "awaiting-input" : "idle";
    return { outcome, text: this.lastAssistantText(), turns: countTurns(this.turns) };
  }

  private loopContext(): AgentLoopContext {
    const promptContext = this.promptContext as SystemPromptContext;
    return {
      profile: this.profile,
      environment: this.environment,
      llm: this.llm,
      config: this.config,
      history: this.turns,
      events: this.hub,
      steering: this.steeringQueue,
      tools: this.toolRegistry(),
      toolDefinitions: () => this.toolDefinitions(),
      systemPrompt: () => buildSystemPrompt(this.profile, this.environment, promptContext, this.userInstructions),
      signal: this.abortController.signal,
      now: this.now,
    };
  }

  /**
   * The subagent tools, then the profile's registry as it is now (tools registered on the
   * profile after the session was created count, and override ours by name).
   */
  private toolRegistry(): ToolRegistry {
    const registry = new ToolRegistry([...(this.subagents?.tools() ?? [])]);
    for (const name of this.profile.toolRegistry.names()) {
      const tool = this.profile.toolRegistry.get(name);
      if (tool) registry.register(tool);
    }
    return registry;
  }

  /** The profile's tool definitions, then the session's own tools the profile does not define. */
  private toolDefinitions(): ToolDefinition[] {
    const fromProfile = this.profile.tools();
    const names = new Set(fromProfile.map((tool) => tool.name));
    const own = (this.subagents?.tools() ?? []).map((tool) => tool.definition).filter((definition) => !names.has(definition.name));
    return [...fromProfile, ...own];
  }

  private lastAssistantText(): string {
    for (let index = this.turns.length - 1; index >= 0; index--) {
      const turn = this.turns[index];
      if (turn?.kind === "assistant" && turn.content !== "") return turn.content;
    }
    return "";
  }

  /** Appendix B graceful shutdown: the signal already stopped the model call and commands. */
  private async shutdown(reason: "closed" | "aborted" | "error"): Promise<void> {
    if (this.stateName === "closed") return;
    this.stateName = "closed";
    if (!this.abortController.signal.aborted) this.abortController.abort();
    await this.subagents?.closeAll();
    this.hub.emit({ kind: "session-end", state: "closed", reason });
  }
}
