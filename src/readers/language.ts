import type { Language } from "../records/index.ts";

const HAN = /\p{Script=Han}/u;

/** Chinese when the text has any Han character, English otherwise: enough for Hum's two languages. */
export function guessLanguage(text: string): Language {
  return HAN.test(text) ? "zh" : "en";
}
