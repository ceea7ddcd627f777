// Reading markdown table lines, shared by the markdown format's parser and the tolerant table reader:
// cells split at unescaped pipes (`\|` is a pipe inside a cell), escapes undone.

/** Undo the cell escapes the markdown format writes: `\|`, `\n`, `\r`, `\\`. */
export function unescapeCell(value: string): string {
  return value.replace(/\\([\\|nr])/g, (_match, c: string) => (c === "n" ? "\n" : c === "r" ? "\r" : c));
}

/** Cells of one table line, split at unescaped pipes; outer pipes are optional. */
export function cells(line: string): string[] {
  const parts: string[] = [];
  let current = "";
  for (let i = 0; i < line.length; i++) {
    if (line[i] === "\\" && i + 1 < line.length) {
      current += line[i] + line[i + 1];
      i++;
    } else if (line[i] === "|") {
      parts.push(current);
      current = "";
    } else current += line[i];
  }
  parts.push(current);
  if (line.startsWith("|")) parts.shift();
  if (line.endsWith("|") && !line.endsWith("\\|")) parts.pop();
  return parts.map((cell) => cell.trim());
}

export const SEPARATOR_CELL = /^:?-{1,}:?$/;
