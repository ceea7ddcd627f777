import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import fc from "fast-check";
import { generateCorpus, generatedDictionary } from "../../test/support/generated-records.ts";
import { defaultFormat, formatByName, variantFormats } from "../formats/index.ts";
import type { CanonicalRecord } from "../records/index.ts";
import { planInstructions, renderBasic } from "../synth/basic.ts";
import { followRule, renderCompound } from "../synth/compound-instruction.ts";
import { DEFAULT_GUIDELINES } from "../synth/config.ts";
import { examplePoolOf } from "../synth/example-pool.ts";
import { isEmptyGuidance, planGuidance } from "../synth/guidelines.ts";
import type { CompoundStrategy, InstructionRecord } from "../synth/instruction-record.ts";
import { mechanicalRules } from "../synth/mechanical-rules.ts";
import { loadTokenCounter } from "../tokenizer/index.ts";
import { SeededRandom } from "../util/seeded-random.ts";
import { formatLintReport, lintInstruction, lintJsonl } from "./index.ts";

const BASIC = { seed: 5, negativeRatio: 1, schemaOrder: "sorted" as const };

/** Every instruction of a generated corpus, in every format each chunk admits, with and without guidelines and a rule. */
function* everyRendering(seed: number): Generator<InstructionRecord> {
  const { records, labels } = generateCorpus(60, seed);
  const dictionary = generatedDictionary(records, seed);
  const pool = examplePoolOf(records, seed);
  for (const record of records) {
    for (const plan of planInstructions(record, record.id!, labels.get(record.source)!, BASIC)) {
      yield renderBasic(plan, seed);
      const random = new SeededRandom(seed, plan.recordId, plan.task.name, plan.index);
      const rules = mechanicalRules(
        plan,
        (l) => dictionary.sources[record.source]?.labels[l]?.inverse,
        random,
      );
      for (const format of [defaultFormat, ...variantFormats(plan.task, plan.chunk)])
        for (const withGuidelines of [false, true])
          for (const rule of [undefined, ...rules.slice(0, 2)]) {
            const accepts = (r: CanonicalRecord) =>
              !rule ||
              followRule(rule, plan.task.answer(r, plan.chunk) as Record<string, unknown>) !== undefined;
            const guidance = withGuidelines
              ? planGuidance(
                  plan,
                  (rule?.chunk ?? plan.chunk).labels,
                  { entry: dictionary.sources[record.source], pool },
                  { ...DEFAULT_GUIDELINES, maskRate: 0.3, synonymRate: 0.3 },
                  random,
                  accepts,
                )
              : undefined;
            const strategies: CompoundStrategy[] = [];
            if (guidance && !isEmptyGuidance(guidance)) strategies.push("guidelines");
            if (rule) strategies.push("rules");
            if (format !== defaultFormat) strategies.push("format");
            if (strategies.length === 0) continue;
            yield renderCompound(plan, { guidance, rule, format, strategies }, seed);
          }
    }
  }
}

test("every instruction the builder writes passes the lint, over task × language × format × strategy", () => {
  const seen = new Set<string>();
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 100_000 }), (seed) => {
      for (const instruction of everyRendering(seed)) {
        const problems = lintInstruction(instruction, { budget: 100_000 });
        assert.deepEqual(
          problems,
          {},
          `${instruction.task} ${instruction.strategies}: ${instruction.instruction}`,
        );
        seen.add(`${instruction.task}/${instruction.lang}/${instruction.strategies.join("+")}`);
      }
    }),
    { numRuns: 6 },
  );
  for (const task of ["NER", "RE", "SPO", "EE", "EET", "EEA", "KGE", "MRC", "TC", "OpenIE"])
    assert.ok(
      [...seen].some((key) => key.startsWith(`${task}/`)),
      `${task} never rendered`,
    );
  assert.ok(
    [...seen].some((key) => key.includes("/zh/")),
    "no Chinese instruction",
  );
  assert.ok(
    [...seen].some((key) => key.endsWith("guidelines+rules+format")),
    "never all three strategies",
  );
});

