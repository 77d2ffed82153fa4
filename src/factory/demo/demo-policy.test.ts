import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { PolicyMessage, PolicyRequest } from "../../twins/index.js";
import { createDemoPolicy, DEMO_APP_FIRST, DEMO_SOURCE_FILES } from "./demo-policy.js";

const policy = createDemoPolicy({ exampleDir: join(import.meta.dirname, "..", "..", "..", "examples", "incident-bridge") });
const request = (messages: PolicyMessage[]): PolicyRequest => ({ provider: "openai", model: "gpt-5", system: "", messages, tools: [], stream: false, index: 0 });
const IMPLEMENT = "You are the implementation stage of a software factory. Implement SPEC.md.";
const PLAN = "You are the planning stage of a software factory. Read SPEC.md.";
const call = (name: string, id = "c"): PolicyMessage => ({ role: "tool-call", id, name, arguments: {} });
const result = (output: string, isError = false, id = "c"): PolicyMessage => ({ role: "tool-result", id, output, isError });

describe("the demo's scripted stand-in", () => {
  it("plans: reads SPEC.md, writes PLAN.md, says it is done", async () => {
    expect(policy(request([{ role: "user", text: PLAN }])).toolCalls?.[0]).toMatchObject({ name: "read_file", arguments: { file_path: "SPEC.md" } });
    expect(policy(request([{ role: "user", text: PLAN }, call("read_file"), result("# Spec")])).toolCalls?.[0]).toMatchObject({ name: "write_file", arguments: { file_path: "PLAN.md" } });
    expect(policy(request([{ role: "user", text: PLAN }, call("read_file"), result("# Spec"), call("write_file"), result("ok")])).text).toMatch(/PLAN\.md/);
  });

  it("without feedback writes the bridge's sources with the rate-limit bug in app.mjs", () => {
    const turn = policy(request([{ role: "user", text: IMPLEMENT }, call("read_file"), result("File not found: FEEDBACK.md", true)]));
    const files = turn.toolCalls?.map((toolCall) => toolCall.arguments["file_path"]);
    expect(files).toEqual([...DEMO_SOURCE_FILES, "app.mjs"]);
    expect(turn.toolCalls?.at(-1)?.arguments["content"]).toBe(DEMO_APP_FIRST);
    expect(DEMO_APP_FIRST).toContain("rateLimitedIsFinal: true");
  });

  it("with feedback reads app.mjs and patches it so 429s are retried", () => {
    const withFeedback = [{ role: "user" as const, text: IMPLEMENT }, call("read_file"), result("# Feedback on iteration 1\n...")];
    expect(policy(request(withFeedback)).toolCalls?.[0]).toMatchObject({ name: "read_file", arguments: { file_path: "app.mjs" } });
    const patch = policy(request([...withFeedback, call("read_file", "d"), result(DEMO_APP_FIRST, false, "d")])).toolCalls?.[0];
    expect(patch?.name).toBe("apply_patch");
    expect(String(patch?.arguments["patch"])).toContain("+exitOnSignals(await startBridge());");
  });
});
