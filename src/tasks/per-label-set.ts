import type { LabelSet } from "../records/index.ts";

/**
 * A value derived from one part of a label set (the relation names, the event index), made once per
 * label set rather than per record. Label sets are settled before synthesis and not changed after; the
 * value is made again if the part was replaced or grew all the same.
 */
export function perLabelSet<P extends readonly unknown[], T>(
  part: (labels: LabelSet) => P,
  derive: (part: P) => T,
): (labels: LabelSet) => T {
  const made = new WeakMap<LabelSet, { from: P; length: number; value: T }>();
  return (labels) => {
    const from = part(labels);
    const known = made.get(labels);
    if (known !== undefined && known.from === from && known.length === from.length) return known.value;
    const value = derive(from);
    made.set(labels, { from, length: from.length, value });
    return value;
  };
}
