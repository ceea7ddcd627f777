/**
 * Where a span sits in a text: its annotated offset when the record gives one, else its only
 * occurrence. A span that occurs several times without an offset has no certain position, and the
 * position-dependent rules leave it alone rather than guess.
 */
export function spanPosition(text: string, span: string, start?: number): number | undefined {
  if (start !== undefined && text.startsWith(span, start)) return start;
  const first = text.indexOf(span);
  if (first < 0) return undefined;
  return text.indexOf(span, first + 1) < 0 ? first : undefined;
}

/** Position for ordering: the certain one, else the first occurrence (order only needs "earlier"). */
export function orderPosition(text: string, span: string, start?: number): number {
  const certain = spanPosition(text, span, start);
  if (certain !== undefined) return certain;
  const first = text.indexOf(span);
  return first < 0 ? text.length : first;
}

export interface Interval {
  start: number;
  end: number;
}

/** Strictly inside: contained and shorter. */
export function isNestedIn(inner: Interval, outer: Interval): boolean {
  return (
    outer.start <= inner.start && inner.end <= outer.end && outer.end - outer.start > inner.end - inner.start
  );
}
