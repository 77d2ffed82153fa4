// Prompt caching of the coding agent: for each provider (OpenAI, Anthropic, Gemini), a real agent
// session (the built LLM client over HTTP to the served provider twin, a LocalExecutionEnvironment
// on a temp-dir workspace) is driven by a scripted policy for 30 model turns: 29 tool rounds
// (read_file, shell `echo`, grep in turn) and a text answer. Reports the share of input tokens the
// provider served from its prompt cache against the ideal share (every request's previous request
// cached whole), and the request bytes sent per turn. Definitions: bench/README.md.
// Usage: node bench/agent-cache.bench.js (after npm run build); bench/run.js runs it with the others.
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createAnthropicProfile, createGeminiProfile, createOpenAIProfile, createSession, LocalExecutionEnvironment } from "../dist/agent/index.js";
import { createLlmClient } from "../dist/llm/index.js";
import { anthropicApiKey, createAnthropicTwin, createGeminiTwin, createOpenAITwin, geminiApiKey, openaiApiKey, serveTwin, setPolicy } from "../dist/twins/index.js";
import { summarize } from "./measure.js";

const TURNS = 30;
const FILES = 6;

const PROVIDERS = [
  {
    id: "openai",
    createTwin: () => createOpenAITwin({ seed: 51 }),
    profile: () => createOpenAIProfile("gpt-5"),
    env: (baseUrl, key) => ({ OPENAI_API_KEY: key, OPENAI_BASE_URL: `${baseUrl}/v1` }),
    apiKey: openaiApiKey,
    caching: "automatic prefix, >= 1024 tokens, 128-token steps",
  },
  {
    id: "anthropic",
    createTwin: () => createAnthropicTwin({ seed: 52 }),
    profile: () => createAnthropicProfile("claude-sonnet-4-5"),
    env: (baseUrl, key) => ({ ANTHROPIC_API_KEY: key, ANTHROPIC_BASE_URL: `${baseUrl}/v1` }),
    apiKey: anthropicApiKey,
    caching: "explicit cache_control breakpoints",
  },
  {
    id: "gemini",
    createTwin: () => createGeminiTwin({ seed: 53 }),
    profile: () => createGeminiProfile("gemini-2.5-pro"),
    env: (baseUrl, key) => ({ GEMINI_API_KEY: key, GEMINI_BASE_URL: `${baseUrl}/v1beta` }),
    apiKey: geminiApiKey,
    caching: "implicit prefix",
  },
];

/** A small project to work on: a few modules with enough lines that reading one costs tokens. */
async function createWorkspace() {
  const directory = await mkdtemp(path.join(tmpdir(), "lightsout-agent-cache-"));
  await mkdir(path.join(directory, "src"));
  for (let file = 0; file < FILES; file++) {
    const lines = Array.from({ length: 40 }, (_, line) => `export function module${file}Step${line}(input: number): number { return input * ${line + 1} + ${file}; } // TODO review`);
    await writeFile(path.join(directory, "src", `module-${file}.ts`), `${lines.join("\n")}\n`);
  }
  await writeFile(path.join(directory, "AGENTS.md"), "# Project notes\n\nRun `npm test` after every change. Keep functions pure; the modules under src/ are generated.\n");
  return directory;
}

/** Turn `index` (0-based) of the script: tool rounds cycling read_file / shell echo / grep, then the answer. */
function scriptedTurn(index) {
  if (index >= TURNS - 1) return { text: `Reviewed ${FILES} modules over ${TURNS - 1} tool rounds; nothing to change.` };
  const file = `src/module-${index % FILES}.ts`;
  const kind = index % 3;
  if (kind === 0) return { toolCalls: [{ name: "read_file", arguments: { file_path: file } }] };
  if (kind === 1) return { toolCalls: [{ name: "shell", arguments: { command: `echo checked ${file}` } }] };
  return { toolCalls: [{ name: "grep", arguments: { pattern: `Step${index % 40}\\b`, path: "src" } }] };
}

/** A fetch that records the size of every request body it sends before passing it on. */
function measuringFetch(bodySizes) {
  return async (input, init) => {
    const body = init?.body;
    const size = typeof body === "string" ? Buffer.byteLength(body) : body instanceof Uint8Array ? body.byteLength : body instanceof ArrayBuffer ? body.byteLength : 0;
    bodySizes.push(size);
    return fetch(input, init);
  };
}

