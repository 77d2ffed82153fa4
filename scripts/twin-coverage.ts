/**
 * Writes docs/twins/coverage.md: every vendor method, supported / partial / not yet, and the test
 * that proves it. The method lists come from the vendors' own descriptions in vendor/apis/ (so
 * nothing the vendor has can be left off) where there is one, and from a list declared below for
 * the LLM providers, which publish none we keep; the statuses come from what each twin declares it
 * supports (`SLACK_COVERAGE` in src/twins/slack/coverage.ts, `JIRA_COVERAGE`, ...). A declaration
 * that names a method the vendor does not have, or a test that does not exist, fails the
 * generation: the matrix must stay honest.
 *
 * One twin is one entry of `TWINS`: a title, where its methods come from (`slackMethods`,
 * `openApiOperations` for an OpenAPI file in JSON or YAML, `discoveryMethods` for a Google
 * discovery document, or `declaredOperations`), and the file and name of its declaration.
 *
 *   node --import tsx scripts/twin-coverage.ts           write the file
 *   node --import tsx scripts/twin-coverage.ts --check   exit 1 if the committed file is stale
 * test/twin-coverage.test.ts runs the check on every test run.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parse as parseYaml } from "yaml";

export type CoverageStatus = "supported" | "partial";

export interface CoverageEntry {
  status: CoverageStatus;
  /** The test that proves it: a test file, optionally `> test name`. */
  test: string;
  note?: string;
}

export type CoverageDeclaration = Record<string, CoverageEntry>;

export interface VendorMethod {
  /** The key a declaration uses: `chat.postMessage`, `GET /rest/api/3/issue/{issueIdOrKey}`. */
  key: string;
  group: string;
  summary: string;
  deprecated: boolean;
}

/** One twin of the matrix: adding a twin is adding one of these to `TWINS`. */
export interface TwinCoverageSource {
  title: string;
  /** "methods" (Slack, Google: named methods) or "operations" (an HTTP method on a path). */
  unit: string;
  /** Where the method list comes from, as the document shows it. */
  source: string;
  methods: (root: string) => VendorMethod[];
  /** The twin's declaration: a module exporting `declarationName` (a CoverageDeclaration). */
  declarationFile: string;
  declarationName: string;
}

interface TwinSection extends Omit<TwinCoverageSource, "methods"> {
  methods: VendorMethod[];
  /** Undefined when the twin has no declaration file yet. */
  declaration: CoverageDeclaration | undefined;
}

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const COVERAGE_DOCUMENT = "docs/twins/coverage.md";
const HTTP_METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

export function slackMethods(root: string): VendorMethod[] {
  const directory = join(root, "vendor/apis/slack/methods");
  return readdirSync(directory)
    .filter((name) => name.endsWith(".json"))
    .map((name) => {
      const key = name.slice(0, -".json".length);
      const description = JSON.parse(readFileSync(join(directory, name), "utf8")) as { desc?: string; deprecated?: boolean };
      return { key, group: key.split(".")[0]!, summary: firstSentence(description.desc ?? ""), deprecated: description.deprecated === true };
    })
    .sort((left, right) => left.key.localeCompare(right.key));
}

/** Every operation of an OpenAPI (or Swagger 2) document, JSON or YAML, grouped by its first tag. */
export function openApiOperations(file: string): (root: string) => VendorMethod[] {
  return (root) => {
    const text = readFileSync(join(root, file), "utf8");
    const document = (file.endsWith(".json") ? JSON.parse(text) : parseYaml(text)) as {
      paths?: Record<string, Record<string, { tags?: string[]; summary?: string; deprecated?: boolean }>>;
    };
    const operations: VendorMethod[] = [];
    for (const [path, item] of Object.entries(document.paths ?? {})) {
      for (const [method, operation] of Object.entries(item)) {
        if (!HTTP_METHODS.includes(method)) continue;
        operations.push({ key: `${method.toUpperCase()} ${path}`, group: operation.tags?.[0] ?? "Other", summary: operation.summary ?? "", deprecated: operation.deprecated === true });
      }
    }
    return sortOperations(operations);
  };
}

