import type { InstructionRecord } from "../synth/index.ts";

export interface ChatTurn {
  role: "system" | "user" | "assistant";
  content: string;
}

/** An instruction as a chat: optional system prompt, the instruction as the user turn, the output as the answer. */
export function chatMessages(record: InstructionRecord, system?: string): ChatTurn[] {
  const turns: ChatTurn[] = system ? [{ role: "system", content: system }] : [];
  turns.push({ role: "user", content: record.instruction }, { role: "assistant", content: record.output });
  return turns;
}
