// Runs the `hum` binary as a user does (a real process), without blocking this process's event loop,
// so a loopback server started by the same test keeps answering.
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const repositoryRoot = fileURLToPath(new URL("../..", import.meta.url));
export const humBin = join(repositoryRoot, "bin/hum.js");

export interface HumRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface HumOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Node flags before the script, e.g. ["--import", faultInjector]. */
  nodeArgs?: string[];
  /** Called once the process is started (to signal it, for example). */
  started?: (child: ChildProcess) => void;
}

export function runHum(args: string[], options: HumOptions = {}): Promise<HumRun> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), humBin, ...args], {
    cwd: options.cwd,
    env: { ...process.env, OPENAI_API_KEY: undefined, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk;
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk;
  });
  options.started?.(child);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
}
