/**
 * Scenario text -> `Scenario`: YAML syntax, then the schema (format/input-schema.ts), then fixture
 * files, then the model. Every problem is reported at once, each as `file:line:col: path: what was
 * expected`, in a ScenarioFormatError (a LightsoutError `SCENARIO`).
 */
import { readFileSync } from "node:fs";
import { dirname, isAbsolute, join } from "node:path";
import { fixtureFormatOf, FixtureSyntaxError, parseFixtureText } from "../../twins/kit/index.js";
import type { Scenario } from "../model.js";
import { formatJsonPath } from "../templates.js";
import { compareDiagnostics, ScenarioFormatError, type ScenarioDiagnostic } from "./diagnostic.js";
import { scenarioFileSchema, type ScenarioFile } from "./input-schema.js";
import { schemaProblems } from "./issues.js";
import { isRecord } from "./schema-helpers.js";
import { locatePath, parseLocatable, positionOfOffset, type LocatableSource, type PathSegment } from "./source-positions.js";
import { toScenario } from "./to-model.js";

export interface ParseOptions {
  /** Reads a fixture file named by a scenario (relative paths are joined to the scenario's directory). Default: the file system. */
  readFile?: (path: string) => string;
}

function problemAt(file: string, source: LocatableSource, path: PathSegment[], message: string, rule: string, at: "value" | "key" = "value"): ScenarioDiagnostic {
  const { line, column } = locatePath(source, path, at);
  const where = path.length > 0 ? `${formatJsonPath(path)}: ` : "";
  return { file, line, column, severity: "error", rule, message: `${where}${message}` };
}

function syntaxProblems(file: string, source: LocatableSource): ScenarioDiagnostic[] {
  return source.document.errors.map((error) => {
    const { line, column } = positionOfOffset(source, error.pos[0]);
    return { file, line, column, severity: "error", rule: "yaml-syntax", message: `invalid YAML: ${error.message.split("\n")[0]}` };
  });
}

function readReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "is a directory";
  if (code === "EACCES") return "permission denied";
  return error instanceof Error ? error.message : String(error);
}

/** Reads and parses the fixtures given as file paths; problems are diagnostics, not exceptions. */
function readFixtureFiles(
  input: ScenarioFile,
  file: string,
  source: LocatableSource,
  readFile: (path: string) => string,
): { files: Record<string, { value: unknown; file: string }>; problems: ScenarioDiagnostic[] } {
  const files: Record<string, { value: unknown; file: string }> = {};
  const problems: ScenarioDiagnostic[] = [];
  for (const [name, setup] of Object.entries(input.twins)) {
    if (typeof setup.fixture !== "string") continue;
    const path = isAbsolute(setup.fixture) ? setup.fixture : join(dirname(file), setup.fixture);
    let text: string;
    try {
      text = readFile(path);
    } catch (error) {
      problems.push(problemAt(file, source, ["twins", name, "fixture"], `cannot read fixture file ${path}: ${readReason(error)}`, "fixture-file"));
      continue;
    }
    try {
      files[name] = { value: parseFixtureText(text, path, fixtureFormatOf(path)), file: path };
    } catch (error) {
      if (!(error instanceof FixtureSyntaxError)) throw error;
      problems.push({ file: path, line: error.line, column: error.column, severity: "error", rule: "fixture-syntax", message: error.detail });
    }
  }
  return { files, problems };
}

/** Parses one scenario file's text; `file` names it in messages and anchors relative fixture paths. */
export function parseScenarioText(text: string, file: string, options: ParseOptions = {}): Scenario {
  const source = parseLocatable(text);
  const syntax = syntaxProblems(file, source);
  if (syntax.length > 0) throw new ScenarioFormatError(syntax);

  const raw = source.document.toJS({ maxAliasCount: 100 }) as unknown;
  if (!isRecord(raw)) {
    const got = raw === null || raw === undefined ? "an empty file" : Array.isArray(raw) ? "a list" : "a single value";
    throw new ScenarioFormatError([{ file, line: 1, column: 1, severity: "error", rule: "schema", message: `expected a scenario (a mapping with id, title, steps, expect), got ${got}` }]);
  }
  const parsed = scenarioFileSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = schemaProblems(parsed.error, raw).map((problem) => problemAt(file, source, problem.path, problem.message, "schema", problem.at));
    throw new ScenarioFormatError(problems.sort(compareDiagnostics));
  }

  const fixtures = readFixtureFiles(parsed.data, file, source, options.readFile ?? ((path) => readFileSync(path, "utf8")));
  if (fixtures.problems.length > 0) throw new ScenarioFormatError(fixtures.problems);
  return toScenario(parsed.data, {
    file,
    text,
    lineOf: (path) => locatePath(source, path).line,
    fixtureFiles: fixtures.files,
  });
}

/** Reads and parses one scenario file. */
export function loadScenarioFile(path: string): Scenario {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new ScenarioFormatError([{ file: path, line: 1, column: 1, severity: "error", rule: "read", message: `cannot read scenario file: ${readReason(error)}` }]);
  }
  return parseScenarioText(text, path);
}
