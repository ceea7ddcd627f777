// Line reading lives in src/io (one reader for the whole project): lines are checked to be UTF-8
// without NUL bytes, and a line that is not carries `invalid`, which every reader turns into a rejection.
export { readLineBatches, readLines, type TextLine } from "../io/index.ts";
