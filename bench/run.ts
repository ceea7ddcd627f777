import { execFileSync, spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  closeSync,
  copyFileSync,
  createReadStream,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { dictionaryText } from "../src/dictionary/index.ts";
import {
  type BenchTask,
  generateCorpus,
  generatedDictionary,
  writeBenchRecords,
} from "../test/support/generated-records.ts";
import { benchCompound, benchCompoundInput } from "./compound.ts";
import { benchEvalScoring } from "./eval-scoring.ts";
import { iepileAvailable, runIepile, writeIepileInput } from "./iepile.ts";

/**
 * `npm run bench`: Hum's speed and memory, each beside a floor measured in the same run, every process
 * timed whole (start-up included). Each figure is the min and median of BENCH_RUNS runs (default 3).
 * BENCH_RECORDS sets the corpus size (default 100000 per task), BENCH_MEMORY_SIZES and
 * BENCH_SCORING_SIZES the two sizes of the memory figures; IEPILE_DIR (a checkout of IEPile) and a
 * python3 with numpy add the ratio to IEPile's converter; BENCH_ONLY (startup, basic, mix, workers,
 * memory, compound, scoring, llm) and BENCH_TASKS pick sections and tasks. The machine's load is
 * printed: wall-clock figures on a busy machine mean little, CPU seconds somewhat more.
 */
const RECORDS = Number(process.env.BENCH_RECORDS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** BENCH_TASKS=NER,EE limits the per-task basic section. */
const TASKS = (process.env.BENCH_TASKS?.split(",") ?? ["NER", "RE", "EE"]) as BenchTask[];
const root = fileURLToPath(new URL("..", import.meta.url));
const hum = join(root, "bin/hum.js");
const usageHook = join(root, "bench/usage-hook.js");
const dir = mkdtempSync(join(tmpdir(), "hum-bench-"));

interface Run {
  seconds: number;
  cpuSeconds: number;
  /** CPU time of the main thread alone (absent before Node 23.9). */
  mainThreadCpuSeconds?: number;
  peakRssMb: number;
  stdout: string;
}

/** One whole node process (its own empty working folder, so no cache carries over), timed. */
function runNode(script: string, args: string[]): Run {
  const cwd = mkdtempSync(join(dir, "run-"));
  const usageFile = join(cwd, "usage.json");
  const started = performance.now();
  const result = spawnSync(process.execPath, ["--import", usageHook, script, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, BENCH_USAGE_FILE: usageFile },
  });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0)
    throw new Error(
      `${script} ${args.join(" ")}: ${result.error ?? (result.signal ? `killed by ${result.signal}` : result.stderr)}`,
    );
  const usage = JSON.parse(readFileSync(usageFile, "utf8"));
  rmSync(cwd, { recursive: true, force: true });
  return { seconds, ...usage, stdout: result.stdout };
}

/** `runNode` without blocking this process, to run two at once; only success is checked. */
function runNodeAsync(script: string, args: string[]): Promise<void> {
  const cwd = mkdtempSync(join(dir, "run-"));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (piece) => {
      stderr += piece;
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      rmSync(cwd, { recursive: true, force: true });
      if (code === 0) resolve();
      else reject(new Error(`${script} ${args.join(" ")}: ${signal ? `killed by ${signal}` : stderr}`));
    });
  });
}

function repeat<T>(runs: number, f: () => T): T[] {
  return Array.from({ length: runs }, f);
}

const min = (xs: number[]) => Math.min(...xs);
const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const fixed = (n: number, digits = 0) => n.toFixed(digits).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
const pair = (xs: number[], digits = 2, unit = "") =>
  `${min(xs).toFixed(digits)}${unit} / ${median(xs).toFixed(digits)}${unit}`;
const ratios = (a: Run[], b: Run[], key: "seconds" | "cpuSeconds") => {
  const ra = a.map((r) => r[key]);
  const rb = b.map((r) => r[key]);
  return `${(min(ra) / min(rb)).toFixed(2)}× / ${(median(ra) / median(rb)).toFixed(2)}×`;
};
const met = (ok: boolean) => (ok ? "met" : "not met");
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
// Both read a piece at a time: a bench holding a 177 MB file would grow for nothing.
const sha = async (path: string) => {
  const hash = createHash("sha256");
  for await (const piece of createReadStream(path)) hash.update(piece);
  return hash.digest("hex");
};
const firstBytes = (path: string, count: number) => {
  const fd = openSync(path, "r");
  try {
    const bytes = Buffer.alloc(count);
    return bytes.subarray(0, readSync(fd, bytes));
  } finally {
    closeSync(fd);
  }
};
const lineCount = (path: string) => {
  const fd = openSync(path, "r");
  const piece = Buffer.allocUnsafe(1 << 20);
  let n = 0;
  try {
    for (let read = readSync(fd, piece); read > 0; read = readSync(fd, piece))
      for (let at = piece.indexOf(10); at !== -1 && at < read; at = piece.indexOf(10, at + 1)) n++;
  } finally {
    closeSync(fd);
  }
  return n;
};

