import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { hash } from "node:crypto";
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, relative } from "node:path";
import { test } from "node:test";
import { DuckDBInstance } from "@duckdb/node-api";
import { parse as parseYaml } from "yaml";
import { humInProcess } from "../../test/support/hum-in-process.ts";
import { buildEvalSets } from "../eval/index.ts";
import {
  batchLayout,
  exportCorpus,
  formatExportSummary,
  GENERAL_DATASETS,
  parseSplitSpec,
  pyYamlFloat,
  sizeCategory,
} from "./index.ts";

const root = new URL("../..", import.meta.url).pathname;

/** The embedded example corpus, synthesised once, plus one line that is not JSON. */
async function exampleCorpus(): Promise<{ dir: string; input: string }> {
  const dir = mkdtempSync(join(tmpdir(), "hum-export-"));
  const input = join(dir, "instructions.jsonl");
  await humInProcess(
    "synth",
    "--config",
    join(root, "examples/hum.yaml"),
    "--out",
    input,
    "--summary",
    join(dir, "s.json"),
  );
  appendFileSync(input, "{not json\n");
  return { dir, input };
}

const EXPORT_FLAGS = [
  "--to",
  "llamafactory,openai",
  "--to",
  "parquet",
  "--to",
  "hf",
  "--split",
  "train=0.7,validation=0.3",
  "--hold-out-source",
  "example_graph",
  "--max-input-tokens",
  "250",
  "--train-config",
  "llamafactory",
  "--train-config",
  "opencompass",
  "--gpus",
  "4",
];

function jsonLines(path: string): unknown[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line));
}

async function duckdb(sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    return (await connection.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

function filesUnder(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out[relative(dir, path)] = hash("sha256", readFileSync(path), "hex");
    }
  };
  walk(dir);
  return out;
}

test("hum export writes every target; an independent reader finds the rows, splits and counts the summary states", async () => {
  const { dir, input } = await exampleCorpus();
  const out = join(dir, "export");
  await humInProcess("export", input, "--out", out, ...EXPORT_FLAGS);
  const summary = JSON.parse(readFileSync(join(out, "export-summary.json"), "utf8"));

  // Every line is accounted for: kept, dropped by task, or rejected with its reason.
  assert.equal(summary.lines.rejected, 1);
  assert.deepEqual(summary.rejected_by_reason, { "invalid JSON": 1 });
  assert.equal(jsonLines(join(out, "export-rejects.jsonl")).length, 1);
  assert.equal(summary.instructions.read, summary.lines.read - 1);
  assert.ok(summary.instructions.dropped > 0, "the 250-token budget drops some instructions");
  assert.equal(summary.instructions.kept + summary.instructions.dropped, summary.instructions.read);
  const dropped = Object.values(summary.instructions.dropped_by_task) as Array<{
    input: number;
    output: number;
  }>;
  assert.equal(
    dropped.reduce((sum, d) => sum + d.input + d.output, 0),
    summary.instructions.dropped,
  );
  assert.deepEqual(summary.split_order, ["train", "validation", "test"]);

  // Row counts per split, read back by each target's reader, equal the instructions kept.
  let total = 0;
  for (const split of summary.split_order) {
    const expected = summary.splits[split].instructions;
    total += expected;
    assert.equal(jsonLines(join(out, `openai/${split}.jsonl`)).length, expected);
    assert.equal(jsonLines(join(out, `llamafactory/hum_${split}.jsonl`)).length, expected);
    for (const file of [`parquet/${split}.parquet`, `hf/data/${split}-00000-of-00001.parquet`]) {
      const [{ rows }] = await duckdb(
        `SELECT count(*)::INTEGER AS rows FROM read_parquet('${join(out, file)}')`,
      );
      assert.equal(rows, expected, file);
    }
  }
  assert.equal(total, summary.instructions.kept);

  // Parquet: real nested types, and the same rows as the JSONL exports, in the same order.
  const columns = await duckdb(
    `DESCRIBE SELECT * FROM read_parquet('${join(out, "parquet/train.parquet")}')`,
  );
  const types = Object.fromEntries(columns.map((c) => [c.column_name, c.column_type]));
  assert.equal(types.messages, 'STRUCT("role" VARCHAR, "content" VARCHAR)[]');
  assert.equal(types.strategies, "VARCHAR[]");
  for (const column of ["id", "record_id", "task", "source", "lang", "kind"])
    assert.equal(types[column], "VARCHAR");
  const parquetMessages = await duckdb(
    `SELECT to_json(messages)::VARCHAR AS messages FROM read_parquet('${join(out, "parquet/validation.parquet")}')`,
  );
  assert.deepEqual(
    parquetMessages.map((row) => JSON.parse(row.messages as string)),
    jsonLines(join(out, "openai/validation.jsonl")).map((line) => (line as { messages: unknown }).messages),
  );

  // No record straddles two splits; the held-out source is wholly in `test`.
  const straddling = await duckdb(
    `SELECT source, record_id FROM read_parquet('${join(out, "parquet/*.parquet")}', filename = true)
     GROUP BY source, record_id HAVING count(DISTINCT filename) > 1`,
  );
  assert.deepEqual(straddling, []);
  const bySplit = await duckdb(
    `SELECT DISTINCT parse_filename(filename, true) AS split FROM read_parquet('${join(out, "parquet/*.parquet")}', filename = true)
     WHERE source = 'example_graph'`,
  );
  assert.deepEqual(bySplit, [{ split: "test" }]);
  assert.deepEqual(Object.keys(summary.splits.test.by_source), ["example_graph"]);

  checkLlamaFactoryDir(join(out, "llamafactory"));
  checkOpenAiFile(join(out, "openai/train.jsonl"));
  checkDatasetCard(join(out, "hf"), summary);
  checkTrainingConfigs(join(out, "train"), out);
});