function sortOperations(operations: VendorMethod[]): VendorMethod[] {
  return operations.sort((left, right) => left.group.localeCompare(right.group) || pathOf(left.key).localeCompare(pathOf(right.key)) || left.key.localeCompare(right.key));
}

interface DiscoveryResource {
  methods?: Record<string, { id?: string; description?: string; deprecated?: boolean }>;
  resources?: Record<string, DiscoveryResource>;
}

/** Every method of a Google API discovery document (`drive.files.list`), grouped by its top resource. */
export function discoveryMethods(file: string): (root: string) => VendorMethod[] {
  return (root) => {
    const document = JSON.parse(readFileSync(join(root, file), "utf8")) as DiscoveryResource;
    const methods: VendorMethod[] = [];
    const visit = (resource: DiscoveryResource, group: string | undefined, path: string[]): void => {
      for (const [name, method] of Object.entries(resource.methods ?? {})) {
        methods.push({ key: method.id ?? [...path, name].join("."), group: group ?? "Other", summary: firstSentence(method.description ?? ""), deprecated: method.deprecated === true });
      }
      for (const [name, child] of Object.entries(resource.resources ?? {})) visit(child, group ?? name, [...path, name]);
    };
    visit(document, undefined, []);
    return methods.sort((left, right) => left.group.localeCompare(right.group) || left.key.localeCompare(right.key));
  };
}

/**
 * A vendor's operations declared here, for vendors whose description we do not keep in
 * vendor/apis (the LLM providers): each is `[group, "METHOD /path" or method id, summary]`,
 * taken from the vendor's API reference.
 */
export function declaredOperations(operations: readonly (readonly [string, string, string])[]): () => VendorMethod[] {
  return () => operations.map(([group, key, summary]) => ({ key, group, summary, deprecated: false }));
}

function pathOf(key: string): string {
  return key.slice(key.indexOf(" ") + 1);
}

function firstSentence(text: string): string {
  const line = text.split("\n")[0]!.trim();
  const end = line.search(/\.(\s|$)/);
  return end === -1 ? line : line.slice(0, end + 1);
}

async function loadDeclaration(root: string, file: string, name: string): Promise<CoverageDeclaration | undefined> {
  const path = join(root, file);
  if (!existsSync(path)) return undefined;
  const module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  const declaration = module[name];
  if (typeof declaration !== "object" || declaration === null) throw new Error(`${file} does not export ${name}`);
  return declaration as CoverageDeclaration;
}

/**
 * `file.test.ts > test name` (or `file.test.ts > describe > test name`) must name a file that
 * exists and, when names are given, contains each of them (literally, or JSON-escaped): a renamed
 * or deleted test must not keep proving anything.
 */
function checkTestReference(reference: string, root: string): string | undefined {
  const separator = reference.indexOf(">");
  const file = (separator === -1 ? reference : reference.slice(0, separator)).trim();
  const name = separator === -1 ? "" : reference.slice(separator + 1).trim();
  if (file === "") return 'expected the test that proves it ("path/to/file.test.ts > test name")';
  if (!existsSync(join(root, file))) return `no such file ${file}`;
  if (name === "") return undefined;
  const source = readFileSync(join(root, file), "utf8");
  // "describe > test": each level must be there.
  const missing = name.split(" > ").find((part) => !source.includes(part) && !source.includes(JSON.stringify(part).slice(1, -1)));
  if (missing === undefined) return undefined;
  return `no test named ${JSON.stringify(missing)} in ${file}`;
}

