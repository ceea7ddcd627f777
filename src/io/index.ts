// Every file Hum reads or writes goes through here, so every command has the same guarantees:
//
// Writing
//   openJsonlOutput(path) → { write(value), writeLine(text), commit(), abort(), lines, path }
//       Lines go to a hidden temporary file beside `path`; commit() renames it over the target, abort()
//       (or a crash, kill -9, full disk) leaves the previous file untouched. A `<path>.lock` file keeps a
//       second run from writing the same target (it gets a FileError; a dead run's lock is taken over).
//       Pattern: const out = openJsonlOutput(p); try { out.write(x); …; out.commit(); } finally { out.abort(); }
//       new AtomicOutput(path, {byName: true}): the same for a library that writes a file by name (Parquet):
//       it writes to `tempPath`, commit() flushes and renames it. discard() drops an output even after
//       commit, for outputs of several files (an export) that are all there or none.
//   encodeLines(lines) / decodeLines(bytes)  lines as UTF-8 in memory of their own, to transfer between
//       threads; JsonlOutput.writeEncoded(bytes, count) writes them as they are.
//   writeFileAtomic(path, text)  a whole small file (summary, schema, manifest, YAML) the same way.
//   appendJsonLines(path, values)  logs that grow across runs (the failed-requests file): appended in place.
//   refuseOutputOverInput(outputs, inputs)  call before opening anything: an output that is an input
//       (same file after links) is a UsageError.
//
// Reading
//   readJsonl(path, schema?)       yields {line, value}; the first bad line throws DataError `file:line: reason`.
//   readJsonlItems(path, schema?)  yields {ok: true, line, value} | {ok: false, line, reason, text}: for
//       callers that reject bad lines and carry on.
//   readLines(path)                yields {line, text, invalid?}: raw text lines; `invalid` is set for
//       lines that are not UTF-8 or hold a NUL byte (never silently repaired).
//   readLineBatches(path)          the same lines, an array per piece of the file (fewer awaits).
//   linePieces(path, {maxLines?})  the raw bytes of whole lines, a piece at a time; linesOf(bytes, first)
//       decodes and checks one (on another thread, for instance).
//   readTextFile(path)             a whole small file, checked the same way.
//   writableRejectValue(value, text)  a rejected value to write back, or its text when it nests so
//       deeply (5,000 brackets) that serialising it would overflow the stack.
//
// Errors
//   FileError  "cannot write <path>: no space left on the device (ENOSPC)": one line, path and reason.
//   DataError  "<path>:<line>: <reason>".
//   UsageError the command was asked for something it cannot do; the CLI prints its usage.
export { appendJsonLines } from "./append-lines.ts";
export { AtomicOutput, type AtomicOutputOptions, writeFileAtomic } from "./atomic-output.ts";
export { decodeLines, encodeLines } from "./encoded-lines.ts";
export { DataError, describeCause, FileError, UsageError } from "./errors.ts";
export { MAX_JSON_DEPTH, nestsDeeperThan, writableRejectValue } from "./json-depth.ts";
export { type JsonlOutput, openJsonlOutput, writeJsonlFile } from "./jsonl-output.ts";
export { describeIssues, type JsonlItem, parseJsonLine, readJsonl, readJsonlItems } from "./read-jsonl.ts";
export {
  invalidText,
  type LinePiece,
  linePieces,
  linesOf,
  readLineBatches,
  readLines,
  type TextLine,
} from "./read-lines.ts";
export { readTextFile } from "./read-text-file.ts";
export { refuseOutputOverInput, sameFile } from "./same-file.ts";