/** A passing NER compound instruction in the given format, to break one rule at a time. */
function nerInstruction(
  format = "default",
  example?: { input: string; output: unknown },
): Record<string, unknown> {
  const sentence =
    format === "json-nan"
      ? 'You are an expert in named entity recognition. Please extract entities that match the schema definition from the input. Please respond in the format of a JSON string, and write "NAN" for a schema item that has no result.'
      : "You are an expert in named entity recognition. Please extract entities that match the schema definition from the input. Return an empty list if the entity type does not exist. Please respond in the format of a JSON string.";
  const fields: Record<string, unknown> = {
    instruction: example ? `${sentence} You can refer to the example for extraction.` : sentence,
    schema: [{ entity_type: "person", description: "A human being." }, { entity_type: "city" }],
  };
  if (example) fields.example = [example];
  fields.input = "Ada Lovelace was born in London.";
  return {
    id: "x",
    task: "NER",
    source: "s",
    lang: "en",
    kind: "compound",
    strategies: ["guidelines"],
    instruction: JSON.stringify(fields),
    output:
      format === "json-nan"
        ? '{"person": ["Ada Lovelace"], "city": ["London"]}'
        : '{"person": ["Ada Lovelace"], "city": ["London"]}',
    label: { person: ["Ada Lovelace"], city: ["London"] },
  };
}

// biome-ignore lint/suspicious/noExplicitAny: test edits reach into parsed JSON
function withInstruction(record: Record<string, unknown>, edit: (fields: any) => void) {
  const fields = JSON.parse(record.instruction as string);
  edit(fields);
  return { ...record, instruction: JSON.stringify(fields) };
}

test("the hand-built NER instruction passes, and each broken copy fails exactly the rule it breaks", () => {
  const good = nerInstruction("default", {
    input: "Grace Hopper visited Paris.",
    output: { person: ["Grace Hopper"], city: ["Paris"] },
  });
  assert.deepEqual(lintInstruction(good), {});
  const fails = (record: unknown, rule: string) => {
    const problems = lintInstruction(record);
    assert.deepEqual(Object.keys(problems), [rule], JSON.stringify(problems));
  };
  // Two empty markers: the template's "empty list" beside the NAN variant.
  fails(
    withInstruction(nerInstruction("json-nan"), (f) => {
      f.instruction = `${f.instruction} Return an empty list if the entity type does not exist.`;
    }),
    "one-output-shape",
  );
  // Two shapes: JSON and a markdown table.
  fails(
    withInstruction(good, (f) => {
      f.instruction = `${f.instruction} Please return the results in the format of a markdown table. The header is | entity | type |.`;
    }),
    "one-output-shape",
  );
  fails({ ...good, output: '{"person": [], "city": ["London"]}' }, "parses-back");
  // An example showing only its own label while the target asks two.
  fails(
    withInstruction(good, (f) => {
      f.example = [{ input: "Grace Hopper visited Paris.", output: { person: ["Grace Hopper"] } }];
    }),
    "example-shape",
  );
  // An example whose text holds the target's "London" but says no city.
  fails(
    withInstruction(good, (f) => {
      f.example = [{ input: "Grace Hopper visited London.", output: { person: ["Grace Hopper"], city: [] } }];
    }),
    "example-coverage",
  );
  // A "first mention" rule beside an example listing two people.
  fails(
    withInstruction(good, (f) => {
      f.schema[0].rule = "Extract only the first mention in the order they appear in the text.";
      f.example = [
        {
          input: "Grace Hopper met Alan Turing.",
          output: { person: ["Grace Hopper", "Alan Turing"], city: [] },
        },
      ];
    }),
    "example-rule",
  );
  // A masked label whose rule names the relation it stands for.
  fails(
    withInstruction(good, (f) => {
      f.schema[0] = {
        entity_type: "label7",
        description: "A human being.",
        rule: 'Extract in the direction of "person".',
      };
    }),
    "mask-leak",
  );
  // Over the budget with an example still in.
  const long = withInstruction(good, (f) => {
    f.input = `${"word ".repeat(2000)}Ada Lovelace was born in London.`;
  });
  assert.deepEqual(Object.keys(lintInstruction(long, { budget: 1500 })), ["length-budget"]);
  assert.deepEqual(lintInstruction({ ...long, kind: "basic" }, { budget: 1500 }), {});
});

