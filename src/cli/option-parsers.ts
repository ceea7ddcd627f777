// Flag values are checked as they are parsed, so a bad one is a usage error naming the flag: an empty
// string is never 0, a fraction is never an integer, and every range is stated.
import { InvalidArgumentError } from "commander";

/** Repeatable option: each use appends. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The number a flag's text spells (decimal notation only: "", " ", "0x10", "Infinity" are not numbers). */
function numberOf(value: string): number | null {
  const text = value.trim();
  return DECIMAL.test(text) ? Number(text) : null;
}

function integerOf(value: string): number | null {
  const number = numberOf(value);
  return number !== null && Number.isSafeInteger(number) ? number : null;
}

export function parseSeed(value: string): number {
  const seed = integerOf(value);
  if (seed === null) throw new InvalidArgumentError("must be an integer");
  return seed;
}

export function parseRatio(value: string): number {
  const ratio = numberOf(value);
  if (ratio === null || !(ratio >= 0 && ratio <= 1))
    throw new InvalidArgumentError("must be a number from 0 to 1");
  return ratio;
}

export function parsePositiveInteger(value: string): number {
  const number = integerOf(value);
  if (number === null || number < 1) throw new InvalidArgumentError("must be a positive integer");
  return number;
}

export function parseWholeNumber(value: string): number {
  const number = integerOf(value);
  if (number === null || number < 0) throw new InvalidArgumentError("must be a whole number (0 or more)");
  return number;
}

export function parseNonNegativeNumber(value: string): number {
  const number = numberOf(value);
  if (number === null || !Number.isFinite(number) || number < 0)
    throw new InvalidArgumentError("must be a number ≥ 0");
  return number;
}

/** Node's timers hold at most 2^31 - 1 ms; a longer timeout would silently fire at once. */
export const MAX_TIMEOUT_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

export function parseTimeoutSeconds(value: string): number {
  const seconds = integerOf(value);
  if (seconds === null || seconds < 1 || seconds > MAX_TIMEOUT_SECONDS)
    throw new InvalidArgumentError(`must be a whole number of seconds from 1 to ${MAX_TIMEOUT_SECONDS}`);
  return seconds;
}

/** Sampling temperature: OpenAI's range, which vLLM and Ollama accept too. */
export function parseTemperature(value: string): number {
  const number = numberOf(value);
  if (number === null || !(number >= 0 && number <= 2))
    throw new InvalidArgumentError("must be a number from 0 to 2");
  return number;
}

export function parseTopP(value: string): number {
  const number = numberOf(value);
  if (number === null || !(number > 0 && number <= 1))
    throw new InvalidArgumentError("must be a number above 0, at most 1");
  return number;
}