/** `hum synth` on a file, whole process, RUNS times; the output of the last run is kept for the floor. */
function synthRuns(input: string, out: string, ...flags: string[]): Run[] {
  return repeat(RUNS, () => runNode(hum, synthArgs(input, out, flags)));
}

function synthArgs(input: string, out: string, flags: string[]): string[] {
  return ["synth", "--input", input, "--out", out, ...flags];
}

function floorRuns(input: string, synthOut: string): Run[] {
  const bytes = String(statSync(synthOut).size);
  const lines = String(lineCount(synthOut));
  return repeat(RUNS, () =>
    runNode(join(root, "bench/floor.js"), [input, join(dir, "floor.jsonl"), bytes, lines]),
  );
}

function header(title: string): void {
  console.log(`\n## ${title}\n\nload average at start: ${load()}\n`);
}

function benchStartup(): void {
  header(`Start-up (min / median of ${RUNS}; goal ≤ 0.3 s)`);
  const ten = join(dir, "ten.jsonl");
  writeFileSync(
    ten,
    firstBytes(join(dir, "NER.jsonl"), 1 << 16)
      .toString("utf8")
      .split("\n")
      .slice(0, 10)
      .join("\n")
      .concat("\n"),
  );
  // What set-up leaves: the CLI built from the sources (bin/hum.js runs it while it matches them).
  execFileSync(process.execPath, [join(root, "scripts/build.ts"), "--if-stale"], { stdio: "inherit" });
  const measure = () => {
    // The compile cache is warm after the first run of a version, as on any machine that ran hum before.
    runNode(hum, ["--help"]);
    runNode(hum, ["synth", "--input", ten, "--out", join(dir, "ten.out.jsonl")]);
    return {
      help: repeat(RUNS, () => runNode(hum, ["--help"])),
      synth: repeat(RUNS, () => runNode(hum, ["synth", "--input", ten, "--out", join(dir, "ten.out.jsonl")])),
    };
  };
  const built = measure();
  // The same from the .ts sources (compile cache only), as after an edit, before the next build.
  process.env.HUM_FROM_SOURCES = "1";
  const sources = measure();
  delete process.env.HUM_FROM_SOURCES;
  console.log("| command | wall s | CPU s | peak RSS MB | goal |");
  console.log("|---|---:|---:|---:|---|");
  for (const [name, runs, goal] of [
    ["hum --help", built.help, true],
    ["hum synth, 10 records", built.synth, true],
    ["hum --help, from the .ts sources", sources.help, false],
    ["hum synth, 10 records, from the .ts sources", sources.synth, false],
  ] as const)
    console.log(
      `| ${name} | ${pair(runs.map((r) => r.seconds))} | ${pair(runs.map((r) => r.cpuSeconds))} | ${fixed(median(runs.map((r) => r.peakRssMb)))} | ${goal ? `${met(min(runs.map((r) => r.seconds)) <= 0.3)} (wall, min)` : "reference"} |`,
    );
}

