// The command line: the `hum` program, its commands and options (bin/hum.js starts it).
export { buildProgram, main, runProgram } from "./main.ts";
