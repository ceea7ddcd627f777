import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { readLines } from "../readers/index.ts";

/** Eval sets are small (thousands of lines): collect the lines, write the file once on close. */
export class JsonlFile {
  readonly path: string;
  readonly #lines: string[] = [];

  constructor(path: string) {
    this.path = path;
  }

  write(value: unknown): void {
    this.#lines.push(JSON.stringify(value));
  }

  close(): void {
    mkdirSync(dirname(this.path), { recursive: true });
    writeFileSync(this.path, this.#lines.map((line) => `${line}\n`).join(""));
  }
}

/** The JSON values of a JSONL file, streamed; a line that is not JSON stops with its file and line. */
export async function* readJsonl<T>(path: string): AsyncIterable<T> {
  for await (const { line, text } of readLines(path)) {
    if (text.trim() === "") continue;
    try {
      yield JSON.parse(text) as T;
    } catch (error) {
      throw new Error(`${path}:${line}: not a JSON line (${(error as Error).message})`);
    }
  }
}
