// A scripted "model" for GLAN tests: answers each phase's prompt the way a well-behaved LLM would,
// deterministically, with exactly the counts the prompt asks for. Shared by the loopback server tests
// (as the server's script) and by fake batch results.
import type { ChatCompletionRequestBody } from "./openai-server.ts";

/** The answer text for one chat completion request body. */
export function glanAnswer(body: ChatCompletionRequestBody): string {
  const prompt = body.messages.at(-1)?.content ?? "";
  const format = body.response_format as { json_schema?: { name?: string } } | undefined;
  switch (format?.json_schema?.name) {
    case "glan_taxonomy":
      return taxonomyAnswer(prompt);
    case "glan_subjects":
      return subjectsAnswer(prompt);
    case "glan_syllabus":
      return syllabusAnswer(prompt);
    case "glan_question":
      return questionAnswer(prompt, body.seed);
    default:
      return `Answer: ${prompt.split(" ").slice(0, 8).join(" ")} …`;
  }
}

function taxonomyAnswer(prompt: string): string {
  const [, field, subFields, disciplines] =
    /field "(.+?)" into (\d+) sub-fields, and each sub-field into (\d+)/.exec(prompt)!;
  const sub_fields = Array.from({ length: Number(subFields) }, (_, s) => ({
    name: `${field} area ${s + 1}`,
    disciplines: Array.from({ length: Number(disciplines) }, (_, d) => ({
      name: `${field} discipline ${s + 1}.${d + 1}`,
      description: `Studies part ${d + 1} of area ${s + 1}.`,
    })),
  }));
  return JSON.stringify({ sub_fields });
}

function subjectsAnswer(prompt: string): string {
  const discipline = /^Discipline: (.+?) \(field:/m.exec(prompt)![1];
  const count = Number(/List (\d+) subjects/.exec(prompt)![1]);
  const levels = /exactly one of: (.+?)\)/.exec(prompt)![1].split(", ");
  const subjects = Array.from({ length: count }, (_, index) => ({
    name: `${discipline} ${index + 1}`,
    level: levels[index % levels.length],
    description: `Part ${index + 1} of ${discipline}.`,
  }));
  return JSON.stringify({ subjects });
}

function syllabusAnswer(prompt: string): string {
  const subject = /teach the subject "(.+?)"/.exec(prompt)![1];
  const count = Number(/as (\d+) class sessions/.exec(prompt)![1]);
  const sessions = Array.from({ length: count }, (_, index) => ({
    title: `${subject}: session ${index + 1}`,
    description: `What session ${index + 1} teaches.`,
    key_concepts: [1, 2, 3].map((concept) => `concept ${index + 1}.${concept} of ${subject}`),
  }));
  return JSON.stringify({ sessions });
}

function questionAnswer(prompt: string, seed: unknown): string {
  const type = /Write one (\w+) question/.exec(prompt)![1];
  const concepts = [...prompt.matchAll(/^- Session "(.+?)": (.+)$/gm)].map((match) => match[2]).join(" and ");
  return JSON.stringify({ question: `(${type}, draw ${String(seed)}) Explain how ${concepts} relate.` });
}
