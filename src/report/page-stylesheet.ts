import { readFileSync } from "node:fs";

/**
 * The stylesheet a self-contained page inlines: the base both Hum pages share (`page-base.css`:
 * palette, type, resets), then the page's own rules, which may add variables and override the base.
 */
export function pageStylesheet(own: string): string {
  return `${readFileSync(new URL("./page-base.css", import.meta.url), "utf8")}${own}`;
}
