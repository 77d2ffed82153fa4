/** "Did you mean" hints: the closest known name to a mistyped one, within a couple of edits. */
import { editDistance } from "../../edit-distance.js";

export { editDistance };


/**
 * The known name closest to `text`, or undefined when none is close: within 2 edits (1 for
 * names of up to 3 characters, so `id` does not suggest `as`). Case and `-`/`_` differences are
 * free, so `mustPass` and `must-pass` both suggest `must_pass`.
 */
export function closestName(text: string, known: readonly string[]): string | undefined {
  const normalize = (name: string): string => name.toLowerCase().replace(/[-_]/g, "");
  const wanted = normalize(text);
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const distance = editDistance(wanted, normalize(candidate));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const limit = text.length <= 3 ? 1 : 2;
  return best !== undefined && bestDistance <= limit && best !== text ? best : undefined;
}

/** ` (did you mean "capture"?)`, or nothing. */
export function didYouMean(text: string, known: readonly string[]): string {
  const suggestion = closestName(text, known);
  return suggestion === undefined ? "" : ` (did you mean "${suggestion}"?)`;
}
