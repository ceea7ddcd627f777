/**
 * A template's `{{variables}}` filled in one pass: text substituted in is never scanned again, so a
 * record's text containing "{{x}}" stays as it is. A variable without a value is an error naming `where`.
 */
export function fillTemplate(
  text: string,
  variables: Readonly<Record<string, string>>,
  where: string,
): string {
  return text.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (_, name: string) => {
    const value = variables[name];
    if (value === undefined) throw new Error(`${where}: no value for {{${name}}}`);
    return value;
  });
}
