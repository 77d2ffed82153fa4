/**
 * The manager loop handler (spec 4.11): supervises a child pipeline. It starts the child
 * (`stack.child_dotfile`, run in-process by the engine it is given), then cycles:
 * observe the child's telemetry into `stack.child.*`, steer it by writing instructions into
 * the child's active stage directory, check the stop conditions, wait.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { errorMessage } from "../../errors.js";
import { parseDuration, readBoolean, readInteger } from "../attributes.js";
import { evaluateCondition } from "../conditions.js";
import type { Context } from "../context.js";
import type { PipelineEvent } from "../events.js";
import type { Graph, GraphNode } from "../graph.js";
import type { Outcome } from "../outcome.js";
import type { Handler, HandlerRuntime } from "./handler.js";

export interface ChildRunOptions {
  logsRoot: string;
  signal: AbortSignal;
  onEvent: (event: PipelineEvent) => void;
  workingDirectory: string;
}

export interface ChildRunResult {
  status: "success" | "fail" | "cancelled";
  outcome: Outcome;
}

export interface ManagerLoopOptions {
  /** Loads, transforms and validates a child DOT file; throws with a precise message. */
  loadGraph(path: string): Graph;
  runChildPipeline(graph: Graph, options: ChildRunOptions): Promise<ChildRunResult>;
  workingDirectory: string;
}

interface Telemetry {
  status: "running" | "completed" | "failed";
  outcome: string;
  currentNode: string;
  completedCount: number;
  retryCount: number;
  failureReason: string;
}

function childDotfilePath(node: GraphNode, graph: Graph, workingDirectory: string): { path: string; workdir: string } | undefined {
  const dotfile = node.attributes["stack.child_dotfile"] ?? graph.attributes["stack.child_dotfile"];
  if (!dotfile) return undefined;
  const workdirAttribute = node.attributes["stack.child_workdir"] ?? graph.attributes["stack.child_workdir"];
  const base = graph.source ? dirname(resolve(workingDirectory, graph.source)) : workingDirectory;
  const workdir = workdirAttribute ? resolve(base, workdirAttribute) : workingDirectory;
  return { path: isAbsolute(dotfile) ? dotfile : resolve(base, dotfile), workdir };
}

function publish(context: Context, telemetry: Telemetry): Record<string, unknown> {
  const values: Record<string, unknown> = {
    "stack.child.status": telemetry.status,
    "stack.child.outcome": telemetry.outcome,
    "stack.child.current_node": telemetry.currentNode,
    "stack.child.completed_count": telemetry.completedCount,
    "stack.child.retry_count": telemetry.retryCount,
  };
  if (telemetry.failureReason) values["stack.child.failure_reason"] = telemetry.failureReason;
  context.applyUpdates(values);
  return values;
}

