import { once } from "node:events";
import { createWriteStream, mkdirSync, type WriteStream } from "node:fs";
import { dirname } from "node:path";

/**
 * Appends JSON lines to a file through a buffer, waiting for the stream to drain so memory stays flat
 * however many lines are written.
 */
export class JsonlWriter {
  readonly path: string;
  readonly #stream: WriteStream;
  #buffer: string[] = [];
  #bufferedChars = 0;
  #lines = 0;

  constructor(path: string) {
    this.path = path;
    mkdirSync(dirname(path), { recursive: true });
    this.#stream = createWriteStream(path, { encoding: "utf8" });
  }

  get lines(): number {
    return this.#lines;
  }

  /** Write one value as a line; await the result to respect back-pressure. */
  async write(value: unknown): Promise<void> {
    await this.writeLine(JSON.stringify(value));
  }

  async writeLine(line: string): Promise<void> {
    this.#buffer.push(line, "\n");
    this.#bufferedChars += line.length + 1;
    this.#lines++;
    if (this.#bufferedChars >= FLUSH_CHARS) await this.#flush();
  }

  /** Append lines already serialised (each ending in a newline), as a worker thread renders them. */
  async writeText(text: string, lines: number): Promise<void> {
    if (text === "") return;
    this.#buffer.push(text);
    this.#bufferedChars += text.length;
    this.#lines += lines;
    if (this.#bufferedChars >= FLUSH_CHARS) await this.#flush();
  }

  async close(): Promise<void> {
    await this.#flush();
    this.#stream.end();
    await once(this.#stream, "finish");
  }

  async #flush(): Promise<void> {
    if (this.#buffer.length === 0) return;
    const text = this.#buffer.join("");
    this.#buffer = [];
    this.#bufferedChars = 0;
    if (!this.#stream.write(text)) await once(this.#stream, "drain");
  }
}

const FLUSH_CHARS = 1 << 20;
