import { OutputShapeError } from "../tasks/index.ts";
import { isEmptyWord } from "./empty-values.ts";

/**
 * Values in comma-separated text formats (tuple lines, label lines). A value that could be misread
 * (a comma, parenthesis, quote, colon, line break, or edge whitespace) is written as a JSON string;
 * every other value is written bare, as people write them: `(Sirhan Sirhan, kill, Robert F. Kennedy)`.
 */
export function writeValue(value: string): string {
  if (value === "") return "";
  const risky =
    /[,()"\n\r:：]/.test(value) || value.trim() !== value || value.startsWith("\\") || isEmptyWord(value);
  return risky ? JSON.stringify(value) : value;
}

/** Split `a, "b, c", d` into values; bare values are trimmed, quoted ones read as JSON strings. */
export function readValues(text: string): string[] {
  const values: string[] = [];
  let position = 0;
  const skipSpaces = () => {
    while (position < text.length && /\s/.test(text[position])) position++;
  };
  for (;;) {
    skipSpaces();
    if (text[position] === '"') {
      const end = closingQuote(text, position);
      values.push(JSON.parse(text.slice(position, end + 1)) as string);
      position = end + 1;
      skipSpaces();
    } else {
      const comma = text.indexOf(",", position);
      const end = comma < 0 ? text.length : comma;
      values.push(text.slice(position, end).trim());
      position = end;
    }
    if (position >= text.length) return values;
    if (text[position] !== ",") throw new OutputShapeError(`expected "," at ${JSON.stringify(text)}`);
    position++;
  }
}

function closingQuote(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === '"') return i;
  }
  throw new OutputShapeError(`unclosed quote in ${JSON.stringify(text)}`);
}
