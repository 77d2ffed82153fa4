/**
 * What model calls cost: the cost of one call from its usage and the catalog prices, a meter
 * that accumulates per call, per session and per run (children roll up into their parents), and
 * a budget that refuses to start a call once it is spent.
 */
import { LightsoutError } from "../errors.js";
import { getModelInfo } from "./catalog.js";
import { parseModelId } from "./models.js";
import type { CallOptions, LlmClient, Request, Response, StreamEvent, Usage } from "./types.js";

/**
 * USD for one call, or undefined when the model's price is unknown. Cache reads are billed at
 * the cached price and cache writes at the write price; both are part of inputTokens.
 */
export function costOfCall(modelId: string, usage: Usage): number | undefined {
  const prices = getModelInfo(modelId)?.prices;
  if (!prices) return undefined;
  const cacheRead = usage.cacheReadTokens ?? 0;
  const cacheWrite = usage.cacheWriteTokens ?? 0;
  const uncached = Math.max(0, usage.inputTokens - cacheRead - cacheWrite);
  const micro =
    uncached * prices.inputPerMillion +
    cacheRead * prices.cachedInputPerMillion +
    cacheWrite * (prices.cacheWritePerMillion ?? prices.inputPerMillion) +
    usage.outputTokens * prices.outputPerMillion;
  return micro / 1_000_000;
}

/** Spec 3.9: sums; an optional field stays undefined only when both sides lack it. */
export function addUsage(a: Usage, b: Usage): Usage {
  const optional = (x: number | undefined, y: number | undefined): number | undefined => (x === undefined && y === undefined ? undefined : (x ?? 0) + (y ?? 0));
  const reasoningTokens = optional(a.reasoningTokens, b.reasoningTokens);
  const cacheReadTokens = optional(a.cacheReadTokens, b.cacheReadTokens);
  const cacheWriteTokens = optional(a.cacheWriteTokens, b.cacheWriteTokens);
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    totalTokens: a.totalTokens + b.totalTokens,
    ...(reasoningTokens !== undefined ? { reasoningTokens } : {}),
    ...(cacheReadTokens !== undefined ? { cacheReadTokens } : {}),
    ...(cacheWriteTokens !== undefined ? { cacheWriteTokens } : {}),
  };
}

export const ZERO_USAGE: Usage = { inputTokens: 0, outputTokens: 0, totalTokens: 0 };

export interface CostEntry {
  modelId: string;
  usage: Usage;
  /** Undefined when the model's price is unknown. */
  usd: number | undefined;
}

export interface CostTotals {
  calls: number;
  usage: Usage;
  /** USD of the calls with a known price. */
  usd: number;
  /** Calls whose price is unknown (their cost is not in `usd`). */
  unpricedCalls: number;
}

/** Accumulates call costs; `child(name)` meters a session whose calls also count in every ancestor. */
export class CostMeter {
  readonly name: string;
  private readonly parent: CostMeter | undefined;
  private readonly children = new Map<string, CostMeter>();
  private readonly entries: CostEntry[] = [];
  private totalsSoFar: CostTotals = { calls: 0, usage: ZERO_USAGE, usd: 0, unpricedCalls: 0 };

  constructor(name = "run", parent?: CostMeter) {
    this.name = name;
    this.parent = parent;
  }

  /** The meter of a session (created on first use; the same one after). */
  child(name: string): CostMeter {
    let meter = this.children.get(name);
    if (!meter) {
      meter = new CostMeter(name, this);
      this.children.set(name, meter);
    }
    return meter;
  }

  /** Records one call here and in every ancestor; returns its entry. */
  record(modelId: string, usage: Usage): CostEntry {
    const entry: CostEntry = { modelId, usage, usd: costOfCall(modelId, usage) };
    this.add(entry);
    return entry;
  }

  private add(entry: CostEntry): void {
    this.parent?.add(entry);
    this.entries.push(entry);
    const totals = this.totalsSoFar;
    this.totalsSoFar = {
      calls: totals.calls + 1,
      usage: addUsage(totals.usage, entry.usage),
      usd: totals.usd + (entry.usd ?? 0),
      unpricedCalls: totals.unpricedCalls + (entry.usd === undefined ? 1 : 0),
    };
  }

  /** Every call recorded here or below, in order. */
  calls(): readonly CostEntry[] {
    return this.entries;
  }

  totals(): CostTotals {
    return this.totalsSoFar;
  }

  /** The sessions metered below this one, by name. */
  sessions(): ReadonlyMap<string, CostMeter> {
    return this.children;
  }
}

export interface Budget {
  readonly limitUsd: number;
  /** USD charged so far (calls with an unknown price add nothing). */
  readonly spentUsd: number;
  readonly exceeded: boolean;
  /** Adds a call's cost; returns that cost (undefined when unknown). */
  charge(usage: Usage, modelId: string): number | undefined;
}

/** A spending limit in USD; exceeded once spending reaches it. */
export function createBudget(options: { usd: number }): Budget {
  if (!(options.usd >= 0) || !Number.isFinite(options.usd)) throw new LightsoutError("INPUT", `a budget must be a finite, non-negative number of USD (got ${options.usd})`);
  let spent = 0;
  return {
    limitUsd: options.usd,
    get spentUsd() {
      return spent;
    },
    get exceeded() {
      return spent >= options.usd;
    },
    charge(usage: Usage, modelId: string) {
      const usd = costOfCall(modelId, usage);
      spent += usd ?? 0;
      return usd;
    },
  };
}

function refuse(budget: Budget): LightsoutError {
  return new LightsoutError("BUDGET", `the LLM budget of $${budget.limitUsd.toFixed(2)} is spent ($${budget.spentUsd.toFixed(4)} used): no further model call is started`);
}

/**
 * A client that charges every finished call to the budget and refuses (LightsoutError "BUDGET")
 * to start a call once the budget is spent. A call already running is allowed to finish.
 */
export function withBudget(client: LlmClient, budget: Budget): LlmClient {
  // The price is looked up by "provider:model": a request may name the provider apart (`provider: "openai", model: "gpt-5"`).
  const modelIdOf = (request: Request): string => {
    try {
      return parseModelId(request.model, request.provider).id;
    } catch {
      return request.model;
    }
  };
  return {
    async complete(request: Request, options?: CallOptions): Promise<Response> {
      if (budget.exceeded) throw refuse(budget);
      const response = await client.complete(request, options);
      budget.charge(response.usage, modelIdOf(request));
      return response;
    },
    async *stream(request: Request, options?: CallOptions): AsyncIterable<StreamEvent> {
      if (budget.exceeded) throw refuse(budget);
      for await (const event of client.stream(request, options)) {
        if (event.type === "finish") budget.charge(event.usage, modelIdOf(request));
        yield event;
      }
    },
  };
}
