/**
 * Glob patterns as regular expressions, for the glob tool and grep's file filter:
 * `**` (any number of directories), `*` and `?` (within one path segment), `[abc]`, `{a,b}`.
 * Paths are matched `/`-separated and relative to the search base.
 */

export class GlobPatternError extends Error {}

export function globToRegExp(pattern: string): RegExp {
  let source = "";
  let braceDepth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === "*") {
      if (pattern[i + 1] === "*") {
        const atSegmentStart = i === 0 || pattern[i - 1] === "/";
        const atSegmentEnd = i + 2 === pattern.length || pattern[i + 2] === "/";
        if (atSegmentStart && atSegmentEnd) {
          // `**/` matches zero or more whole directories; a trailing `**` matches everything below.
          if (pattern[i + 2] === "/") {
            source += "(?:[^/]*/)*";
            i += 2;
          } else {
            source += ".*";
            i += 1;
          }
          continue;
        }
        i += 1;
      }
      source += "[^/]*";
    } else if (char === "?") {
      source += "[^/]";
    } else if (char === "[") {
      const close = pattern.indexOf("]", i + 1);
      if (close === -1) throw new GlobPatternError(`Invalid glob pattern "${pattern}": unclosed "[" at column ${i + 1}.`);
      let body = pattern.slice(i + 1, close);
      if (body.startsWith("!")) body = `^${body.slice(1)}`;
      source += `[${body.replace(/\\/g, "\\\\")}]`;
      i = close;
    } else if (char === "{") {
      braceDepth++;
      source += "(?:";
    } else if (char === "}" && braceDepth > 0) {
      braceDepth--;
      source += ")";
    } else if (char === "," && braceDepth > 0) {
      source += "|";
    } else {
      source += char.replace(/[.+^${}()|\\]/g, "\\$&");
    }
  }
  if (braceDepth > 0) throw new GlobPatternError(`Invalid glob pattern "${pattern}": unclosed "{".`);
  return new RegExp(`^${source}$`);
}

/** A pattern without `/` matches a file's base name anywhere (like ripgrep's --glob `*.ts`). */
export function fileFilterMatcher(filter: string): (relativePath: string) => boolean {
  const regex = globToRegExp(filter);
  if (filter.includes("/")) return (relativePath) => regex.test(relativePath);
  return (relativePath) => regex.test(relativePath.slice(relativePath.lastIndexOf("/") + 1));
}
