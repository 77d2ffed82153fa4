import { describe, expect, it } from "vitest";
import type { ExecutionEnvironment } from "../execution/environment.js";
import { ToolError, ToolRegistry, type RegisteredTool } from "./registry.js";

const env = {} as ExecutionEnvironment;

function echoTool(description = "echo"): RegisteredTool {
  return {
    definition: {
      name: "echo",
      description,
      parameters: {
        type: "object",
        properties: { text: { type: "string" }, times: { type: "integer", minimum: 1 } },
        required: ["text"],
        additionalProperties: false,
      },
    },
    executor: async (args) => String(args["text"]).repeat((args["times"] as number | undefined) ?? 1),
  };
}

describe("ToolRegistry", () => {
  it("registers, lists, replaces by name (latest wins) and unregisters", () => {
    const registry = new ToolRegistry([echoTool("first")]);
    registry.register(echoTool("second"));
    expect(registry.names()).toEqual(["echo"]);
    expect(registry.definitions()[0]?.description).toBe("second");
    expect(registry.get("echo")?.definition.description).toBe("second");
    expect(registry.unregister("echo")).toBe(true);
    expect(registry.get("echo")).toBeUndefined();
  });

  it("clone is independent of the original", () => {
    const registry = new ToolRegistry([echoTool()]);
    const copy = registry.clone();
    copy.unregister("echo");
    expect(registry.names()).toEqual(["echo"]);
  });

  it("executes with arguments given as a JSON string or an object", async () => {
    const registry = new ToolRegistry([echoTool()]);
    expect(await registry.execute("echo", '{"text":"ab","times":2}', env)).toEqual({ output: "abab", isError: false });
    expect(await registry.execute("echo", { text: "x" }, env)).toEqual({ output: "x", isError: false });
  });

  it("turns an unknown tool into an error result naming the available tools", async () => {
    const result = await new ToolRegistry([echoTool()]).execute("nope", {}, env);
    expect(result).toEqual({ output: 'Unknown tool "nope". Available tools: echo.', isError: true });
  });

  it("turns invalid JSON and schema violations into precise error results", async () => {
    const registry = new ToolRegistry([echoTool()]);
    expect((await registry.execute("echo", "{text:", env)).output).toMatch(/^Invalid arguments for tool "echo": not valid JSON/);
    expect(await registry.execute("echo", { times: 0, extra: 1 }, env)).toEqual({
      output: 'Invalid arguments for tool "echo": missing required property "text"; unexpected property "extra"; "times" must be >= 1',
      isError: true,
    });
    expect((await registry.execute("echo", "[1]", env)).output).toBe('Invalid arguments for tool "echo": expected a JSON object.');
  });

  it("catches executor failures: ToolError verbatim, other errors prefixed", async () => {
    const registry = new ToolRegistry([
      { definition: { name: "a", description: "", parameters: { type: "object" } }, executor: async () => { throw new ToolError("exact text"); } },
      { definition: { name: "b", description: "", parameters: { type: "object" } }, executor: async () => { throw new Error("boom"); } },
    ]);
    expect(await registry.execute("a", undefined, env)).toEqual({ output: "exact text", isError: true });
    expect(await registry.execute("b", "", env)).toEqual({ output: "Error: boom", isError: true });
  });
});
