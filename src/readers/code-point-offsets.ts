/**
 * Python tools write character offsets in code points; JavaScript strings index UTF-16 units. The
 * two differ after any character outside the Basic Multilingual Plane (emoji, rare Han characters),
 * so offsets from Python-made datasets are converted before they are checked against the text.
 */
export function codePointOffsetMapper(text: string): (offset: number) => number {
  if (!/[\uD800-\uDBFF]/.test(text)) return (offset) => offset;
  const utf16: number[] = [];
  let index = 0;
  for (const character of text) {
    utf16.push(index);
    index += character.length;
  }
  utf16.push(index);
  return (offset) => utf16[offset] ?? offset + (index - utf16.length + 1);
}
