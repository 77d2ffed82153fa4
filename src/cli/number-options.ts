/** Commander argument parsers for numeric options: a precise message naming the option, exit 2. */
import { InvalidArgumentError } from "commander";

/** Parses a number and checks it, or fails with `NAME must be EXPECTED, got "VALUE"`. */
export function numberOption(name: string, check: (value: number) => boolean, expected: string): (value: string) => number {
  return (value) => {
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || !check(parsed)) throw new InvalidArgumentError(`${name} must be ${expected}, got "${value}"`);
    return parsed;
  };
}

export const integerAtLeast = (name: string, min: number) => numberOption(name, (value) => Number.isInteger(value) && value >= min, `an integer >= ${min}`);

/** A probability, 0 and 1 included. */
export const probabilityOption = (name: string) => numberOption(name, (value) => value >= 0 && value <= 1, "a number between 0 and 1");

/** A probability strictly between 0 and 1 (a baseline rate, a power, a level). */
export const openProbabilityOption = (name: string) => numberOption(name, (value) => value > 0 && value < 1, "a number strictly between 0 and 1");
