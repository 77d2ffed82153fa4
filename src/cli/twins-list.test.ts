import { describe, expect, test } from "vitest";
import { createToyTwin } from "../twins/kit/toy-twin.js";
import { runCli } from "./main.js";
import { createMemoryIo } from "./memory-io.js";
import { twinsListCommand } from "./twins-list.js";

describe("lightsout twins list", () => {
  const catalog = { factories: { notes: createToyTwin, counter: createToyTwin }, summaries: { notes: "a toy notes service", counter: "a toy counter" } };

  test("one line per twin: name and description", async () => {
    const io = createMemoryIo({ cwd: "/" });
    expect(await twinsListCommand({}, io, catalog)).toBe(0);
    expect(io.stdoutText()).toBe("notes    a toy notes service\ncounter  a toy counter\n");
  });

  test("--json: one object per line", async () => {
    const io = createMemoryIo({ cwd: "/" });
    await twinsListCommand({ json: true }, io, catalog);
    expect(io.stdoutText().trim().split("\n").map((line) => JSON.parse(line) as unknown)).toEqual([
      { name: "notes", description: "a toy notes service" },
      { name: "counter", description: "a toy counter" },
    ]);
  });

  test("through runCli: every twin, one line each", async () => {
    const io = createMemoryIo({ cwd: "/" });
    expect(await runCli(["twins", "list"], io)).toBe(0);
    expect(io.stdoutText()).toMatch(/^slack {6}Slack Web API.*\njira {7}Jira Cloud.*\nokta {7}Okta .*\ngoogle {5}Google .*\nopenai {5}OpenAI .*\nanthropic {2}Anthropic .*\ngemini {5}Gemini .*\n$/);
  });
});
