import assert from "node:assert/strict";
import { test } from "node:test";
import { parseOutput } from "../eval/output-parsing.ts";
import { formatByName, variantFormats } from "../formats/index.ts";
import type { CanonicalRecord, LabelSet, Language } from "../records/index.ts";
import { planInstructions, renderBasic } from "../synth/basic.ts";
import { renderCompound } from "../synth/compound-instruction.ts";
import { NOT_MENTIONED, taskByName } from "./index.ts";

const mrc = taskByName("MRC");

function unanswerable(lang: Language) {
  const record: CanonicalRecord = {
    kind: "qa",
    id: `q-${lang}`,
    source: "reading",
    lang,
    text: lang === "zh" ? "西湖位于杭州市西部。" : "The lighthouse was built in 1852.",
    question: lang === "zh" ? "西湖是谁设计的？" : "Who designed the lighthouse?",
    answer: null,
  };
  const labels: LabelSet = { entities: [], relations: [], events: [], classes: [], graph: [] };
  const plans = planInstructions(record, record.id!, labels, {
    seed: 1,
    negativeRatio: 1,
    schemaOrder: "sorted",
  });
  return plans.find((plan) => plan.task === mrc)!;
}

test("a Chinese extractive MRC instruction asks for 未提及 and an unanswerable output says it, in every format", () => {
  const plan = unanswerable("zh");
  const basic = renderBasic(plan, 1);
  assert.match(basic.instruction, /如果input中没有答案，请返回：未提及。/);
  assert.doesNotMatch(basic.instruction, /Not mentioned/);
  assert.equal(basic.output, '{"answer": "未提及"}');
  const formats = variantFormats(mrc, plan.chunk);
  assert.ok(formats.length > 0);
  for (const format of formats) {
    const written = renderCompound(plan, { format, strategies: ["format"] }, 1);
    assert.doesNotMatch(`${written.instruction}${written.output}`, /Not mentioned/, format.name);
    assert.match(written.output, /未提及/, format.name);
    assert.deepEqual(format.parse(mrc, written.output, plan.chunk), { answer: null }, format.name);
  }
});

test("English MRC keeps the paper's marker", () => {
  const plan = unanswerable("en");
  const basic = renderBasic(plan, 1);
  assert.match(basic.instruction, /If there is no answer in input, return: Not mentioned\./);
  assert.equal(basic.output, '{"answer": "Not mentioned"}');
  assert.equal(plan.chunk.lang, undefined, "an English chunk is as before");
});

test("reading and scoring accept either marker, whatever the instruction's language", () => {
  for (const lang of ["en", "zh"] as const) {
    const chunk = unanswerable(lang).chunk;
    for (const marker of Object.values(NOT_MENTIONED)) {
      assert.deepEqual(mrc.parseDefault({ answer: marker }, chunk), { answer: null });
      assert.deepEqual(formatByName("plain").parse(mrc, ` ${marker}\n`, chunk), { answer: null });
      assert.deepEqual(formatByName("rows").parse(mrc, `[{"answer": "${marker}"}]`, chunk), { answer: null });
      const parsed = parseOutput(mrc, marker, chunk);
      assert.ok(parsed.ok);
      assert.deepEqual(parsed.tuples, mrc.tuples({ answer: null }), `${lang} reads ${marker}`);
    }
  }
  assert.deepEqual(mrc.parseDefault({ answer: "杭州市西部" }, { labels: [], lang: "zh" }), {
    answer: "杭州市西部",
  });
});
