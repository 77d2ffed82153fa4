/**
 * The NLSpec model: what `parseSpec` makes of a SPEC.md (docs/spec/format.md). Plain data, so
 * the lint, the compiler and the factory read the same thing, and every piece keeps its line so
 * a problem can be shown where the author wrote it.
 */

/** One numbered item of `## Requirements`: `R<n>` by position, or the id written at its start. */
export interface SpecRequirement {
  id: string;
  /** The text without the id, continuation lines joined with a space. */
  text: string;
  /** 1-based line of the item's first line. */
  line: number;
  /** 1-based column where the text (after the list marker and id) begins. */
  column: number;
  /**
   * Scenario tags that cover this requirement besides its id, from a trailing `[tags: a, b]`:
   * for scenarios tagged by feature rather than by requirement id.
   */
  tags: string[];
}

/** One `- [ ]` / `- [x]` item of `## Definition of done`. */
export interface SpecChecklistItem {
  text: string;
  done: boolean;
  line: number;
}

/** One `- **term**: definition` item of `## Glossary`. */
export interface SpecGlossaryEntry {
  term: string;
  definition: string;
  line: number;
}

/** An H2 section as written: its heading text, the heading's line, and the body below it. */
export interface SpecSection {
  name: string;
  line: number;
  body: string;
  /** The line of the body's first line (the line after the heading). */
  bodyLine: number;
}

/** How the scenario runner starts the built software in the workspace (as `scenarios run --app`). */
export interface SpecApp {
  command: string;
  /** service: started per trial and waited for; command: not started, cli steps run it. */
  kind?: "service" | "command";
  readyPath?: string;
}

export interface SpecDocument {
  file: string;
  /** A kebab-case id: front matter `name`, else derived from the title. */
  name: string;
  title: string;
  goal: string;
  context?: string;
  requirements: SpecRequirement[];
  constraints: string[];
  edgeCases: string[];
  interfaces?: string;
  definitionOfDone: SpecChecklistItem[];
  glossary: SpecGlossaryEntry[];
  /** Twins the software integrates with (front matter `services`). */
  services: string[];
  /** `provider:model` the agents may use. */
  model?: string;
  budgetUsd?: number;
  app?: SpecApp;
  sections: SpecSection[];
  /** 1-based line of the `# Title`. */
  titleLine: number;
  /** Where front matter keys are, for lint messages about them (1-based lines; absent keys are missing). */
  frontMatterLines: Partial<Record<"name" | "model" | "budget_usd" | "services" | "app", number>>;
  /** The line of each entry of `services`, in order. */
  serviceLines: number[];
  source: string;
}
