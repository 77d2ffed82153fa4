/**
 * Writes docs/twins/coverage.md: every vendor method, supported / partial / not yet, and the test
 * that proves it. The method lists come from the vendors' own descriptions in vendor/apis/ (so
 * nothing the vendor has can be left off); the statuses come from what each twin declares it
 * supports (`SLACK_COVERAGE` in src/twins/slack/coverage.ts, `JIRA_COVERAGE` in
 * src/twins/jira/coverage.ts). A declaration that names a method the vendor does not have, or a
 * test file that does not exist, fails the generation: the matrix must stay honest.
 *
 *   node --import tsx scripts/twin-coverage.ts           write the file
 *   node --import tsx scripts/twin-coverage.ts --check   exit 1 if the committed file is stale
 * test/twin-coverage.test.ts runs the check on every test run.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export type CoverageStatus = "supported" | "partial";

export interface CoverageEntry {
  status: CoverageStatus;
  /** The test that proves it: a test file, optionally `> test name`. */
  test: string;
  note?: string;
}

export type CoverageDeclaration = Record<string, CoverageEntry>;

interface VendorMethod {
  /** The key a declaration uses: `chat.postMessage`, `GET /rest/api/3/issue/{issueIdOrKey}`. */
  key: string;
  group: string;
  summary: string;
  deprecated: boolean;
}

interface TwinSection {
  title: string;
  /** "methods" (Slack) or "operations" (Jira: an HTTP method on a path). */
  unit: string;
  source: string;
  declarationFile: string;
  declarationName: string;
  methods: VendorMethod[];
  /** Undefined when the twin has no declaration file yet. */
  declaration: CoverageDeclaration | undefined;
}

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const COVERAGE_DOCUMENT = "docs/twins/coverage.md";
const HTTP_METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

function slackMethods(root: string): VendorMethod[] {
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

function jiraOperations(root: string): VendorMethod[] {
  const document = JSON.parse(readFileSync(join(root, "vendor/apis/jira/jira-platform-swagger-v3.json"), "utf8")) as {
    paths: Record<string, Record<string, { tags?: string[]; summary?: string; deprecated?: boolean }>>;
  };
  const operations: VendorMethod[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!HTTP_METHODS.includes(method)) continue;
      operations.push({ key: `${method.toUpperCase()} ${path}`, group: operation.tags?.[0] ?? "Other", summary: operation.summary ?? "", deprecated: operation.deprecated === true });
    }
  }
  return operations.sort((left, right) => left.group.localeCompare(right.group) || pathOf(left.key).localeCompare(pathOf(right.key)) || left.key.localeCompare(right.key));
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
 * `file.test.ts > test name` must name a file that exists and, when a name is given, contains it
 * (literally, or JSON-escaped): a renamed or deleted test must not keep proving anything.
 */
function checkTestReference(reference: string, root: string): string | undefined {
  const separator = reference.indexOf(">");
  const file = (separator === -1 ? reference : reference.slice(0, separator)).trim();
  const name = separator === -1 ? "" : reference.slice(separator + 1).trim();
  if (file === "") return 'expected the test that proves it ("path/to/file.test.ts > test name")';
  if (!existsSync(join(root, file))) return `no such file ${file}`;
  if (name === "") return undefined;
  const source = readFileSync(join(root, file), "utf8");
  if (source.includes(name) || source.includes(JSON.stringify(name).slice(1, -1))) return undefined;
  return `no test named ${JSON.stringify(name)} in ${file}`;
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
  lines.push(`${section.methods.length} ${section.unit} in \`${section.source}\`: ${total.supported} supported, ${total.partial} partial, ${total.notYet} not yet.`);
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

export async function loadSections(root = ROOT): Promise<TwinSection[]> {
  return [
    {
      title: "Slack Web API",
      unit: "methods",
      source: "vendor/apis/slack/methods/*.json",
      declarationFile: "src/twins/slack/coverage.ts",
      declarationName: "SLACK_COVERAGE",
      methods: slackMethods(root),
      declaration: await loadDeclaration(root, "src/twins/slack/coverage.ts", "SLACK_COVERAGE"),
    },
    {
      title: "Jira Cloud platform REST v3",
      unit: "operations",
      source: "vendor/apis/jira/jira-platform-swagger-v3.json",
      declarationFile: "src/twins/jira/coverage.ts",
      declarationName: "JIRA_COVERAGE",
      methods: jiraOperations(root),
      declaration: await loadDeclaration(root, "src/twins/jira/coverage.ts", "JIRA_COVERAGE"),
    },
  ];
}

/** The whole document, or the problems that keep it from being honest. */
export async function buildCoverageMatrix(root = ROOT): Promise<{ text: string; problems: string[] }> {
  const sections = await loadSections(root);
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
    "(`SLACK_COVERAGE`, `JIRA_COVERAGE`); the method lists come from the vendors' descriptions in `vendor/apis/`.",
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
