import assert from "node:assert/strict";
import { test } from "node:test";
import { defaultFormat, formatByName } from "../formats/index.ts";
import type { CanonicalRecord, LabelSet } from "../records/index.ts";
import { SeededRandom } from "../util/seeded-random.ts";
import { type PlannedInstruction, planInstructions } from "./basic.ts";
import { renderCompound } from "./compound-instruction.ts";
import type { Guidance } from "./guidelines.ts";
import { mechanicalRules } from "./mechanical-rules.ts";

/** Shapes of paper Tables 17, 18, 20, 21, 22, 34 and 35 from equivalent records: keys, order, sentences. */

const EMPTY: LabelSet = { entities: [], relations: [], events: [], classes: [], graph: [] };
const BASIC = { seed: 1, negativeRatio: 1, schemaOrder: "sorted" as const };

function plan(record: CanonicalRecord, labels: Partial<LabelSet>, task: string): PlannedInstruction {
  const plans = planInstructions(record, record.id ?? "r", { ...EMPTY, ...labels }, BASIC);
  return plans.find((p) => p.task.name === task)!;
}

function guidance(parts: Partial<Guidance>): Guidance {
  return { descriptions: new Map(), roleDescriptions: new Map(), names: new Map(), examples: [], ...parts };
}

const NER_EN =
  "You are an expert in named entity recognition. Please extract entities that match the schema definition from the input. Return an empty list if the entity type does not exist. Please respond in the format of a JSON string.";

test("Table 17 (CrossNER C): entity_type + description, positive and negative examples, refer sentence", () => {
  const text =
    "Together with Yann LeCun, and Yoshua Bengio, Hinton won the 2018 Turing Award for conceptual and engineering breakthroughs.";
  const record: CanonicalRecord = {
    kind: "entities",
    source: "crossner_ai",
    lang: "en",
    text,
    entities: [{ text: "Turing Award", type: "else" }],
  };
  const example = (t: string, spans: string[]): CanonicalRecord => ({
    kind: "entities",
    source: "crossner_ai",
    lang: "en",
    text: t,
    entities: spans.map((s) => ({ text: s, type: "else" })),
  });
  const planned = plan(record, { entities: ["else"] }, "NER");
  const written = renderCompound(
    planned,
    {
      guidance: guidance({
        descriptions: new Map([["else", "The 'else' type includes a wide range of entities."]]),
        examples: [
          {
            record: example("Films such as Ex Machina and Westworld engaged audiences.", [
              "Ex Machina",
              "Westworld",
            ]),
            label: "else",
          },
          { record: example("In 1999 , Felix Gers introduced the forget gate .", []), label: "else" },
        ],
      }),
      format: defaultFormat,
      strategies: ["guidelines"],
    },
    1,
  );
  const fields = JSON.parse(written.instruction);
  assert.deepEqual(Object.keys(fields), ["instruction", "schema", "example", "input"]);
  assert.equal(fields.instruction, `${NER_EN} You can refer to the example for extraction.`);
  assert.deepEqual(fields.schema, [
    { entity_type: "else", description: "The 'else' type includes a wide range of entities." },
  ]);
  assert.deepEqual(fields.example, [
    {
      input: "Films such as Ex Machina and Westworld engaged audiences.",
      output: { else: ["Ex Machina", "Westworld"] },
    },
    { input: "In 1999 , Felix Gers introduced the forget gate .", output: { else: [] } },
  ]);
  assert.equal(fields.input, text);
  assert.equal(written.output, '{"else": ["Turing Award"]}');
  assert.deepEqual(written.strategies, ["guidelines"]);
  assert.equal(written.kind, "compound");
});