test("exports are byte-identical across runs, and the data does not depend on where it is written", async () => {
  const { dir, input } = await exampleCorpus();
  const first = join(dir, "a");
  await humInProcess("export", input, "--out", first, ...EXPORT_FLAGS);
  const before = filesUnder(first);
  await humInProcess("export", input, "--out", first, ...EXPORT_FLAGS);
  assert.deepEqual(filesUnder(first), before);
  assert.ok(!Object.keys(before).some((name) => name.endsWith(".tmp")), "no temporary file is left");

  const second = join(dir, "b");
  await humInProcess("export", input, "--out", second, ...EXPORT_FLAGS);
  const elsewhere = filesUnder(second);
  // Only the configs name the folder they point at.
  for (const [name, digest] of Object.entries(before))
    if (!name.startsWith("train/")) assert.equal(elsewhere[name], digest, name);
});

test("sharegpt layout with a system prompt follows LlamaFactory's loader rules too", async () => {
  const { dir, input } = await exampleCorpus();
  const out = join(dir, "export");
  await humInProcess(
    "export",
    input,
    "--out",
    out,
    "--to",
    "llamafactory",
    "--llamafactory-format",
    "sharegpt",
    "--system",
    "You are Hum.",
  );
  checkLlamaFactoryDir(join(out, "llamafactory"));
  const [first] = jsonLines(join(out, "llamafactory/hum_train.jsonl")) as Array<{
    messages: Array<{ role: string }>;
  }>;
  assert.deepEqual(
    first.messages.map((m) => m.role),
    ["system", "user", "assistant"],
  );
  // Alpaca with a system prompt maps the system column, and every row has it.
  const alpaca = join(dir, "alpaca");
  await humInProcess("export", input, "--out", alpaca, "--to", "llamafactory", "--system", "You are Hum.");
  checkLlamaFactoryDir(join(alpaca, "llamafactory"));
});

test("bad arguments and a missing input fail with what is wrong, and leave no export behind", async () => {
  const { dir, input } = await exampleCorpus();
  await assert.rejects(
    humInProcess("export", input, "--out", join(dir, "x"), "--to", "csv"),
    /"csv" is not one of/,
  );
  await assert.rejects(
    humInProcess(
      "export",
      input,
      "--out",
      join(dir, "x"),
      "--to",
      "openai",
      "--train-config",
      "llamafactory",
    ),
    /needs the LlamaFactory export: add --to llamafactory/,
  );
  await assert.rejects(
    humInProcess("export", join(dir, "absent.jsonl"), "--out", join(dir, "y"), "--to", "openai,parquet"),
    /ENOENT/,
  );
  assert.equal(existsSync(join(dir, "y", "export-summary.json")), false);
  assert.throws(() => parseSplitSpec("train=0.9,validation=0.2"), /sum to 1.1/);
  assert.throws(() => parseSplitSpec("train=0.5,train=0.5"), /named twice/);
  assert.throws(() => parseSplitSpec("Train=1"), /name=share/);
});