/** Problems that make a matrix dishonest: unknown methods, bad statuses, tests that do not exist. */
export function checkDeclaration(section: TwinSection, root: string): string[] {
  if (!section.declaration) return [];
  const known = new Set(section.methods.map((method) => method.key));
  const problems: string[] = [];
  for (const [key, entry] of Object.entries(section.declaration)) {
    const at = `${section.declarationFile}: ${section.declarationName}[${JSON.stringify(key)}]`;
    if (!known.has(key)) problems.push(`${at}: not a method of ${section.source}`);
    if (entry.status !== "supported" && entry.status !== "partial") problems.push(`${at}.status: expected "supported" or "partial", got ${JSON.stringify(entry.status)}`);
    const problem = checkTestReference(typeof entry.test === "string" ? entry.test : "", root);
    if (problem) problems.push(`${at}.test: ${problem}`);
  }
  return problems;
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function counts(section: TwinSection, methods = section.methods): { supported: number; partial: number; notYet: number } {
  let supported = 0;
  let partial = 0;
  for (const method of methods) {
    const status = section.declaration?.[method.key]?.status;
    if (status === "supported") supported++;
    else if (status === "partial") partial++;
  }
  return { supported, partial, notYet: methods.length - supported - partial };
}

function renderSection(section: TwinSection): string[] {
  const lines = [`## ${section.title}`, ""];
  const total = counts(section);
  const source = section.source.startsWith("vendor/") ? `in \`${section.source}\`` : `(${section.source})`;
  lines.push(`${section.methods.length} ${section.unit} ${source}: ${total.supported} supported, ${total.partial} partial, ${total.notYet} not yet.`);
  if (!section.declaration) lines.push("", `No declaration yet: \`${section.declarationFile}\` does not exist, so every method is "not yet".`);
  lines.push("");
  const groups = [...new Set(section.methods.map((method) => method.group))];
  for (const group of groups) {
    const members = section.methods.filter((method) => method.group === group);
    const tally = counts(section, members);
    lines.push(`### ${group}`, "", `${members.length} ${section.unit}: ${tally.supported} supported, ${tally.partial} partial, ${tally.notYet} not yet.`, "");
    lines.push("| method | status | proven by | note | what it does |", "|---|---|---|---|---|");
    for (const method of members) {
      const entry = section.declaration?.[method.key];
      const note = [entry?.note ?? "", method.deprecated ? "deprecated by the vendor" : ""].filter(Boolean).join("; ");
      lines.push(`| \`${cell(method.key)}\` | ${entry?.status ?? "not yet"} | ${entry ? `\`${cell(entry.test)}\`` : ""} | ${cell(note)} | ${cell(method.summary)} |`);
    }
    lines.push("");
  }
  return lines;
}

/** The OpenAI text-generation surface (platform.openai.com/docs/api-reference): no vendor file is kept. */
const OPENAI_OPERATIONS = [
  ["Responses", "POST /v1/responses", "Create a model response."],
  ["Responses", "GET /v1/responses/{response_id}", "Retrieve a model response."],
  ["Responses", "DELETE /v1/responses/{response_id}", "Delete a model response."],
  ["Responses", "POST /v1/responses/{response_id}/cancel", "Cancel a background response."],
  ["Responses", "GET /v1/responses/{response_id}/input_items", "List the input items of a response."],
  ["Responses", "POST /v1/responses/input_tokens", "Count the input tokens of a response request."],
  ["Chat Completions", "POST /v1/chat/completions", "Create a chat completion."],
  ["Chat Completions", "GET /v1/chat/completions", "List stored chat completions."],
  ["Chat Completions", "GET /v1/chat/completions/{completion_id}", "Get a stored chat completion."],
  ["Chat Completions", "POST /v1/chat/completions/{completion_id}", "Update a stored chat completion's metadata."],
  ["Chat Completions", "DELETE /v1/chat/completions/{completion_id}", "Delete a stored chat completion."],
  ["Chat Completions", "GET /v1/chat/completions/{completion_id}/messages", "Get the messages of a stored chat completion."],
  ["Models", "GET /v1/models", "List models."],
  ["Models", "GET /v1/models/{model}", "Retrieve a model."],
  ["Embeddings", "POST /v1/embeddings", "Create embeddings."],
] as const;

/** The Anthropic API's model surface (docs.anthropic.com/en/api): no vendor file is kept. */
const ANTHROPIC_OPERATIONS = [
  ["Messages", "POST /v1/messages", "Create a message."],
  ["Messages", "POST /v1/messages/count_tokens", "Count the tokens of a message request."],
  ["Message Batches", "POST /v1/messages/batches", "Create a message batch."],
  ["Message Batches", "GET /v1/messages/batches", "List message batches."],
  ["Message Batches", "GET /v1/messages/batches/{message_batch_id}", "Retrieve a message batch."],
  ["Message Batches", "GET /v1/messages/batches/{message_batch_id}/results", "Retrieve the results of a message batch."],
  ["Message Batches", "POST /v1/messages/batches/{message_batch_id}/cancel", "Cancel a message batch."],
  ["Message Batches", "DELETE /v1/messages/batches/{message_batch_id}", "Delete a message batch."],
  ["Models", "GET /v1/models", "List models."],
  ["Models", "GET /v1/models/{model_id}", "Get a model."],
] as const;

/** The Gemini API's methods (ai.google.dev/api), named as its discovery document does: no vendor file is kept. */
const GEMINI_OPERATIONS = [
  ["models", "models.generateContent", "Generates a model response given an input."],
  ["models", "models.streamGenerateContent", "Generates a streamed response from the model given an input."],
  ["models", "models.countTokens", "Runs a model's tokenizer on input content and returns the token count."],
  ["models", "models.embedContent", "Generates a text embedding vector from the input content."],
  ["models", "models.batchEmbedContents", "Generates multiple embedding vectors from the input content."],
  ["models", "models.list", "Lists the models available through the Gemini API."],
  ["models", "models.get", "Gets information about a specific model."],
  ["cachedContents", "cachedContents.create", "Creates a cached content resource."],
  ["cachedContents", "cachedContents.list", "Lists cached contents."],
  ["cachedContents", "cachedContents.get", "Reads a cached content resource."],
  ["cachedContents", "cachedContents.patch", "Updates a cached content resource (only the expiration)."],
  ["cachedContents", "cachedContents.delete", "Deletes a cached content resource."],
  ["files", "files.list", "Lists the files owned by the project."],
  ["files", "files.get", "Gets the metadata of a file."],
  ["files", "files.delete", "Deletes a file."],
] as const;

const DECLARED = "declared in scripts/twin-coverage.ts from the vendor's API reference; vendor/apis has no description of it";

/** Every twin of the matrix, in the document's order. Okta and Google: one entry each, e.g. `openApiOperations("vendor/apis/okta/management-minimal.yaml")`. */
export const TWINS: readonly TwinCoverageSource[] = [
  { title: "Slack Web API", unit: "methods", source: "vendor/apis/slack/methods/*.json", methods: slackMethods, declarationFile: "src/twins/slack/coverage.ts", declarationName: "SLACK_COVERAGE" },
  {
    title: "Jira Cloud platform REST v3",
    unit: "operations",
    source: "vendor/apis/jira/jira-platform-swagger-v3.json",
    methods: openApiOperations("vendor/apis/jira/jira-platform-swagger-v3.json"),
    declarationFile: "src/twins/jira/coverage.ts",
    declarationName: "JIRA_COVERAGE",
  },
  { title: "Okta Management API", unit: "operations", source: "vendor/apis/okta/management-minimal.yaml", methods: openApiOperations("vendor/apis/okta/management-minimal.yaml"), declarationFile: "src/twins/okta/coverage.ts", declarationName: "OKTA_MANAGEMENT_COVERAGE" },
  { title: "Okta OAuth 2.0 / OpenID Connect", unit: "operations", source: "vendor/apis/okta/oauth-minimal.yaml", methods: openApiOperations("vendor/apis/okta/oauth-minimal.yaml"), declarationFile: "src/twins/okta/coverage.ts", declarationName: "OKTA_OAUTH_COVERAGE" },
  { title: "Google Drive v3", unit: "methods", source: "vendor/apis/google/drive-v3.discovery.json", methods: discoveryMethods("vendor/apis/google/drive-v3.discovery.json"), declarationFile: "src/twins/google-drive/coverage.ts", declarationName: "DRIVE_COVERAGE" },
  { title: "Google Docs v1", unit: "methods", source: "vendor/apis/google/docs-v1.discovery.json", methods: discoveryMethods("vendor/apis/google/docs-v1.discovery.json"), declarationFile: "src/twins/google-docs/coverage.ts", declarationName: "DOCS_COVERAGE" },
  { title: "Google Sheets v4", unit: "methods", source: "vendor/apis/google/sheets-v4.discovery.json", methods: discoveryMethods("vendor/apis/google/sheets-v4.discovery.json"), declarationFile: "src/twins/google-sheets/coverage.ts", declarationName: "SHEETS_COVERAGE" },
  { title: "OpenAI API (Responses, Chat Completions)", unit: "operations", source: DECLARED, methods: declaredOperations(OPENAI_OPERATIONS), declarationFile: "src/twins/openai/coverage.ts", declarationName: "OPENAI_COVERAGE" },
  { title: "Anthropic Messages API", unit: "operations", source: DECLARED, methods: declaredOperations(ANTHROPIC_OPERATIONS), declarationFile: "src/twins/anthropic/coverage.ts", declarationName: "ANTHROPIC_COVERAGE" },
  { title: "Gemini API", unit: "methods", source: DECLARED, methods: declaredOperations(GEMINI_OPERATIONS), declarationFile: "src/twins/gemini/coverage.ts", declarationName: "GEMINI_COVERAGE" },
];

export async function loadSections(root = ROOT, twins: readonly TwinCoverageSource[] = TWINS): Promise<TwinSection[]> {
  return Promise.all(
    twins.map(async (twin) => ({ ...twin, methods: twin.methods(root), declaration: await loadDeclaration(root, twin.declarationFile, twin.declarationName) })),
  );
}

/** The whole document, or the problems that keep it from being honest. */
export async function buildCoverageMatrix(root = ROOT, twins: readonly TwinCoverageSource[] = TWINS): Promise<{ text: string; problems: string[] }> {
  const sections = await loadSections(root, twins);
  const problems = sections.flatMap((section) => checkDeclaration(section, root));
  const lines = [
    "# Twin coverage",
    "",
    "<!-- Generated by `node --import tsx scripts/twin-coverage.ts`; do not edit. test/twin-coverage.test.ts fails when it is stale. -->",
    "",
    "Every method the vendor describes, and whether its twin has it: **supported** (the method behaves as",
    "the vendor's does, for the arguments, errors and paging the vendor documents), **partial** (it answers,",
    "with the limits in the note), or **not yet**. \"Proven by\" names the test that drives the method, with the",
    "vendor's official SDK where one exists. Statuses come from each twin's own declaration",
    `(${sections.map((section) => `\`${section.declarationName}\``).join(", ")}); the method lists come from the vendors' descriptions in`,
    "`vendor/apis/`, or, for the LLM providers, from a list declared in the script from the vendor's API reference.",
    "",
    "| twin | methods or operations | supported | partial | not yet |",
    "|---|---|---|---|---|",
    ...sections.map((section) => {
      const total = counts(section);
      return `| ${section.title} | ${section.methods.length} | ${total.supported} | ${total.partial} | ${total.notYet} |`;
    }),
    "",
    ...sections.flatMap(renderSection),
  ];
  return { text: `${lines.join("\n").trimEnd()}\n`, problems };
}

async function main(argv: string[]): Promise<number> {
  const { text, problems } = await buildCoverageMatrix();
  if (problems.length > 0) {
    for (const problem of problems) console.error(`twin-coverage: ${problem}`);
    return 1;
  }
  const target = join(ROOT, COVERAGE_DOCUMENT);
  if (argv.includes("--check")) {
    const current = existsSync(target) ? readFileSync(target, "utf8") : "";
    if (current === text) return 0;
    console.error(`twin-coverage: ${COVERAGE_DOCUMENT} is stale; run: node --import tsx scripts/twin-coverage.ts`);
    return 1;
  }
  writeFileSync(target, text);
  console.log(`twin-coverage: wrote ${relative(process.cwd(), target) || target}`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = await main(process.argv.slice(2));
