// Kept for the modules that import it from here: the one implementation lives in src/io.
export { writeFileAtomic } from "../io/index.ts";