test("the global batch of 320 splits over GPUs; floats are written as PyYAML floats; size buckets", () => {
  assert.deepEqual(batchLayout(320, 1, 8), { perDevice: 8, accumulation: 40, gpus: 1 });
  assert.deepEqual(batchLayout(320, 32, 8), { perDevice: 5, accumulation: 2, gpus: 32 });
  assert.deepEqual(batchLayout(320, 8, 4), { perDevice: 4, accumulation: 10, gpus: 8 });
  assert.throws(() => batchLayout(320, 3, 8), /does not divide the global batch of 320/);
  // PyYAML's float resolver needs a dot and a signed exponent.
  const pyYamlFloatPattern = /^[-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+][0-9]+)?$/;
  for (const value of [5e-5, 1e-4, 0.05, 0.1, 3, 2.5e-7]) {
    const text = pyYamlFloat(value);
    assert.match(text, pyYamlFloatPattern, text);
    assert.equal(Number(text), value);
  }
  assert.equal(pyYamlFloat(5e-5), "5.0e-5");
  assert.deepEqual([999, 1000, 54_321, 2_812_832].map(sizeCategory), [
    "n<1K",
    "1K<n<10K",
    "10K<n<100K",
    "1M<n<10M",
  ]);
  const paperNames = new Set(GENERAL_DATASETS.map((d) => d.paper.replace(/ \((en|zh)\)$/, "")));
  assert.equal(paperNames.size, 28);
});

// LlamaFactory's loader (data/parser.py, data/converter.py, data/loader.py), restated as checks: an
// entry names a file inside dataset_dir with a known extension; `formatting` is alpaca, sharegpt or
// openai; `columns` and `tags` use only the keys DatasetAttr reads; alpaca rows have every mapped
// column (the converter indexes them), sharegpt rows alternate user/assistant after an optional system.
const LOADER_EXTENSIONS = ["arrow", "csv", "json", "jsonl", "parquet", "txt"];
const LOADER_COLUMNS = [
  "prompt",
  "query",
  "response",
  "history",
  "messages",
  "system",
  "tools",
  "images",
  "videos",
  "audios",
  "chosen",
  "rejected",
  "kto_tag",
];
const LOADER_TAGS = [
  "role_tag",
  "content_tag",
  "user_tag",
  "assistant_tag",
  "observation_tag",
  "function_tag",
  "system_tag",
];

function checkLlamaFactoryDir(dir: string): void {
  const info = JSON.parse(readFileSync(join(dir, "dataset_info.json"), "utf8")) as Record<
    string,
    Record<string, unknown>
  >;
  assert.ok(Object.keys(info).length > 0);
  for (const [name, entry] of Object.entries(info)) {
    const file = join(dir, entry.file_name as string);
    assert.ok(existsSync(file) && statSync(file).isFile(), `${name}: file_name exists`);
    assert.ok(LOADER_EXTENSIONS.includes(extname(file).slice(1)), `${name}: extension`);
    const formatting = (entry.formatting as string) ?? "alpaca";
    assert.ok(["alpaca", "sharegpt", "openai"].includes(formatting));
    const columns = (entry.columns ?? {}) as Record<string, string>;
    for (const key of Object.keys(columns)) assert.ok(LOADER_COLUMNS.includes(key), `${name}: column ${key}`);
    const tags = (entry.tags ?? {}) as Record<string, string>;
    for (const key of Object.keys(tags)) assert.ok(LOADER_TAGS.includes(key), `${name}: tag ${key}`);
    const rows = jsonLines(file) as Array<Record<string, unknown>>;
    if (formatting === "alpaca") {
      const mapped = { prompt: "instruction", query: "input", response: "output", ...columns };
      for (const row of rows) {
        for (const column of Object.values(mapped))
          assert.equal(typeof row[column], "string", `${name}: ${column}`);
        assert.ok((row[mapped.prompt] as string).length > 0);
      }
    } else {
      const roleTag = tags.role_tag ?? "from";
      const contentTag = tags.content_tag ?? "value";
      const [user, assistant, system] = [
        tags.user_tag ?? "human",
        tags.assistant_tag ?? "gpt",
        tags.system_tag ?? "system",
      ];
      for (const row of rows) {
        let messages = row[columns.messages ?? "conversations"] as Array<Record<string, string>>;
        if (messages[0][roleTag] === system) messages = messages.slice(1);
        assert.equal(messages.length % 2, 0);
        messages.forEach((message, i) => {
          assert.equal(message[roleTag], i % 2 === 0 ? user : assistant);
          assert.equal(typeof message[contentTag], "string");
        });
      }
    }
  }
}