test("Table 18 (FewRel C): relation + description, examples in the RE output shape", () => {
  const text = "Vincent Madeley Harris was an American clergyman of the Catholic Church .";
  const relation = (t: string, pairs: Array<[string, string]>): CanonicalRecord => ({
    kind: "relations",
    source: "fewrel",
    lang: "en",
    text: t,
    relations: pairs.map(([subject, object]) => ({ subject, relation: "religion", object })),
  });
  const planned = plan(
    relation(text, [["Vincent Madeley Harris", "Catholic Church"]]),
    { relations: [{ relation: "religion" }] },
    "RE",
  );
  const written = renderCompound(
    planned,
    {
      guidance: guidance({
        descriptions: new Map([["religion", "The connection between a subject and their religious belief."]]),
        examples: [
          { record: relation("Leonard fought Wilfred Benitez in Las Vegas .", []), label: "religion" },
          {
            record: relation("The patron saint began his mission to convert the country to Christianity .", [
              ["patron saint", "Christianity"],
            ]),
            label: "religion",
          },
        ],
      }),
      format: defaultFormat,
      strategies: ["guidelines"],
    },
    1,
  );
  const fields = JSON.parse(written.instruction);
  assert.deepEqual(Object.keys(fields), ["instruction", "schema", "example", "input"]);
  assert.match(
    fields.instruction,
    /^You are an expert in relationship extraction\. .* Please respond in the format of a JSON string\. You can refer to the example for extraction\.$/,
  );
  assert.deepEqual(Object.keys(fields.schema[0]), ["relation", "description"]);
  assert.deepEqual(fields.example[0].output, { religion: [] });
  assert.deepEqual(fields.example[1].output, {
    religion: [{ subject: "patron saint", object: "Christianity" }],
  });
  assert.deepEqual(JSON.parse(written.output), {
    religion: [{ subject: "Vincent Madeley Harris", object: "Catholic Church" }],
  });
});

test("Table 20 (CCF Law C): event type with description and arguments as {argument, description}", () => {
  const text = "The plaintiff Bi Xiwu takes care of the child Zhou Fang .";
  const record: CanonicalRecord = {
    kind: "events",
    source: "ccf_law",
    lang: "en",
    text,
    events: [
      {
        type: "parenting",
        trigger: "care",
        arguments: [
          { role: "caregiver", text: "Bi Xiwu" },
          { role: "child", text: "Zhou Fang" },
        ],
      },
    ],
  };
  const planned = plan(record, { events: [{ type: "parenting", roles: ["caregiver", "child"] }] }, "EE");
  const written = renderCompound(
    planned,
    {
      guidance: guidance({
        descriptions: new Map([["parenting", "Parenting refers to the care and upbringing of children."]]),
        roleDescriptions: new Map([
          [
            "parenting",
            new Map([
              ["caregiver", "Someone who cares for others."],
              ["child", "A minor human being."],
            ]),
          ],
        ]),
        examples: [{ record, label: "parenting" }],
      }),
      format: defaultFormat,
      strategies: ["guidelines"],
    },
    1,
  );
  const fields = JSON.parse(written.instruction);
  assert.deepEqual(Object.keys(fields.schema[0]), ["event_type", "trigger", "description", "arguments"]);
  assert.equal(fields.schema[0].trigger, true);
  assert.deepEqual(fields.schema[0].arguments, [
    { argument: "caregiver", description: "Someone who cares for others." },
    { argument: "child", description: "A minor human being." },
  ]);
  assert.deepEqual(fields.example[0].output, {
    parenting: [{ trigger: "care", arguments: { caregiver: "Bi Xiwu", child: "Zhou Fang" } }],
  });
});

test("Table 21 (C3 C): an examples block with input, question, choice and answer, then the question", () => {
  const qa = (text: string, question: string, choices: string[], answer: string): CanonicalRecord => ({
    kind: "qa",
    source: "c3",
    lang: "en",
    text,
    question,
    choices,
    answer,
  });
  const record = qa(
    "Woman: What are you writing? A diary?\nMan: No, it's a semester plan.",
    "What is the man writing?",
    ["diary", "novel", "semester plan", "work summary"],
    "semester plan",
  );
  const example = qa(
    "In our country, the second Friday of August is Take Your Child to Work Day.",
    "Why do we take our children to work?",
    ["For fun", "To understand our work"],
    "To understand our work",
  );
  const written = renderCompound(
    plan(record, {}, "MRC"),
    {
      guidance: guidance({ examples: [{ record: example }] }),
      format: defaultFormat,
      strategies: ["guidelines"],
    },
    1,
  );
  assert.equal(
    written.instruction,
    [
      "Based on the understanding of the input content and the candidate answers provided in the choice, answer the question. Note that the generated answer must come from the choices, directly output the answer without any extra content.",
      "examples:",
      "input: In our country, the second Friday of August is Take Your Child to Work Day.",
      "question: Why do we take our children to work?",
      'choice: ["For fun", "To understand our work"]',
      "answer: To understand our work",
      "",
      "input: Woman: What are you writing? A diary?\nMan: No, it's a semester plan.",
      "question: What is the man writing?",
      'choice: ["diary", "novel", "semester plan", "work summary"]',
    ].join("\n"),
  );
  assert.equal(written.output, "semester plan");
});

