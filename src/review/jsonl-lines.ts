import { readFileSync } from "node:fs";

/**
 * A JSONL file held as its lines: an object per non-blank line, parsed once. Saving rewrites only the
 * lines whose object changed, so untouched lines keep their bytes.
 */
export class JsonlLines {
  readonly path: string;
  readonly #lines: string[];
  readonly #objects = new Map<number, Record<string, unknown>>();
  readonly #endsWithNewline: boolean;

  constructor(path: string) {
    this.path = path;
    const text = readFileSync(path, "utf8");
    this.#endsWithNewline = text.endsWith("\n");
    this.#lines = text.split("\n");
    if (this.#endsWithNewline) this.#lines.pop();
    for (const [index, line] of this.#lines.entries()) {
      if (line.trim() === "") continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (error) {
        throw new Error(`${path}:${index + 1}: invalid JSON: ${(error as Error).message}`);
      }
      if (value === null || typeof value !== "object" || Array.isArray(value))
        throw new Error(`${path}:${index + 1}: expected a JSON object`);
      this.#objects.set(index, value as Record<string, unknown>);
    }
  }

  /** Line indexes (0-based) and their objects, in file order. */
  entries(): [number, Record<string, unknown>][] {
    return [...this.#objects.entries()];
  }

  get(index: number): Record<string, unknown> | undefined {
    return this.#objects.get(index);
  }

  set(index: number, value: Record<string, unknown>): void {
    this.#objects.set(index, value);
    this.#lines[index] = JSON.stringify(value);
  }

  text(): string {
    return this.#lines.join("\n") + (this.#endsWithNewline ? "\n" : "");
  }
}
