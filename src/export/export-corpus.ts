import { rmSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { AtomicOutput, writeFileAtomic } from "../io/index.ts";
import { fitsWithin, loadTokenCounter, type TokenCounter } from "../tokenizer/index.ts";
import { humVersion, increment, packageVersion, reasonKind } from "../util/index.ts";
import { chatMessages } from "./chat-messages.ts";
import { countDrop, countRow, type ExportSummary, settleSummary } from "./export-summary.ts";
import type { ExportTarget, TargetName } from "./export-target.ts";
import { hfTarget } from "./hf-target.ts";
import { readInstructions } from "./instruction-input.ts";
import { type LlamaFactoryFormat, llamaFactoryTarget } from "./llamafactory-target.ts";
import { openaiTarget } from "./openai-target.ts";
import { parquetTarget } from "./parquet-target.ts";
import type { SourceLicence } from "./source-licences.ts";
import { assignSplit, parseSplitSpec, type SplitPlan } from "./split-plan.ts";
import { type HandoffOptions, writeTrainingHandoff } from "./training-handoff.ts";

export interface ExportOptions {
  /** A `hum synth` output: one instruction per line. */
  input: string;
  /** The folder every target writes under (`<out>/<target>/…`). */
  out: string;
  targets: TargetName[];
  /** `train=0.98,validation=0.02` (the default). */
  split?: string;
  seed?: number;
  /** Sources held out whole, in `holdOutSplit` (default `test`). */
  holdOutSources?: string[];
  holdOutSplit?: string;
  /** A tokenizer name (`qwen2`, `qwen3`); the chars/4 estimate when absent. */
  tokenizer?: string;
  maxInputTokens?: number;
  maxOutputTokens?: number;
  /** A system prompt put before every instruction. */
  system?: string;
  /** The dataset's name: LlamaFactory entries `<name>_<split>`, the card's title. */
  name?: string;
  llamafactoryFormat?: LlamaFactoryFormat;
  sourceLicences?: Record<string, SourceLicence>;
  /** A synthesis config's text, quoted in the dataset card. */
  synthConfig?: string;
  /** Training and evaluation configs to write under `<out>/train/`, pointing at this export. */
  handoff?: Omit<HandoffOptions, "out" | "name" | "trainSplit" | "evalSplit">;
}

export const DEFAULT_SPLIT = "train=0.98,validation=0.02";
export const PAPER_MAX_INPUT_TOKENS = 1500;
export const PAPER_MAX_OUTPUT_TOKENS = 500;

/**
 * Export a corpus in one streaming pass: rejected lines are written out with their reasons, instructions
 * over the token budget are counted by task and dropped, the rest go to their record's split in every
 * target. Same input and options → same bytes.
 */
export async function exportCorpus(options: ExportOptions): Promise<ExportSummary> {
  if (options.targets.length === 0) throw new Error("nothing to export: name at least one target");
  if (options.handoff?.configs.includes("llamafactory") && !options.targets.includes("llamafactory"))
    throw new Error("a LlamaFactory training config needs the LlamaFactory export: add --to llamafactory");
  const plan: SplitPlan = {
    shares: parseSplitSpec(options.split ?? DEFAULT_SPLIT),
    seed: options.seed ?? 42,
    holdOutSources: [...(options.holdOutSources ?? [])].sort(),
    holdOutSplit: options.holdOutSplit ?? "test",
  };
  const count = await loadTokenCounter(options.tokenizer);
  const summary = emptySummary(options, plan, count);
  const targets = createTargets(options, summary);
  const rejects = new LazyFile(join(options.out, "export-rejects.jsonl"));
  const files: string[] = [];
  try {
    await streamRows(options, plan, count, summary, targets, rejects);
    settleSummary(summary, [...plan.shares.map((s) => s.name), plan.holdOutSplit]);
    summary.warnings = targetWarnings(summary);
    for (const target of targets) files.push(...(await target.finish(summary)));
    if (await rejects.commit()) files.push(rejects.path);
    if (options.handoff)
      files.push(
        ...(await writeTrainingHandoff(
          {
            ...options.handoff,
            out: options.out,
            name: options.name ?? "hum",
            trainSplit: plan.shares[0].name,
            evalSplit: plan.shares[1]?.name,
          },
          summary,
        )),
      );
    summary.files = files.map((file) => relative(options.out, file).split(sep).join("/"));
    writeFileAtomic(join(options.out, "export-summary.json"), `${JSON.stringify(summary, null, 2)}\n`);
    return summary;
  } catch (error) {
    // Nothing of a failed run stays: partial files, the complete ones it renamed, and its indexes.
    for (const target of targets) target.discard();
    rejects.discard();
    for (const file of files) rmSync(file, { force: true });
    rmSync(join(options.out, "export-summary.json"), { force: true });
    throw error;
  }
}

async function streamRows(
  options: ExportOptions,
  plan: SplitPlan,
  count: TokenCounter,
  summary: ExportSummary,
  targets: ExportTarget[],
  rejects: LazyFile,
): Promise<void> {
  const maxInput = options.maxInputTokens ?? PAPER_MAX_INPUT_TOKENS;
  const maxOutput = options.maxOutputTokens ?? PAPER_MAX_OUTPUT_TOKENS;
  const systemTokens = options.system ? count(options.system) : 0;
  for await (const item of readInstructions(options.input)) {
    summary.lines.read++;
    if ("reason" in item) {
      summary.lines.rejected++;
      increment(summary.rejected_by_reason, reasonKind(item.reason));
      await rejects.write({ file: options.input, line: item.line, reason: item.reason, text: item.text });
      continue;
    }
    const { record } = item;
    summary.instructions.read++;
    // The system prompt is part of the model's input, so it counts against the input budget.
    if (!fitsWithin(count, record.instruction, maxInput - systemTokens)) {
      countDrop(summary, record.task, "input");
      continue;
    }
    if (!fitsWithin(count, record.output, maxOutput)) {
      countDrop(summary, record.task, "output");
      continue;
    }
    const row = {
      record,
      messages: chatMessages(record, options.system),
      split: assignSplit(plan, record.source, record.record_id),
    };
    for (const target of targets) await target.add(row);
    summary.instructions.kept++;
    countRow(summary, row.split, record);
  }
}

/** OpenAI's fine-tuning API refuses a file of fewer than 10 examples. */
const OPENAI_MIN_EXAMPLES = 10;

function targetWarnings(summary: ExportSummary): string[] {
  if (!summary.targets.includes("openai")) return [];
  return summary.split_order
    .filter((split) => summary.splits[split].instructions < OPENAI_MIN_EXAMPLES)
    .map(
      (split) =>
        `openai/${split}.jsonl has ${summary.splits[split].instructions} examples; OpenAI fine-tuning wants at least ${OPENAI_MIN_EXAMPLES}`,
    );
}

function createTargets(options: ExportOptions, summary: ExportSummary): ExportTarget[] {
  const createdBy = `hum version ${summary.versions.hum}`;
  const name = options.name ?? "hum";
  const unique = [...new Set(options.targets)];
  return unique.map((target) => {
    const dir = join(options.out, target);
    switch (target) {
      case "llamafactory":
        return llamaFactoryTarget(dir, {
          name,
          format: options.llamafactoryFormat ?? "alpaca",
          system: options.system,
        });
      case "openai":
        return openaiTarget(dir);
      case "parquet":
        return parquetTarget(dir, createdBy);
      default:
        return hfTarget(dir, createdBy, {
          name,
          sourceLicences: options.sourceLicences,
          synthConfig: options.synthConfig,
          system: options.system,
        });
    }
  });
}

function emptySummary(options: ExportOptions, plan: SplitPlan, count: TokenCounter): ExportSummary {
  const versions: Record<string, string> = { hum: humVersion() };
  if (options.targets.some((t) => t === "parquet" || t === "hf"))
    versions["hyparquet-writer"] = packageVersion("hyparquet-writer");
  return {
    input: options.input,
    targets: [...new Set(options.targets)],
    seed: plan.seed,
    split: {
      shares: Object.fromEntries(plan.shares.map((s) => [s.name, s.share])),
      hold_out_sources: plan.holdOutSources,
      hold_out_split: plan.holdOutSplit,
    },
    split_order: [],
    length_filter: {
      tokenizer: count.tokenizer,
      ...(count.vocabulary ? { vocabulary: count.vocabulary } : {}),
      max_input_tokens: options.maxInputTokens ?? PAPER_MAX_INPUT_TOKENS,
      max_output_tokens: options.maxOutputTokens ?? PAPER_MAX_OUTPUT_TOKENS,
    },
    lines: { read: 0, rejected: 0 },
    rejected_by_reason: {},
    instructions: { read: 0, kept: 0, dropped: 0, dropped_by_task: {} },
    splits: {},
    versions,
    warnings: [],
    files: [],
  };
}

/** The rejects file, created only when a line is rejected. */
class LazyFile {
  readonly path: string;
  #file?: AtomicOutput;

  constructor(path: string) {
    this.path = path;
  }

  async write(value: unknown): Promise<void> {
    this.#file ??= new AtomicOutput(this.path);
    this.#file.write(`${JSON.stringify(value)}\n`);
  }

  async commit(): Promise<boolean> {
    if (!this.#file) return false;
    this.#file.commit();
    return true;
  }

  discard(): void {
    this.#file?.discard();
  }
}