test("TC must name its classes, multiple choice its choices", () => {
  const sentiment = {
    task: "TC",
    lang: "en",
    kind: "compound",
    instruction:
      'Please analysis the emotional tendency reflected in the review text in the input, answering with "negative" or "positive". Directly output the type without any extra content.\ninput: A fine film.',
    output: "positive",
    label: { type: "positive" },
  };
  assert.deepEqual(lintInstruction(sentiment), {});
  const unnamed = {
    ...sentiment,
    instruction:
      "Please analysis the emotional tendency reflected in the review text in the input. Directly output the type without any extra content.\ninput: A fine film.",
  };
  assert.deepEqual(Object.keys(lintInstruction(unnamed)), ["names-choices"]);
  const choice = {
    task: "MRC",
    lang: "en",
    kind: "basic",
    instruction:
      'Based on the understanding of the input content and the candidate answers provided in the choice, answer the question. Note that the generated answer must come from the choices, directly output the answer without any extra content.\ninput: Sky.\nquestion: Colour?\nchoice: ["blue", "red"]',
    output: "green",
    label: { answer: "green" },
  };
  assert.ok(lintInstruction(choice)["names-choices"]);
});

test("lintJsonl counts failures per rule with examples; eval records are read with their own chunk and format", async () => {
  const dir = mkdtempSync(join(tmpdir(), "hum-lint-"));
  const path = join(dir, "mixed.jsonl");
  const good = nerInstruction();
  const evalRecord = {
    id: "e",
    dataset: "crossner",
    variant: "C",
    task: "NER",
    source: "s",
    lang: "en",
    instruction: good.instruction,
    chunk: { labels: ["person", "city"] },
    format: formatByName("default").name,
    label: good.label,
    reference_output: good.output,
  };
  writeFileSync(
    path,
    [good, { ...good, id: "bad", output: "{}" }, evalRecord, "not json"]
      .map((r) => (typeof r === "string" ? r : JSON.stringify(r)))
      .join("\n"),
  );
  const report = await lintJsonl(path);
  assert.equal(report.instructions, 4);
  assert.equal(report.failed, 2);
  assert.equal(report.rules["parses-back"].failed, 1);
  assert.equal(report.rules["parses-back"].examples[0].id, "bad");
  assert.equal(report.rules.record.failed, 1);
  assert.deepEqual(report.by_kind["eval-C"], { instructions: 1, failed: 0 });
});

test("the length budget is counted by the tokenizer given, and the report names it", async () => {
  const dir = mkdtempSync(join(tmpdir(), "hum-lint-tokens-"));
  const long = withInstruction(nerInstruction(), (f) => {
    f.input = `${"word ".repeat(2000)}Ada Lovelace was born in London.`;
  });
  const path = join(dir, "long.jsonl");
  writeFileSync(path, `${JSON.stringify(long)}\n`);
  const qwen2 = await loadTokenCounter("qwen2");
  const estimate = await loadTokenCounter("chars/4");
  // " word" is one Qwen token (five characters), so Qwen counts fewer tokens than characters / 4.
  const budget = Math.floor((qwen2(long.instruction) + estimate(long.instruction)) / 2);
  assert.ok(qwen2(long.instruction) < budget && estimate(long.instruction) > budget);
  const [byEstimate, byQwen] = [
    await lintJsonl(path, { budget }),
    await lintJsonl(path, { budget, countTokens: qwen2 }),
  ];
  assert.equal(byEstimate.rules["length-budget"].failed, 1);
  assert.match(byEstimate.rules["length-budget"].examples[0].problem, /tokens \(chars\/4\) over the budget/);
  assert.deepEqual(byEstimate.length_budget, { tokens: budget, tokenizer: "chars/4" });
  assert.equal(byQwen.failed, 0);
  assert.deepEqual(byQwen.length_budget, { tokens: budget, tokenizer: "qwen2" });
  assert.match(formatLintReport(path, byQwen), /0 fail the lint \(length budget \d+ tokens by qwen2\)/);
});

