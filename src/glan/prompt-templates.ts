// Prompts are data: one YAML file per phase (prompts/<phase>.yaml beside this file, or a folder of the
// user's own given with --prompts). The file's version and a hash of its whole text go into every
// request's promptVersion, so editing a prompt changes the cache key and old answers stop matching.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import type { ChatMessage, GenerationParams } from "../llm/index.ts";
import { fillTemplate, loadYamlDataFile } from "../util/index.ts";

export const GLAN_PHASES = ["taxonomy", "subjects", "syllabus", "questions", "answers"] as const;
export type GlanPhase = (typeof GLAN_PHASES)[number];

const TemplateFile = z
  .object({
    version: z.number().int().positive(),
    params: z
      .object({
        temperature: z.number().min(0).optional(),
        top_p: z.number().min(0).max(1).optional(),
        max_tokens: z.number().int().positive().optional(),
      })
      .strict()
      .default({}),
    system: z.string().optional(),
    user: z.string().min(1),
    question_types: z.record(z.string(), z.string()).optional(),
    single_session: z.string().optional(),
    two_sessions: z.string().optional(),
  })
  .strict();

export interface PromptTemplate {
  phase: GlanPhase;
  /** `glan-<phase>/<version>/<hash of the file>`: goes into the cache key. */
  promptVersion: string;
  params: GenerationParams;
  system: string | undefined;
  user: string;
  /** Extra texts a phase reads (question types, the session-combination sentences). */
  extras: Record<string, string>;
  questionTypes: Record<string, string>;
  path: string;
}

export type PromptSet = Record<GlanPhase, PromptTemplate>;

const BUILT_IN = fileURLToPath(new URL("./prompts", import.meta.url));

/** The built-in templates, with any phase overridden by `<folder>/<phase>.yaml` when a folder is given. */
export function loadPromptSet(folder?: string): PromptSet {
  const set = {} as PromptSet;
  for (const phase of GLAN_PHASES) {
    const own = folder ? join(folder, `${phase}.yaml`) : null;
    set[phase] = loadPromptTemplate(phase, own && existsSync(own) ? own : join(BUILT_IN, `${phase}.yaml`));
  }
  return set;
}

export function loadPromptTemplate(phase: GlanPhase, path: string): PromptTemplate {
  const { data: file, hash } = loadYamlDataFile(path, TemplateFile);
  const extras: Record<string, string> = {};
  if (file.single_session !== undefined) extras.single_session = file.single_session;
  if (file.two_sessions !== undefined) extras.two_sessions = file.two_sessions;
  return {
    phase,
    promptVersion: `glan-${phase}/${file.version}/${hash.slice(0, 12)}`,
    params: file.params,
    system: file.system,
    user: file.user,
    extras,
    questionTypes: file.question_types ?? {},
    path,
  };
}

/** The chat messages of a template with its `{{variables}}` filled; a missing variable is an error. */
export function renderMessages(template: PromptTemplate, variables: Record<string, string>): ChatMessage[] {
  const messages: ChatMessage[] = [];
  if (template.system !== undefined)
    messages.push({ role: "system", content: fillTemplate(template.system, variables, template.path) });
  messages.push({ role: "user", content: fillTemplate(template.user, variables, template.path).trim() });
  return messages;
}

/** The name of a language as the prompts ask for it. */
export function languageName(lang: "en" | "zh"): string {
  return lang === "zh" ? "Chinese (简体中文)" : "English";
}