/** OpenAI's fine-tuning format: `{"messages": [...]}` lines, known roles, ending with the assistant, ≥ 10 lines. */
function checkOpenAiFile(path: string): void {
  const lines = jsonLines(path) as Array<Record<string, unknown>>;
  assert.ok(lines.length >= 10, `${path}: at least 10 examples`);
  for (const line of lines) {
    assert.deepEqual(Object.keys(line), ["messages"]);
    const messages = line.messages as Array<{ role: string; content: string }>;
    for (const message of messages) {
      assert.ok(["system", "user", "assistant"].includes(message.role));
      assert.equal(typeof message.content, "string");
    }
    assert.equal(messages.at(-1)?.role, "assistant");
    assert.ok(messages.some((m) => m.role === "user"));
  }
}

// The Hub's dataset card metadata keys (its datasetcard template), licence ids used here, and its
// task category and size category vocabularies.
const HUB_CARD_KEYS = [
  "annotations_creators",
  "language_creators",
  "language",
  "language_details",
  "license",
  "license_name",
  "license_link",
  "license_details",
  "multilinguality",
  "pretty_name",
  "size_categories",
  "source_datasets",
  "task_categories",
  "task_ids",
  "paperswithcode_id",
  "configs",
  "dataset_info",
  "tags",
  "extra_gated_fields",
  "extra_gated_prompt",
  "train-eval-index",
  "viewer",
];
const HUB_SIZE_CATEGORIES = [
  "n<1K",
  "1K<n<10K",
  "10K<n<100K",
  "100K<n<1M",
  "1M<n<10M",
  "10M<n<100M",
  "100M<n<1B",
  "1B<n<10B",
  "10B<n<100B",
  "100B<n<1T",
  "n>1T",
];
const HUB_TASK_CATEGORIES = [
  "text-classification",
  "token-classification",
  "question-answering",
  "text-generation",
  "text2text-generation",
  "zero-shot-classification",
  "summarization",
  "translation",
];
const HUB_LICENCES = ["apache-2.0", "mit", "cc-by-sa-4.0", "cc-by-nc-4.0", "other"];