test("Table 22 (IMDB C): choose within their description, one description line per class, answer: ", () => {
  const record: CanonicalRecord = {
    kind: "classification",
    source: "imdb",
    lang: "en",
    text: "wow, this movie sucked.",
    label: "Negative",
  };
  const written = renderCompound(
    plan(record, { classes: ["Negative", "Positive"] }, "TC"),
    {
      guidance: guidance({
        descriptions: new Map([
          ["Positive", "The overall tone of the review is positive."],
          ["Negative", "The overall tone of the review is negative."],
        ]),
      }),
      format: defaultFormat,
      strategies: ["guidelines"],
    },
    1,
  );
  assert.equal(
    written.instruction,
    [
      'Please analysis the emotional tendency reflected in the review text in the input, then choose Negative or Positive within their description. Please directly output "Negative" or "Positive" without any additional content.',
      "Negative: The overall tone of the review is negative.",
      "Positive: The overall tone of the review is positive.",
      "input: wow, this movie sucked.",
      "answer: ",
    ].join("\n"),
  );
  assert.equal(written.output, "Negative");
});

test("Table 34 (preference rule): the rule sits in the schema entry and the label follows it", () => {
  const text =
    "Average household income for the sample was $ 194,000 , and average net assets were reported as $ 775,000 .";
  const withSymbol: CanonicalRecord = {
    kind: "entities",
    source: "money",
    lang: "en",
    text,
    entities: [
      { text: "$ 194,000", type: "money", start: 44, end: 53 },
      { text: "$ 775,000", type: "money", start: 97, end: 106 },
    ],
  };
  const bare: CanonicalRecord = {
    ...withSymbol,
    entities: [
      { text: "194,000", type: "money", start: 46, end: 53 },
      { text: "775,000", type: "money", start: 99, end: 106 },
    ],
  };
  const description = new Map([
    ["money", "Represents monetary values, such as income, prices, or asset amounts."],
  ]);
  const cases = [
    [withSymbol, "please ignore them", ["194,000", "775,000"]],
    [bare, "please also extract them together", ["$ 194,000", "$ 775,000"]],
  ] as const;
  for (const [record, phrase, expected] of cases) {
    const planned = plan(record, { entities: ["money"] }, "NER");
    const rule = mechanicalRules(planned, () => undefined, new SeededRandom(1)).find(
      (r) => r.strategy === "punctuation",
    )!;
    const written = renderCompound(
      planned,
      {
        guidance: guidance({ descriptions: description }),
        rule,
        format: defaultFormat,
        strategies: ["guidelines", "rules"],
      },
      1,
    );
    const fields = JSON.parse(written.instruction);
    assert.equal(fields.instruction, NER_EN);
    assert.deepEqual(Object.keys(fields.schema[0]), ["entity_type", "description", "rule"]);
    assert.match(fields.schema[0].rule, new RegExp(phrase));
    assert.deepEqual(written.label, { money: expected });
    for (const span of expected) assert.ok(text.includes(span));
  }
});

test("Table 35 (format variants): output_format template, and a markdown table with its header", () => {
  const record: CanonicalRecord = {
    kind: "relations",
    source: "conll04",
    lang: "en",
    text: "Sirhan Sirhan was convicted of killing Robert F. Kennedy .",
    relations: [{ subject: "Sirhan Sirhan", relation: "kill", object: "Robert F. Kennedy" }],
  };
  const planned = plan(record, { relations: [{ relation: "kill" }] }, "RE");
  const template = JSON.parse(
    renderCompound(planned, { format: formatByName("output-format"), strategies: ["format"] }, 1).instruction,
  );
  assert.deepEqual(Object.keys(template), ["instruction", "schema", "output_format", "input"]);
  assert.equal(
    template.instruction,
    "Please extract the elements that match the schema definition from the input and return the results in the format specified in the output_format.",
  );
  assert.deepEqual(template.output_format, { predicate: [{ subject: "", object: "" }] });
  const markdown = renderCompound(planned, { format: formatByName("markdown"), strategies: ["format"] }, 1);
  assert.match(
    JSON.parse(markdown.instruction).instruction,
    /Please return the results in the format of a markdown table\. The header is \| subject \| predicate \| object \|\.$/,
  );
  assert.equal(
    markdown.output,
    "| subject | predicate | object |\n| --- | --- | --- |\n| Sirhan Sirhan | kill | Robert F. Kennedy |",
  );
});
