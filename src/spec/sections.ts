/** The H2 sections a spec knows, how their headings are matched, and which are required. */

export const KNOWN_SECTIONS = ["goal", "context", "requirements", "constraints", "edge cases", "interfaces", "definition of done", "glossary"] as const;
export type KnownSection = (typeof KNOWN_SECTIONS)[number];

export const REQUIRED_SECTIONS: readonly KnownSection[] = ["goal", "requirements", "definition of done"];

/** The headings as a reader writes them, for messages. */
export const SECTION_TITLES: Record<KnownSection, string> = {
  goal: "Goal",
  context: "Context",
  requirements: "Requirements",
  constraints: "Constraints",
  "edge cases": "Edge cases",
  interfaces: "Interfaces",
  "definition of done": "Definition of done",
  glossary: "Glossary",
};

/** `## Edge-Cases:` and `## edge cases` are the same section: case, dashes, underscores, spacing and a trailing colon do not matter. */
export function normalizeSectionName(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[-_]/g, " ")
    .replace(/:\s*$/, "")
    .replace(/\s+/g, " ")
    .trim();
}

export function knownSection(heading: string): KnownSection | undefined {
  const name = normalizeSectionName(heading);
  return (KNOWN_SECTIONS as readonly string[]).includes(name) ? (name as KnownSection) : undefined;
}
