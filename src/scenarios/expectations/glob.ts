/** `*` globs for method and collection names: `chat.*`, `messages/*`, `POST /rest/api/3/issue/*`. */

const cache = new Map<string, (text: string) => boolean>();

/** A test for `pattern`: exact text, where `*` stands for any run of characters (slashes included). */
export function globTest(pattern: string): (text: string) => boolean {
  const cached = cache.get(pattern);
  if (cached) return cached;
  let test: (text: string) => boolean;
  if (!pattern.includes("*")) test = (text) => text === pattern;
  else {
    const expression = new RegExp(`^${pattern.split("*").map(escapeRegExp).join(".*")}$`, "s");
    test = (text) => expression.test(text);
  }
  if (cache.size > 1000) cache.clear();
  cache.set(pattern, test);
  return test;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
