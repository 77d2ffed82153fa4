/**
 * `lightsout/spec`: NLSpecs, the structured Markdown a factory run starts from. Parse a SPEC.md
 * into a `SpecDocument`, lint it (checkable requirements, contradictions, scenario coverage) and
 * compile it into the factory's Attractor DOT pipeline. Guide: docs/spec/README.md.
 */
export type * from "./model.js";
export { formatSpecIssue, compareSpecIssues, SpecFormatError, type SpecIssue } from "./issues.js";
export { parseSpec, readSpec, readSpecText, loadSpecFile, nameFromTitle, type ReadSpecResult } from "./parse.js";
export { specFrontMatterSchema, SPEC_NAME_PATTERN, type SpecFrontMatterInput } from "./front-matter.js";
export { KNOWN_SECTIONS, REQUIRED_SECTIONS, normalizeSectionName } from "./sections.js";
export { compileSpec, FACTORY_NODES, FACTORY_HANDLER_TYPES, type CompileSpecOptions, type CompiledSpec } from "./compile.js";
export { dotString, dotText, dotIdentifier } from "./dot-string.js";
export { lintSpec, lintSpecText, lintSpecFile, loadCoverageScenarios, SPEC_RULES, type LintSpecOptions, type SpecLintResult } from "./lint.js";
export { VAGUE_WORDS } from "./lint-requirements.js";
export { specFrontMatterJsonSchema, specFrontMatterSchemaText, SPEC_FRONT_MATTER_SCHEMA_ID, SPEC_FRONT_MATTER_SCHEMA_FILE } from "./json-schema.js";
