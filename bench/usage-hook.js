import { readFileSync, writeFileSync } from "node:fs";

/**
 * Loaded with `node --import` into a measured process (plain JavaScript: a .ts hook would make every
 * measured process load Node's type stripping, about 0.08 s of start-up that hum itself does not pay):
 * at exit, writes its CPU time and peak RSS as JSON to the file named by BENCH_USAGE_FILE (the parent
 * times the wall clock itself).
 */
const target = process.env.BENCH_USAGE_FILE;
if (target)
  process.on("exit", () => {
    const usage = process.resourceUsage();
    writeFileSync(
      target,
      JSON.stringify({
        cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
        // The main thread's share: with worker threads, whether it (reading, writing) is the bottleneck.
        mainThreadCpuSeconds: mainThreadCpu(),
        peakRssMb: (peakRssOfThisProgram() ?? usage.maxRSS) / 1024,
      }),
    );
  });

/** @returns {number | undefined} */
function mainThreadCpu() {
  const usage = process.threadCpuUsage?.();
  return usage ? (usage.user + usage.system) / 1e6 : undefined;
}

/**
 * Peak RSS in KB of this program alone (Linux: VmHWM). `maxRSS` (getrusage) also counts the parent's
 * pages at the fork that started this process, so a bench holding a large file made every later child
 * look as large.
 * @returns {number | undefined}
 */
function peakRssOfThisProgram() {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync("/proc/self/status", "utf8"));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}
