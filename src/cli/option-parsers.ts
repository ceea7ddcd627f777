import { InvalidArgumentError } from "commander";

/** Repeatable option: each use appends. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function parseSeed(value: string): number {
  const seed = Number(value);
  if (!Number.isSafeInteger(seed)) throw new InvalidArgumentError("must be an integer");
  return seed;
}

export function parseRatio(value: string): number {
  const ratio = Number(value);
  if (!(ratio >= 0 && ratio <= 1)) throw new InvalidArgumentError("must be a number from 0 to 1");
  return ratio;
}

export function parsePositiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < 1)
    throw new InvalidArgumentError("must be a positive integer");
  return number;
}
