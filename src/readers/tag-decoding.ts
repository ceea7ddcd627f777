/**
 * Token tags → typed spans, for BIO (IOB2), IOB1 and BIOES tagging.
 *
 * One decoder serves BIO and IOB1: `B-X` always starts a span; `I-X` continues a span of type X that
 * the previous token belongs to and otherwise starts a new one. That is exactly IOB1, where `I-` starts
 * spans and `B-` only separates two touching spans of one type; for BIO it is the lenient reading of an
 * `I-` without its `B-` (after `O` or another type): we keep the entity rather than drop it, as
 * seqeval and conlleval do. `S-X` is a one-token span and `E-X` ends a span.
 */

export type TaggingScheme = "bio" | "iob1" | "bioes";

/** A span of tokens: `start` inclusive, `end` exclusive. */
export interface TagSpan {
  type: string;
  start: number;
  end: number;
}

const TAG = /^(?:O|[BIES]-\S+)$/;

/** Whether a string is a tag this decoder reads. */
export function isTag(value: string): boolean {
  return TAG.test(value);
}

export function decodeTags(tags: readonly string[]): TagSpan[] {
  const spans: TagSpan[] = [];
  let open: TagSpan | undefined;
  const close = () => {
    if (open) spans.push(open);
    open = undefined;
  };
  tags.forEach((tag, index) => {
    const prefix = tag[0];
    const type = tag.slice(2);
    if (tag === "O" || !isTag(tag)) {
      close();
      return;
    }
    const continues = open !== undefined && open.type === type && (prefix === "I" || prefix === "E");
    if (!continues) {
      close();
      open = { type, start: index, end: index };
    }
    open!.end = index + 1;
    if (prefix === "E" || prefix === "S") close();
  });
  close();
  return spans;
}

/** Spans → tags; spans must not overlap. The inverse of `decodeTags`, used to test it. */
export function encodeSpans(spans: readonly TagSpan[], length: number, scheme: TaggingScheme): string[] {
  const tags: string[] = new Array(length).fill("O");
  const ordered = [...spans].sort((a, b) => a.start - b.start);
  let previous: TagSpan | undefined;
  for (const span of ordered) {
    const touchesSameType =
      previous !== undefined && previous.end === span.start && previous.type === span.type;
    for (let index = span.start; index < span.end; index++) {
      tags[index] = `${tagPrefix(scheme, span, index, touchesSameType)}-${span.type}`;
    }
    previous = span;
  }
  return tags;
}

function tagPrefix(scheme: TaggingScheme, span: TagSpan, index: number, touchesSameType: boolean): string {
  const first = index === span.start;
  if (scheme === "iob1") return first && touchesSameType ? "B" : "I";
  if (scheme === "bio") return first ? "B" : "I";
  const last = index === span.end - 1;
  if (first && last) return "S";
  return first ? "B" : last ? "E" : "I";
}