export function createManagerLoopHandler(options: ManagerLoopOptions): Handler {
  return {
    async execute(node: GraphNode, context: Context, graph: Graph, logsRoot: string, runtime: HandlerRuntime): Promise<Outcome> {
      const child = childDotfilePath(node, graph, options.workingDirectory);
      if (!child) return { status: "fail", failureReason: `manager ${node.id}: graph attribute stack.child_dotfile is not set` };
      const pollMs = parseDuration(node.attributes["manager.poll_interval"] ?? "45s") ?? 45_000;
      const maxCycles = Math.max(1, readInteger(node.attributes, "manager.max_cycles", 1000));
      const stopCondition = node.attributes["manager.stop_condition"] ?? "";
      const actions = new Set((node.attributes["manager.actions"] ?? "observe,wait").split(",").map((action) => action.trim()));
      const steerCooldownMs = parseDuration(node.attributes["manager.steer_cooldown"] ?? "0s") ?? 0;
      const steerPrompt = node.attributes["manager.steer_prompt"] ?? node.attributes["prompt"] ?? "";
      const childLogs = join(logsRoot, node.id, "child");
      // Without autostart the child runs elsewhere; `stack.child_logs_root` says where its checkpoint is.
      const observedLogs = node.attributes["stack.child_logs_root"] ? resolve(child.workdir, node.attributes["stack.child_logs_root"]) : childLogs;
      const telemetry: Telemetry = { status: "running", outcome: "", currentNode: "", completedCount: 0, retryCount: 0, failureReason: "" };

      const controller = new AbortController();
      const onAbort = () => controller.abort(runtime.signal.reason);
      runtime.signal.addEventListener("abort", onAbort, { once: true });
      let childDone: Promise<unknown> = new Promise(() => undefined);
      if (readBoolean(node.attributes, "stack.child_autostart", true)) {
        let childGraph: Graph;
        try {
          childGraph = options.loadGraph(child.path);
        } catch (error) {
          runtime.signal.removeEventListener("abort", onAbort);
          return { status: "fail", failureReason: `manager ${node.id}: cannot load child pipeline: ${errorMessage(error)}` };
        }
        mkdirSync(childLogs, { recursive: true });
        childDone = options
          .runChildPipeline(childGraph, {
            logsRoot: childLogs,
            signal: controller.signal,
            workingDirectory: child.workdir,
            onEvent: (event) => {
              if (event.type === "stage-start") telemetry.currentNode = event.nodeId;
              if (event.type === "stage-end" && !event.willRetry) telemetry.completedCount += 1;
              if (event.type === "stage-retry") telemetry.retryCount += 1;
            },
          })
          .then(
            (result) => {
              telemetry.status = result.status === "success" ? "completed" : "failed";
              telemetry.outcome = result.status === "success" ? "success" : "fail";
              telemetry.failureReason = result.outcome.failureReason ?? "";
            },
            (error: unknown) => {
              telemetry.status = "failed";
              telemetry.outcome = "fail";
              telemetry.failureReason = errorMessage(error);
            },
          );
      } else {
        // Observe a child started elsewhere through its checkpoint.
        childDone = new Promise(() => undefined);
      }

      let lastSteer = Number.NEGATIVE_INFINITY;
      let updates: Record<string, unknown> = {};
      try {
        for (let cycle = 1; cycle <= maxCycles; cycle++) {
          if (actions.has("observe")) {
            if (!readBoolean(node.attributes, "stack.child_autostart", true)) observeCheckpoint(telemetry, observedLogs);
            updates = publish(context, telemetry);
          }
          if (actions.has("steer") && steerPrompt && telemetry.currentNode && runtime.now() - lastSteer >= steerCooldownMs) {
            const stageDirectory = join(childLogs, telemetry.currentNode);
            mkdirSync(stageDirectory, { recursive: true });
            writeFileSync(join(stageDirectory, "steer.md"), steerPrompt.replaceAll("$goal", graph.attributes["goal"] ?? ""));
            lastSteer = runtime.now();
          }
          if (telemetry.status === "completed" && telemetry.outcome === "success") {
            return { status: "success", notes: "Child completed", contextUpdates: publish(context, telemetry) };
          }
          if (telemetry.status === "failed") {
            return { status: "fail", failureReason: `Child failed${telemetry.failureReason ? `: ${telemetry.failureReason}` : ""}`, contextUpdates: publish(context, telemetry) };
          }
          if (stopCondition && evaluateCondition(stopCondition, { status: "success" }, context)) {
            return { status: "success", notes: "Stop condition satisfied", contextUpdates: publish(context, telemetry) };
          }
          if (actions.has("wait")) {
            // Wake early when the child finishes, so the manager never idles a whole interval.
            await Promise.race([runtime.sleep(pollMs, runtime.signal), childDone]);
          } else {
            await Promise.race([Promise.resolve(), childDone]);
          }
        }
        return { status: "fail", failureReason: `manager ${node.id}: max cycles (${maxCycles}) exceeded`, contextUpdates: { ...updates } };
      } finally {
        controller.abort();
        runtime.signal.removeEventListener("abort", onAbort);
      }
    },
  };
}

function observeCheckpoint(telemetry: Telemetry, childLogs: string): void {
  const path = join(childLogs, "checkpoint.json");
  if (!existsSync(path)) return;
  try {
    const checkpoint = JSON.parse(readFileSync(path, "utf8")) as { current_node?: string; completed_nodes?: string[]; finished?: { status: string; outcome?: Outcome } | null };
    telemetry.currentNode = checkpoint.current_node ?? telemetry.currentNode;
    telemetry.completedCount = checkpoint.completed_nodes?.length ?? telemetry.completedCount;
    if (checkpoint.finished) {
      telemetry.status = checkpoint.finished.status === "success" ? "completed" : "failed";
      telemetry.outcome = checkpoint.finished.status === "success" ? "success" : "fail";
    }
  } catch {
    // A checkpoint being replaced is read again next cycle.
  }
}