async function benchBasic(iepile: string | undefined): Promise<void> {
  header(
    `Basic synthesis: \`hum synth --compound-ratio 0 --workers 1\`, ${fixed(RECORDS)} generated records per task (min / median of ${RUNS}; goal ≤ 1.5× the floor${iepile ? ", ≥ 5× faster than IEPile" : ""})`,
  );
  const iepileColumns = iepile
    ? " IEPile wall s | IEPile time / Hum time (wall) | IEPile CPU / Hum CPU | IEPile time ÷ 5 / floor time |"
    : "";
  console.log(
    `| task | records/s | instructions/s | wall s | CPU s | peak RSS MB | floor wall s | floor CPU s | time / floor (wall) | CPU / floor CPU | goal |${iepileColumns}`,
  );
  console.log(
    `|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|${iepile ? "---:|---:|---:|---:|" : ""}`,
  );
  for (const task of TASKS) {
    const input = join(dir, `${task}.jsonl`);
    const out = join(dir, `${task}.out.jsonl`);
    const synth = synthRuns(input, out, "--compound-ratio", "0", "--workers", "1");
    const floor = floorRuns(input, out);
    const instructions = lineCount(out);
    const best = min(synth.map((r) => r.seconds));
    const floorBest = min(floor.map((r) => r.seconds));
    let iepileCells = "";
    if (iepile) {
      const data = await writeIepileInput(input, task, join(dir, `iepile-${task}`));
      const runs = repeat(RUNS, () => runIepile(iepile, data, task));
      const wall = runs.map((r) => r.seconds);
      const cpu = runs.map((r) => r.cpuSeconds);
      // The time the ≥ 5× goal leaves Hum, as a multiple of the floor's: below 1 it asks for less than
      // reading, parsing and writing the same bytes takes.
      const allowed = min(wall) / 5 / floorBest;
      iepileCells = ` ${pair(wall)} | ${(min(wall) / best).toFixed(2)}× / ${(median(wall) / median(synth.map((r) => r.seconds))).toFixed(2)}× | ${(min(cpu) / min(synth.map((r) => r.cpuSeconds))).toFixed(2)}× / ${(median(cpu) / median(synth.map((r) => r.cpuSeconds))).toFixed(2)}× | ${allowed.toFixed(2)}× |`;
    }
    console.log(
      `| ${task} | ${fixed(RECORDS / best)} | ${fixed(instructions / best)} | ${pair(synth.map((r) => r.seconds))} | ${pair(synth.map((r) => r.cpuSeconds))} | ${fixed(median(synth.map((r) => r.peakRssMb)))} | ${pair(floor.map((r) => r.seconds))} | ${pair(floor.map((r) => r.cpuSeconds))} | ${ratios(synth, floor, "seconds")} | ${ratios(synth, floor, "cpuSeconds")} | ${met(best / floorBest <= 1.5)} |${iepileCells}`,
    );
  }
}

async function benchPaperMix(): Promise<void> {
  const count = Math.round(RECORDS / 2);
  header(
    `The paper's mix: \`hum synth\` at 45 % compound with a dictionary, ${fixed(count)} generated records of every kind (goal ≤ 3× the floor)`,
  );
  const { records } = generateCorpus(count, 42);
  const input = join(dir, "mix.jsonl");
  writeFileSync(input, records.map((r) => `${JSON.stringify(r)}\n`).join(""));
  const dictionary = join(dir, "mix.dictionary.yaml");
  writeFileSync(dictionary, dictionaryText(generatedDictionary(records, 42)));
  const out = join(dir, "mix.out.jsonl");
  const synth = synthRuns(input, out, "--dictionary", dictionary, "--workers", "1");
  const twoOut = join(dir, "mix.w2.jsonl");
  const two = synthRuns(input, twoOut, "--dictionary", dictionary, "--workers", "2");
  const sameBytes = (await sha(out)) === (await sha(twoOut));
  const basic = synthRuns(input, join(dir, "mix.basic.jsonl"), "--compound-ratio", "0", "--workers", "1");
  const floor = floorRuns(input, out);
  console.log("| run | instructions | wall s | CPU s | time / floor (wall) | CPU / floor CPU | goal |");
  console.log("|---|---:|---:|---:|---:|---:|---|");
  console.log(
    `| paper mix, \`--workers 1\` | ${fixed(lineCount(out))} | ${pair(synth.map((r) => r.seconds))} | ${pair(synth.map((r) => r.cpuSeconds))} | ${ratios(synth, floor, "seconds")} | ${ratios(synth, floor, "cpuSeconds")} | ${met(min(synth.map((r) => r.seconds)) / min(floor.map((r) => r.seconds)) <= 3)} |`,
  );
  console.log(
    `| paper mix, \`--workers 2\` (bytes identical: ${sameBytes ? "yes" : "NO"}) | ${fixed(lineCount(twoOut))} | ${pair(two.map((r) => r.seconds))} | ${pair(two.map((r) => r.cpuSeconds))} | ${ratios(two, floor, "seconds")} | ${ratios(two, floor, "cpuSeconds")} | ${met(min(two.map((r) => r.seconds)) / min(floor.map((r) => r.seconds)) <= 3)} |`,
  );
  console.log(
    `| basic only, same records | ${fixed(lineCount(join(dir, "mix.basic.jsonl")))} | ${pair(basic.map((r) => r.seconds))} | ${pair(basic.map((r) => r.cpuSeconds))} | ${ratios(basic, floor, "seconds")} | ${ratios(basic, floor, "cpuSeconds")} | |`,
  );
  console.log(
    `| floor | | ${pair(floor.map((r) => r.seconds))} | ${pair(floor.map((r) => r.cpuSeconds))} | | | |`,
  );
}

