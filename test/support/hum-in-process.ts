import { buildProgram, runProgram } from "../../src/cli/index.ts";

/** Runs `hum <args>` in this process, wired exactly as the `hum` binary; errors throw instead of exiting. */
export async function humInProcess(...args: string[]): Promise<void> {
  await runProgram(buildProgram({ exitOverride: true }), args, "user");
}
