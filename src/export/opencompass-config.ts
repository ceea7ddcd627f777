/** One general-capability dataset of the paper's appendix, by its OpenCompass config. */
export interface GeneralDataset {
  /** The paper's dimension (Table 5). */
  dimension: string;
  /** The name the paper uses. */
  paper: string;
  /** The config module under `opencompass.configs.datasets`. */
  module: string;
  /** The list it defines. */
  variable: string;
}

const d = (dimension: string, paper: string, module: string, variable: string): GeneralDataset => ({
  dimension,
  paper,
  module,
  variable,
});

/**
 * The 28 datasets of the paper's general-capability evaluation (appendix Tables 4 and 6–11), in
 * OpenCompass "gen" mode as the paper ran them; BoolQ in "ppl" mode (Table 11's note). T-Eval counts
 * once and runs in English and Chinese.
 */
export const GENERAL_DATASETS: readonly GeneralDataset[] = [
  d("language understanding", "C3", "CLUE_C3.CLUE_C3_gen", "C3_datasets"),
  d("language understanding", "WSC", "SuperGLUE_WSC.SuperGLUE_WSC_gen", "WSC_datasets"),
  d("language understanding", "XSum", "Xsum.Xsum_gen", "Xsum_datasets"),
  d("language understanding", "Lambada", "lambada.lambada_gen", "lambada_datasets"),
  d("language understanding", "LCSTS", "lcsts.lcsts_gen", "lcsts_datasets"),
  d("language understanding", "RACE (middle and high)", "race.race_gen", "race_datasets"),
  d("tools", "T-Eval (en)", "teval.teval_en_gen", "teval_datasets"),
  d("tools", "T-Eval (zh)", "teval.teval_zh_gen", "teval_datasets"),
  d("general knowledge", "ARC-c", "ARC_c.ARC_c_gen", "ARC_c_datasets"),
  d("general knowledge", "ARC-e", "ARC_e.ARC_e_gen", "ARC_e_datasets"),
  d("general knowledge", "BoolQ", "SuperGLUE_BoolQ.SuperGLUE_BoolQ_ppl", "BoolQ_datasets"),
  d("general knowledge", "GaoKao-Bench", "GaokaoBench.GaokaoBench_gen", "GaokaoBench_datasets"),
  d("general knowledge", "AGIEval", "agieval.agieval_gen", "agieval_datasets"),
  d("general knowledge", "CommonsenseQA", "commonsenseqa.commonsenseqa_gen", "commonsenseqa_datasets"),
  d("general knowledge", "NQ", "nq.nq_gen", "nq_datasets"),
  d("general knowledge", "OpenBookQA", "obqa.obqa_gen", "obqa_datasets"),
  d("general knowledge", "TriviaQA", "triviaqa.triviaqa_gen", "triviaqa_datasets"),
  d("professional knowledge", "C-Eval", "ceval.ceval_gen", "ceval_datasets"),
  d("professional knowledge", "CMMLU", "cmmlu.cmmlu_gen", "cmmlu_datasets"),
  d("professional knowledge", "MMLU", "mmlu.mmlu_gen", "mmlu_datasets"),
  d("coding", "MBPP", "mbpp.mbpp_gen", "mbpp_datasets"),
  d("coding", "HumanEval", "humaneval.humaneval_gen", "humaneval_datasets"),
  d("math", "MATH", "math.math_gen", "math_datasets"),
  d("math", "GSM8K", "gsm8k.gsm8k_gen", "gsm8k_datasets"),
  d("reasoning", "BBH", "bbh.bbh_gen", "bbh_datasets"),
  d("reasoning", "DROP", "drop.drop_gen", "drop_datasets"),
  d("reasoning", "HellaSwag", "hellaswag.hellaswag_gen", "hellaswag_datasets"),
  d("reasoning", "OCNLI", "CLUE_ocnli.CLUE_ocnli_gen", "ocnli_datasets"),
  d("reasoning", "PIQA", "piqa.piqa_gen", "piqa_datasets"),
];

/** One of our Table-1 eval sets, converted to OpenCompass's custom `qa` JSONL. */
export interface CustomEvalSet {
  abbr: string;
  path: string;
}

export interface OpenCompassOptions {
  /** Base model (Hugging Face id or path) the LoRA adapter was trained on. */
  model: string;
  /** The adapter LlamaFactory wrote (its `output_dir`). */
  adapter: string;
  /** A served model (vLLM, Ollama, …) to evaluate instead: base URL of its OpenAI-compatible API. */
  endpoint?: { baseUrl: string; model: string };
  customSets: CustomEvalSet[];
  maxOutputTokens: number;
}

/**
 * An OpenCompass run config: the paper's 28 general datasets plus our eval sets as custom datasets, a
 * LoRA model (base + adapter) and, when given, a served endpoint; sampling as the paper (temperature
 * 0.2, top-p 0.95).
 */
export function openCompassConfig(options: OpenCompassOptions): string {
  const aliases = GENERAL_DATASETS.map(
    (dataset) => `${dataset.module.split(".").at(-1)}__${dataset.variable}`,
  );
  const lines = [
    "# OpenCompass config: a model trained on Hum, on the paper's 28 general-capability datasets and",
    "# Hum's Table-1 eval sets. Run from an OpenCompass checkout: python run.py <this file>",
    "from mmengine.config import read_base",
    "from opencompass.models import HuggingFacewithChatTemplate, OpenAISDK",
    "",
    "with read_base():",
    ...GENERAL_DATASETS.map(
      (dataset, i) =>
        `    from opencompass.configs.datasets.${dataset.module} import ${dataset.variable} as ${aliases[i]}  # ${dataset.dimension}: ${dataset.paper}`,
    ),
    "",
    "general_datasets = [",
    ...aliases.map((alias) => `    *${alias},`),
    "]",
    "",
    "# Hum's eval sets (B: basic, C: compound) as OpenCompass custom question/answer datasets; their",
    "# P/R/F1 as in the paper's Table 1 come from `hum eval score` on the predictions.",
    "hum_datasets = [",
    ...options.customSets.map(
      (set) => `    dict(abbr=${py(set.abbr)}, path=${py(set.path)}, data_type="qa", infer_method="gen"),`,
    ),
    "]",
    "",
    "datasets = general_datasets + hum_datasets",
    "",
    "hum_lora = dict(",
    "    type=HuggingFacewithChatTemplate,",
    '    abbr="hum-lora",',
    `    path=${py(options.model)},`,
    `    peft_path=${py(options.adapter)},`,
    `    max_out_len=${options.maxOutputTokens},`,
    "    batch_size=8,",
    "    generation_kwargs=dict(do_sample=True, temperature=0.2, top_p=0.95),",
    "    run_cfg=dict(num_gpus=1),",
    ")",
    "",
    ...(options.endpoint
      ? [
          "hum_endpoint = dict(",
          "    type=OpenAISDK,",
          '    abbr="hum-endpoint",',
          `    path=${py(options.endpoint.model)},`,
          `    openai_api_base=${py(options.endpoint.baseUrl)},`,
          '    key="ENV",  # read from OPENAI_API_KEY',
          "    temperature=0.2,",
          `    max_out_len=${options.maxOutputTokens},`,
          "    max_seq_len=4096,",
          "    batch_size=8,",
          "    query_per_second=1,",
          ")",
          "",
          "models = [hum_endpoint]",
        ]
      : ["models = [hum_lora]"]),
    "",
  ];
  return lines.join("\n");
}

/** A Python string literal (JSON string syntax is valid Python for these values). */
function py(value: string): string {
  return JSON.stringify(value);
}
