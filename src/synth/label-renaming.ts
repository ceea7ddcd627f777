import type { SchemaChunk, TaskSpec } from "../tasks/index.ts";

/** Label → the name an instruction shows instead (a synonym or a mask such as `label81`). */
export type LabelNames = ReadonlyMap<string, string>;

export function displayName(names: LabelNames, label: string): string {
  return names.get(label) ?? label;
}

/** The chunk with its labels (and the keys of its roles) renamed. */
export function renameChunk(chunk: SchemaChunk, names: LabelNames): SchemaChunk {
  if (names.size === 0) return chunk;
  const renamed: SchemaChunk = { ...chunk, labels: chunk.labels.map((l) => displayName(names, l)) };
  if (chunk.roles)
    renamed.roles = Object.fromEntries(
      Object.entries(chunk.roles).map(([l, r]) => [displayName(names, l), r]),
    );
  return renamed;
}

/**
 * The answer with its labels renamed, so that output and `label` use the names the instruction shows:
 * the keys of the IE tasks' answers, the class of TC. MRC, OpenIE and IG have no label names.
 */
export function renameAnswer(task: TaskSpec, answer: unknown, names: LabelNames): unknown {
  if (names.size === 0) return answer;
  if (task.style === "json") {
    const renamed: Record<string, unknown> = {};
    for (const [label, value] of Object.entries(answer as Record<string, unknown>))
      renamed[displayName(names, label)] = value;
    return renamed;
  }
  if (task.name === "TC") {
    const { type } = answer as { type: string };
    return { type: displayName(names, type) };
  }
  return answer;
}
