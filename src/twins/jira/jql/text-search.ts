/**
 * An approximation of Jira's text search (`~` and `!~`), which runs Lucene over an English index.
 * Both sides are split into words (letters and digits), lowercased, stripped of English stop
 * words and lightly stemmed (`issues`, `issue`; `customizing`, `customize`). Then:
 *
 * - `export plan`: every word must occur, in any order (Jira joins bare terms with AND);
 * - `"new export"` (quoted inside the JQL string, `text ~ "\"new export\""`): the words in order;
 * - `chang*`, `te?t`: wildcards over one word, not stemmed; a leading wildcard matches nothing;
 * - `a OR b`, `a || b`; `NOT a`, `-a`, `!a` excludes; `+a`, `AND`, `&&`, parentheses, `~` (fuzzy)
 *   and `^n` (boost) are accepted and ignored.
 *
 * A word never matches part of a longer word: `chang` does not find `changelog` (`chang*` does).
 */

const STOP_WORDS: ReadonlySet<string> = new Set(
  "a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with".split(
    " ",
  ),
);

/** One word to match: an exact stemmed word, or a wildcard pattern over the raw word. */
type WordMatcher = { kind: "word"; stem: string } | { kind: "wildcard"; pattern: RegExp } | { kind: "never" };

/** A term is a run of words that must appear consecutively (a single word is a run of one). */
type Term = WordMatcher[];

interface Alternative {
  required: Term[];
  excluded: Term[];
}

/** A compiled text query: any alternative matches when all its required terms occur and no excluded one does. */
export interface TextQuery {
  alternatives: Alternative[];
}

interface IndexedWord {
  raw: string;
  stem: string;
}

const WORD = /[\p{L}\p{N}]+/gu;

export function stem(word: string): string {
  let result = word;
  if (result.length > 4 && result.endsWith("ies")) return `${result.slice(0, -3)}y`;
  if (result.length > 5 && result.endsWith("ing")) result = result.slice(0, -3);
  else if (result.length > 4 && (result.endsWith("ed") || result.endsWith("es"))) result = result.slice(0, -2);
  else if (result.length > 3 && result.endsWith("s") && !result.endsWith("ss")) result = result.slice(0, -1);
  if (result.length > 4 && result.endsWith("e")) result = result.slice(0, -1);
  return result;
}

/** The words of a field's text, as the index would hold them. */
export function indexWords(text: string): IndexedWord[] {
  const words: IndexedWord[] = [];
  for (const match of text.toLowerCase().matchAll(WORD)) {
    if (!STOP_WORDS.has(match[0])) words.push({ raw: match[0], stem: stem(match[0]) });
  }
  return words;
}

/** Compile the text after `~`. A query with no searchable word matches nothing. */
export function compileTextQuery(query: string): TextQuery {
  const alternatives: Alternative[] = [];
  let current: Alternative = { required: [], excluded: [] };
  let negateNext = false;
  for (const token of splitQuery(query)) {
    if (!token.phrase && (token.text === "OR" || token.text === "||")) {
      alternatives.push(current);
      current = { required: [], excluded: [] };
      continue;
    }
    if (!token.phrase && (token.text === "AND" || token.text === "&&" || token.text === "+")) continue;
    if (!token.phrase && (token.text === "NOT" || token.text === "!" || token.text === "-")) {
      negateNext = true;
      continue;
    }
    let text = token.text;
    let negated = negateNext;
    negateNext = false;
    if (!token.phrase && /^[-!+]/.test(text)) {
      negated = text[0] !== "+";
      text = text.slice(1);
    }
    const term = compileTerm(text);
    if (term.length === 0) continue;
    (negated ? current.excluded : current.required).push(term);
  }
  alternatives.push(current);
  return { alternatives: alternatives.filter((alternative) => alternative.required.length > 0) };
}

/** Split on whitespace, keeping `"quoted phrases"` whole; parentheses separate tokens and are dropped. */
function splitQuery(query: string): Array<{ text: string; phrase: boolean }> {
  const tokens: Array<{ text: string; phrase: boolean }> = [];
  const pattern = /"((?:[^"\\]|\\.)*)"?|[^\s()"]+/g;
  for (const match of query.matchAll(pattern)) {
    if (match[1] !== undefined) tokens.push({ text: match[1].replace(/\\(.)/g, "$1"), phrase: true });
    else tokens.push({ text: match[0].replace(/\\(.)/g, "$1").replace(/[~^][\d.]*$/, ""), phrase: false });
  }
  return tokens;
}

function compileTerm(text: string): Term {
  const term: Term = [];
  for (const match of text.toLowerCase().matchAll(/[\p{L}\p{N}*?]+/gu)) {
    const word = match[0];
    if (/[*?]/.test(word)) {
      if (/^[*?]/.test(word)) term.push({ kind: "never" });
      else term.push({ kind: "wildcard", pattern: wildcardPattern(word) });
    } else if (!STOP_WORDS.has(word)) {
      term.push({ kind: "word", stem: stem(word) });
    }
  }
  return term;
}

function wildcardPattern(word: string): RegExp {
  const body = word.replace(/\*+/g, "*").replace(/[*?]/g, (wildcard) => (wildcard === "*" ? "[\\p{L}\\p{N}]*" : "[\\p{L}\\p{N}]"));
  return new RegExp(`^${body}$`, "u");
}

function matchesWord(matcher: WordMatcher, word: IndexedWord): boolean {
  if (matcher.kind === "word") return matcher.stem === word.stem;
  if (matcher.kind === "wildcard") return matcher.pattern.test(word.raw);
  return false;
}

function containsTerm(words: IndexedWord[], term: Term): boolean {
  for (let start = 0; start + term.length <= words.length; start += 1) {
    if (term.every((matcher, offset) => matchesWord(matcher, words[start + offset] as IndexedWord))) return true;
  }
  return false;
}

/**
 * True when the texts (a field's values; for `text`, every text field) satisfy the query. Each
 * term may be found in any of the texts; a phrase never spans two of them.
 */
export function matchesText(query: TextQuery, texts: readonly string[]): boolean {
  const indexed = texts.map(indexWords);
  const found = (term: Term) => indexed.some((words) => containsTerm(words, term));
  return query.alternatives.some(
    (alternative) => alternative.required.every(found) && !alternative.excluded.some(found),
  );
}