async function benchWorkers(): Promise<void> {
  header(
    `Worker threads: NER, ${fixed(RECORDS)} records, \`--compound-ratio 0\`; \`--workers 2\` renders on this thread and one worker (goal on 2 cores: ≥ 1.6× the single-thread throughput, same bytes)`,
  );
  const input = join(dir, "NER.jsonl");
  const one = join(dir, "w1.jsonl");
  const two = join(dir, "w2.jsonl");
  const single = synthRuns(input, one, "--compound-ratio", "0", "--workers", "1");
  const pairRuns = synthRuns(input, two, "--compound-ratio", "0", "--workers", "2");
  const speedUp = `${(min(single.map((r) => r.seconds)) / min(pairRuns.map((r) => r.seconds))).toFixed(2)}× / ${(median(single.map((r) => r.seconds)) / median(pairRuns.map((r) => r.seconds))).toFixed(2)}×`;
  console.log("| workers | wall s | CPU s | main-thread CPU s | peak RSS MB |");
  console.log("|---:|---:|---:|---:|---:|");
  for (const [n, runs] of [
    [1, single],
    [2, pairRuns],
  ] as const)
    console.log(
      `| ${n} | ${pair(runs.map((r) => r.seconds))} | ${pair(runs.map((r) => r.cpuSeconds))} | ${pair(runs.map((r) => r.mainThreadCpuSeconds ?? Number.NaN))} | ${fixed(median(runs.map((r) => r.peakRssMb)))} |`,
    );
  const sameBytes = (await sha(one)) === (await sha(two));
  console.log(
    `\nspeed-up (min / median): ${speedUp}: ${met(min(single.map((r) => r.seconds)) / min(pairRuns.map((r) => r.seconds)) >= 1.6)}; bytes identical to --workers 1: ${sameBytes ? "yes" : "NO"}`,
  );
  // What the machine allows: two single-thread runs at once, each its own process and output.
  const sideBySide: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    const flags = ["--compound-ratio", "0", "--workers", "1"];
    await Promise.all([one, two].map((out) => runNodeAsync(hum, synthArgs(input, out, flags))));
    sideBySide.push((performance.now() - started) / 1000);
  }
  const ceiling = (seconds: number, both: number) => ((2 * seconds) / both).toFixed(2);
  console.log(
    `two --workers 1 processes side by side: ${pair(sideBySide)} s for both, ${ceiling(min(single.map((r) => r.seconds)), min(sideBySide))}× / ${ceiling(median(single.map((r) => r.seconds)), median(sideBySide))}× the throughput of one (the ceiling two threads could reach here)`,
  );
}

/**
 * Peak RSS of basic synthesis at two sizes (BENCH_MEMORY_SIZES, default BENCH_RECORDS and ten times it;
 * the goal's 100k → 5M is BENCH_MEMORY_SIZES=100000,5000000).
 */
async function benchMemory(): Promise<void> {
  const sizes = (process.env.BENCH_MEMORY_SIZES ?? `${RECORDS},${RECORDS * 10}`).split(",").map(Number);
  header(
    `Memory: peak RSS of \`hum synth --compound-ratio 0 --workers 1\` on NER at ${sizes.map((n) => fixed(n)).join(" and ")} records (goal: within 10 %)`,
  );
  const runs: Array<[number, Run[]]> = [];
  for (const size of sizes) {
    const input = join(dir, `NER-${size}.jsonl`);
    if (size === RECORDS) copyFileSync(join(dir, "NER.jsonl"), input);
    else await writeBenchRecords(input, "NER", size);
    const out = join(dir, `NER-${size}.out.jsonl`);
    runs.push([size, synthRuns(input, out, "--compound-ratio", "0", "--workers", "1")]);
    rmSync(input);
    rmSync(out);
  }
  console.log("| records | wall s | peak RSS MB (min / median) |");
  console.log("|---:|---:|---:|");
  for (const [n, r] of runs)
    console.log(
      `| ${fixed(n)} | ${pair(r.map((x) => x.seconds))} | ${pair(
        r.map((x) => x.peakRssMb),
        0,
      )} |`,
    );
  const rss = (r: Run[]) => median(r.map((x) => x.peakRssMb));
  const growth = rss(runs.at(-1)![1]) / rss(runs[0][1]) - 1;
  console.log(`\ngrowth: ${(growth * 100).toFixed(1)} %: ${met(growth <= 0.1)}`);
}