function checkDatasetCard(
  dir: string,
  summary: { split_order: string[]; splits: Record<string, { instructions: number }> },
): void {
  const card = readFileSync(join(dir, "README.md"), "utf8");
  const match = /^---\n([\s\S]*?)\n---\n/.exec(card);
  assert.ok(match, "the card starts with YAML front matter");
  const front = parseYaml(match[1]) as Record<string, unknown>;
  for (const key of Object.keys(front)) assert.ok(HUB_CARD_KEYS.includes(key), `unknown card key ${key}`);
  assert.ok(HUB_LICENCES.includes(front.license as string));
  if (front.license === "other") assert.equal(typeof front.license_name, "string");
  for (const size of front.size_categories as string[]) assert.ok(HUB_SIZE_CATEGORIES.includes(size));
  for (const category of front.task_categories as string[]) assert.ok(HUB_TASK_CATEGORIES.includes(category));
  assert.deepEqual(front.language, ["en", "zh"]);
  const [config] = front.configs as Array<{
    config_name: string;
    data_files: Array<{ split: string; path: string }>;
  }>;
  assert.equal(config.config_name, "default");
  assert.deepEqual(
    config.data_files.map((f) => f.split),
    summary.split_order,
  );
  for (const { split, path } of config.data_files) {
    const pattern = new RegExp(`^${path.replace(".", "\\.").replace("*", "[^/]*")}$`);
    const matches = readdirSync(join(dir, "data")).filter((name) => pattern.test(`data/${name}`));
    assert.equal(matches.length, 1, `${split}: one data file`);
  }
  for (const split of summary.split_order)
    assert.match(card, new RegExp(`\\| ${split} \\| ${summary.splits[split].instructions} \\|`));
  assert.match(card, /## Sources and licences/);
  assert.match(card, /\| example_news \| \d+ \| Apache-2\.0/);
  assert.match(card, /seed 42/);
}

/** The LoRA YAML as PyYAML reads it (when Python with PyYAML is there), and the OpenCompass config as Python parses it. */
function checkTrainingConfigs(dir: string, out: string): void {
  const yamlPath = join(dir, "llamafactory_lora_sft.yaml");
  const config = parseYaml(readFileSync(yamlPath, "utf8")) as Record<string, unknown>;
  assert.equal(config.dataset_dir, join(out, "llamafactory"));
  assert.equal(config.dataset, "hum_train");
  assert.equal(config.eval_dataset, "hum_validation");
  assert.equal(config.cutoff_len, 250 + 500);
  assert.equal(
    (config.per_device_train_batch_size as number) * (config.gradient_accumulation_steps as number) * 4,
    320,
  );
  const python = spawnSync(
    "python3",
    [
      "-c",
      "import ast, json, sys, yaml\nc = yaml.safe_load(open(sys.argv[1]))\nast.parse(open(sys.argv[2]).read())\nprint(json.dumps({k: type(v).__name__ for k, v in c.items()}))",
      yamlPath,
      join(dir, "opencompass_hum.py"),
    ],
    { encoding: "utf8" },
  );
  if (python.status !== 0) {
    // Without Python and PyYAML there is no independent reader here; the pattern test above still holds.
    if (/No module named|ENOENT|not found/.test(`${python.stderr}${python.error?.message ?? ""}`)) return;
    assert.fail(python.stderr);
  }
  const pyTypes = JSON.parse(python.stdout) as Record<string, string>;
  for (const key of ["learning_rate", "weight_decay", "lora_dropout", "warmup_ratio", "num_train_epochs"])
    assert.equal(pyTypes[key], "float", key);
  for (const key of ["lora_rank", "lora_alpha", "cutoff_len", "per_device_train_batch_size"])
    assert.equal(pyTypes[key], "int", key);
  const opencompass = readFileSync(join(dir, "opencompass_hum.py"), "utf8");
  for (const dataset of GENERAL_DATASETS)
    assert.ok(
      opencompass.includes(
        `from opencompass.configs.datasets.${dataset.module} import ${dataset.variable} as`,
      ),
    );
}

test("the OpenCompass config lists our eval sets as custom question/answer datasets and can target an endpoint", async () => {
  const { dir, input } = await exampleCorpus();
  const sets = join(dir, "sets");
  const fixtures = join(root, "test/fixtures/eval");
  await buildEvalSets({ datasets: fixtures, out: sets, seed: 42, examplePool: 20, formatShare: 0.5 });
  const out = join(dir, "export");
  await humInProcess(
    "export",
    input,
    "--out",
    out,
    "--to",
    "openai",
    "--split",
    "train=1",
    "--train-config",
    "opencompass",
    "--eval-sets",
    sets,
    "--endpoint",
    "http://127.0.0.1:8000/v1",
    "--endpoint-model",
    "hum-qwen2",
  );
  const config = readFileSync(join(out, "train/opencompass_hum.py"), "utf8");
  const evalFiles = readdirSync(sets)
    .filter((name) => /\.[BC]\.jsonl$/.test(name))
    .sort();
  assert.equal(evalFiles.length, 10);
  for (const name of evalFiles) {
    const stem = name.replace(/\.jsonl$/, "");
    const converted = join(out, "train/opencompass", `hum_${stem.replace(".", "_")}.jsonl`);
    const records = jsonLines(join(sets, name)) as Array<{ instruction: string; reference_output: string }>;
    assert.deepEqual(
      jsonLines(converted),
      records.map((r) => ({ question: r.instruction, answer: r.reference_output })),
    );
    assert.ok(config.includes(`abbr="hum-${stem.replace(".", "-")}", path=${JSON.stringify(converted)}`));
  }
  assert.match(config, /openai_api_base="http:\/\/127\.0\.0\.1:8000\/v1"/);
  assert.match(config, /^models = \[hum_endpoint\]$/m);
  const python = spawnSync("python3", [
    "-c",
    "import ast, sys; ast.parse(open(sys.argv[1]).read())",
    join(out, "train/opencompass_hum.py"),
  ]);
  if (python.status !== null && !python.error) assert.equal(python.status, 0, String(python.stderr));
});

test("a failure while finishing leaves no partial file and no summary", async () => {
  const { dir, input } = await exampleCorpus();
  const out = join(dir, "export");
  // A directory where the OpenAI train file must go: its rename fails after the rows were written.
  mkdirSync(join(out, "openai/train.jsonl/blocked"), { recursive: true });
  await assert.rejects(
    humInProcess("export", input, "--out", out, "--to", "parquet,openai", "--split", "train=1"),
  );
  const left = Object.keys(filesUnder(out));
  assert.deepEqual(left, []);
});

test("a split too small for OpenAI fine-tuning is reported", async () => {
  const { dir, input } = await exampleCorpus();
  const summary = await exportCorpus({
    input,
    out: join(dir, "export"),
    targets: ["openai"],
    split: "train=0.9,validation=0.1",
  });
  assert.deepEqual(summary.warnings, [
    `openai/validation.jsonl has ${summary.splits.validation.instructions} examples; OpenAI fine-tuning wants at least 10`,
  ]);
  assert.match(formatExportSummary(summary), /warning: openai\/validation\.jsonl has/);
});