test("MRC says \"no answer\" in the instruction's language: another language's marker fails", () => {
  const zh = {
    id: "m",
    task: "MRC",
    source: "reading",
    lang: "zh",
    kind: "basic",
    strategies: [],
    instruction:
      "请根据input中的内容回答question中的问题。如果input中没有答案，请返回：未提及。\ninput: 西湖位于杭州市西部。\nquestion: 西湖是谁设计的？",
    output: '{"answer": "未提及"}',
    label: { answer: null },
  };
  assert.deepEqual(lintInstruction(zh), {});
  const englishMarker = { ...zh, output: '{"answer": "Not mentioned"}' };
  assert.deepEqual(Object.keys(lintInstruction(englishMarker)), ["no-answer-marker"], "it still parses back");
  const englishTemplate = { ...zh, instruction: zh.instruction.replace("未提及", "Not mentioned") };
  assert.match(
    lintInstruction(englishTemplate)["no-answer-marker"][0],
    /a zh instruction names the marker "Not mentioned"/,
  );
  const en = {
    ...zh,
    lang: "en",
    instruction:
      "Please answer the question in question based on the content in input. If there is no answer in input, return: Not mentioned.\ninput: The lighthouse was built in 1852.\nquestion: Who designed it?",
    output: '{"answer": "Not mentioned"}',
  };
  assert.deepEqual(lintInstruction(en), {});
  assert.deepEqual(Object.keys(lintInstruction({ ...en, output: '{"answer": "未提及"}' })), [
    "no-answer-marker",
  ]);
});

test('MRC rows name the "no answer" row: a rows clause saying [] for no result fails', () => {
  const rows = (none: string) =>
    `Please answer the question in question based on the content in input. Please respond with a JSON list holding one object per result, with the keys "answer"; return ${none} if there is no result.\ninput: The lighthouse was built in 1852.\nquestion: Who designed it?`;
  const good = {
    id: "m",
    task: "MRC",
    source: "reading",
    lang: "en",
    kind: "compound",
    strategies: ["format"],
    instruction: rows('[{"answer": "Not mentioned"}]'),
    output: '[{"answer": "Not mentioned"}]',
    label: { answer: null },
  };
  assert.deepEqual(lintInstruction(good), {});
  const contradicting = { ...good, instruction: rows("[]") };
  assert.match(lintInstruction(contradicting)["no-answer-marker"]?.[0] ?? "", /write \[\] for no result/);
  const zh = {
    ...good,
    lang: "zh",
    instruction:
      '请根据input中的内容回答question中的问题。请以JSON列表的格式回答，每个结果一个对象，键为"answer"；没有结果时返回[]。\ninput: 西湖位于杭州市西部。\nquestion: 西湖是谁设计的？',
    output: '[{"answer": "未提及"}]',
  };
  // The old clause is no format's statement any more, so the output does not read back either.
  assert.match(
    lintInstruction(zh)["no-answer-marker"]?.[0] ?? "",
    /write \[\] for no result, MRC writes "未提及"/,
  );
  const fixed = { ...zh, instruction: zh.instruction.replace("返回[]", '返回[{"answer": "未提及"}]') };
  assert.deepEqual(lintInstruction(fixed), {});
});

test("an EEA or KGE values rule fails when an example keeps more values than it allows", () => {
  const instruction = (exampleValues: string[]) =>
    JSON.stringify({
      instruction:
        "You are an expert in structured knowledge systems for graph entities. Based on the schema description of the input entity type, you extract the corresponding entity instances and their attribute information from the text. Attributes that do not exist should not be output. If an attribute has multiple values, a list should be returned. The results should be output in a parsable JSON format. You can refer to the example for extraction.",
      schema: [
        {
          entity_type: "person",
          attributes: ["alias"],
          rule: "For each entity, extract only the first value of the attribute alias, in the order they appear in the text.",
        },
      ],
      example: [
        {
          input: "Ada, also known as Lady Ada or the Enchantress, wrote notes.",
          output: {
            person: { Ada: { alias: exampleValues.length === 1 ? exampleValues[0] : exampleValues } },
          },
        },
      ],
      input: "Grace, called Amazing Grace and Grandma COBOL, wrote code.",
    });
  const good = {
    id: "k",
    task: "KGE",
    source: "graph",
    lang: "en",
    kind: "compound",
    strategies: ["guidelines", "rules"],
    instruction: instruction(["Lady Ada"]),
    output: '{"person": {"Grace": {"alias": "Amazing Grace"}}}',
    label: { person: { Grace: { alias: "Amazing Grace" } } },
  };
  assert.deepEqual(lintInstruction(good), {});
  const broken = { ...good, instruction: instruction(["Lady Ada", "the Enchantress"]) };
  assert.match(lintInstruction(broken)["example-rule"]?.[0] ?? "", /lists 2 "alias" values of "person"/);
});