/** Compound synthesis in memory beside basic synthesis of the same plans (no reading, no writing). */
async function benchCompoundVersusBasic(): Promise<void> {
  const count = Math.round(RECORDS / 5);
  header(`Compound synthesis in memory (${fixed(count)} generated records of every kind)`);
  const { records, labels } = benchCompoundInput(count);
  const basic = await benchCompound(records, labels, 42, "basic");
  const compound = await benchCompound(records, labels, 42);
  console.log("| mix | instructions | compound | instructions/s | time / basic time |");
  console.log("|---|---:|---:|---:|---:|");
  for (const [name, run] of [
    ["basic only (baseline: no compound step)", basic],
    ["paper mix (45 % compound)", compound],
  ] as const)
    console.log(
      `| ${name} | ${fixed(run.instructions)} | ${fixed(run.compound)} | ${fixed(run.instructionsPerSecond)} | ${(run.seconds / basic.seconds).toFixed(2)}× |`,
    );
}

/**
 * Scoring: `hum eval score` beside the floor of reading and JSON.parsing the same predictions file,
 * per task at BENCH_RECORDS, then NER at two sizes (BENCH_SCORING_SIZES, default 100k and 1M) for memory.
 */
function benchScoring(): void {
  header(
    `Evaluation scoring: \`hum eval score\` vs reading and JSON.parsing the same predictions file (min / median of ${RUNS}; goal ≤ 2× the floor in CPU time)`,
  );
  const sizes = (process.env.BENCH_SCORING_SIZES ?? "100000,1000000").split(",").map(Number);
  const perTask = benchEvalScoring(
    TASKS.map((task) => ({ task, predictions: RECORDS })),
    RUNS,
  );
  const bySize = benchEvalScoring(
    sizes.map((predictions) => ({ task: "NER" as const, predictions })),
    RUNS,
  );
  console.log(
    "| task | predictions | score CPU s | floor CPU s | CPU time / floor | wall time / floor | score peak RSS MB | floor peak RSS MB | goal |",
  );
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|---|");
  for (const r of [...perTask, ...bySize]) {
    const cpu = (runs: { cpuSeconds: number }[]) => runs.map((run) => run.cpuSeconds);
    console.log(
      `| ${r.task} | ${fixed(r.predictions)} | ${pair(cpu(r.score))} | ${pair(cpu(r.floor))} | ${ratios(r.score as Run[], r.floor as Run[], "cpuSeconds")} | ${ratios(r.score as Run[], r.floor as Run[], "seconds")} | ${fixed(median(r.score.map((run) => run.peakRssMb)))} | ${fixed(median(r.floor.map((run) => run.peakRssMb)))} | ${met(median(cpu(r.score)) / median(cpu(r.floor)) <= 2)} (CPU, median) |`,
    );
  }
  const [small, large] = [bySize[0], bySize.at(-1)!];
  const rss = (r: typeof small) => median(r.score.map((run) => run.peakRssMb));
  const growth = rss(large) / rss(small) - 1;
  console.log(
    `\nScorer peak RSS from ${fixed(small.predictions)} to ${fixed(large.predictions)} NER predictions: ${fixed(rss(small))} → ${fixed(rss(large))} MB (${growth >= 0 ? "+" : ""}${(growth * 100).toFixed(1)} %; goal: flat, within 10 %): ${met(growth <= 0.1)}`,
  );
}

/** The LLM client against a loopback server with fixed latency: achieved throughput as a share of C/L. */
function benchLlm(): void {
  console.log("\n## LLM client throughput (loopback OpenAI-compatible server)\n");
  console.log(
    execFileSync(process.execPath, [join(root, "bench/llm-throughput.ts")], { encoding: "utf8" }).trim(),
  );
}

const only = process.env.BENCH_ONLY?.split(",");
const wanted = (name: string) => !only || only.includes(name);
try {
  mkdirSync(dir, { recursive: true });
  for (const task of ["NER", "RE", "EE"] as BenchTask[])
    await writeBenchRecords(join(dir, `${task}.jsonl`), task, RECORDS);
  const iepile = iepileAvailable();
  console.log(
    `# Hum bench: ${fixed(RECORDS)} records per task, ${RUNS} runs per figure, node ${process.version}; IEPile column: ${iepile ? "yes" : "skipped (set IEPILE_DIR to a checkout of IEPile, with python3 and numpy)"}`,
  );
  if (wanted("startup")) benchStartup();
  if (wanted("basic")) await benchBasic(iepile);
  if (wanted("mix")) await benchPaperMix();
  if (wanted("workers")) await benchWorkers();
  if (wanted("memory")) await benchMemory();
  if (wanted("compound")) await benchCompoundVersusBasic();
  if (wanted("scoring")) benchScoring();
  if (wanted("llm")) benchLlm();
  console.log(`\nload average at end: ${load()}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
