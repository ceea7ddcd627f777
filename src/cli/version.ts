// Hum's version lives with the other package facts; the CLI keeps this name for it.
export { humVersion } from "../util/index.ts";