/**
 * The ideal cached share: request i could at best be served the whole of request i-1's prompt from
 * the cache (its own new tail cannot be), so ideal = sum over i >= 1 of input(i-1) / sum of input(i).
 */
export function idealCachedShare(inputTokensPerTurn) {
  const total = inputTokensPerTurn.reduce((sum, tokens) => sum + tokens, 0);
  const previous = inputTokensPerTurn.slice(0, -1).reduce((sum, tokens) => sum + tokens, 0);
  return total === 0 ? 0 : previous / total;
}

async function runProvider(provider) {
  const twin = provider.createTwin();
  const served = await serveTwin(twin);
  const directory = await createWorkspace();
  try {
    const tenant = twin.tenant();
    setPolicy(tenant, (request) => scriptedTurn(request.index));
    const bodySizes = [];
    const usages = [];
    const llm = createLlmClient({
      env: provider.env(served.baseUrl, provider.apiKey(tenant)),
      retry: { maxRetries: 0 },
      fetch: measuringFetch(bodySizes),
      onCall: (record) => usages.push(record.response.usage),
    });
    const session = createSession({
      profile: provider.profile(),
      environment: new LocalExecutionEnvironment({ workingDir: directory }),
      llm,
      config: { enableLoopDetection: false },
    });
    const result = await session.submit("Review every module under src/: read each one, check it with the shell and grep for its steps, then summarize.");
    await session.close();
    if (result.outcome !== "completed") throw new Error(`${provider.id}: the session ended ${result.outcome}, not completed`);
    if (usages.length !== TURNS) throw new Error(`${provider.id}: ${usages.length} model calls, expected ${TURNS}`);
    const inputs = usages.map((usage) => usage.inputTokens);
    const total = inputs.reduce((sum, tokens) => sum + tokens, 0);
    const cached = usages.reduce((sum, usage) => sum + (usage.cacheReadTokens ?? 0), 0);
    const written = usages.reduce((sum, usage) => sum + (usage.cacheWriteTokens ?? 0), 0);
    const actualShare = total === 0 ? 0 : cached / total;
    const idealShare = idealCachedShare(inputs);
    const totalBytes = bodySizes.reduce((sum, size) => sum + size, 0);
    const uncachedTurns = usages.slice(1).filter((usage) => (usage.cacheReadTokens ?? 0) === 0).length;
    // unified-llm-spec 8.6: from turn 5 on, cache reads should be over half of each turn's input.
    const laterTurns = usages.slice(4);
    const mostlyCached = laterTurns.filter((usage) => (usage.cacheReadTokens ?? 0) > usage.inputTokens / 2).length;
    return {
      title: `agent prompt cache: ${provider.id} (${provider.caching}), ${TURNS} turns, ${usages.length} requests`,
      rows: [
        { name: "input tokens, all turns", value: { median: total }, unit: "tokens" },
        { name: "cached input tokens (cache reads)", value: { median: cached }, unit: "tokens" },
        ...(written > 0 ? [{ name: "cache writes (Anthropic, billed 1.25x)", value: { median: written }, unit: "tokens" }] : []),
        { name: "first request's prompt", value: { median: inputs[0] }, unit: "tokens" },
        { name: "share served from cache", value: { median: actualShare * 100 }, unit: "%" },
        { name: "ideal share (previous prompt cached whole)", value: { median: idealShare * 100 }, unit: "%" },
        { name: "ratio actual / ideal", value: { median: idealShare === 0 ? 0 : actualShare / idealShare }, unit: "x" },
        { name: "request body per turn", value: summarize(bodySizes), unit: "bytes" },
        { name: "request bodies, all turns", value: { median: totalBytes / 1024 }, unit: "KiB" },
        { name: "ratio all bodies / last body (conversation re-sent)", value: { median: totalBytes / bodySizes.at(-1) }, unit: "x" },
      ],
      notes: [
        `turns after the first with no cache read: ${uncachedTurns}; turns 5-${TURNS} with cache reads over half their input: ${mostlyCached}/${laterTurns.length}`,
        `body per turn: median (min, max) over ${bodySizes.length} requests`,
      ],
    };
  } finally {
    await served.close();
    await rm(directory, { recursive: true, force: true });
  }
}

export async function runAgentCacheBenchmark({ providers = PROVIDERS } = {}) {
  const reports = [];
  for (const provider of providers) reports.push(await runProvider(provider));
  return reports;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { printReport } = await import("./report.js");
  printReport(await runAgentCacheBenchmark());
}
