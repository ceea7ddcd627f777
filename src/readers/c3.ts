import { isObject } from "../util/index.ts";
import { checkedItem, rejection } from "./read-item.ts";
import { readJsonFile } from "./read-json-file.ts";
import type { DatasetReader, Detection, Location, ReadItem, ReadOptions } from "./reader.ts";
import { fileStem, sourceName } from "./source-name.ts";

/**
 * C3: a JSON array of documents `[[passage lines], [{question, choice, answer}], id]`. Each question
 * is one multiple-choice `qa` record (`<doc id>#<n>`); the passage lines (dialogue turns) are joined
 * with newlines.
 */
export const c3Reader: DatasetReader = {
  name: "c3",
  description:
    "C3 multiple-choice reading comprehension (JSON array of [passage lines, questions, id]) → one qa record " +
    "per question with its choices; passage lines joined by newlines",
  detect(_path: string, head: string): Detection {
    if (/^\s*\[\s*\[\s*\[\s*"/.test(head) && /"choice"\s*:/.test(head)) return "certain";
    return /^\s*\[\s*\[\s*\[\s*"/.test(head) ? "likely" : "no";
  },
  async *read(path: string, options: ReadOptions): AsyncIterable<ReadItem> {
    const source = sourceName(path, options, "c3");
    const lang = options.lang ?? "zh";
    const parsed = await readJsonFile(path);
    if (!parsed.ok || !Array.isArray(parsed.value)) {
      yield rejection(
        parsed.ok ? "c3: expected a JSON array of documents" : parsed.reason,
        { file: path, line: 1 },
        null,
      );
      return;
    }
    let entry = 0;
    for (const [index, document] of parsed.value.entries()) {
      const [passage, questions, id] = Array.isArray(document) ? document : [];
      if (!Array.isArray(passage) || !Array.isArray(questions)) {
        entry++;
        yield rejection(
          "c3: document is not [passage lines, questions, id]",
          { file: path, line: entry },
          document,
        );
        continue;
      }
      const text = passage.map(String).join("\n");
      for (const [n, question] of questions.entries()) {
        entry++;
        const location = { file: path, line: entry };
        // Document ids repeat across C3's files (d and m share some), so the file's stem leads the id.
        const recordId = `${fileStem(path)}/${id ?? index}#${n}`;
        yield questionItem(question, { id: recordId, text, source, lang, location });
      }
    }
  },
};

function questionItem(
  question: unknown,
  context: { id: string; text: string; source: string; lang: "en" | "zh"; location: Location },
): ReadItem {
  const { id, text, source, lang, location } = context;
  if (!isObject(question)) return rejection("c3: question is not an object", location, question);
  const record = {
    kind: "qa",
    id,
    source,
    lang,
    text,
    question: question.question,
    answer: question.answer,
    choices: question.choice,
  };
  return checkedItem(record, location, question);
}
