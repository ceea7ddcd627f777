import type { ReadItem } from "../../src/readers/index.ts";
import type { CanonicalRecord } from "../../src/records/index.ts";

/** Everything a reader yields, split into records and rejections. */
export async function readAll(items: AsyncIterable<ReadItem>): Promise<{
  records: CanonicalRecord[];
  rejections: Extract<ReadItem, { ok: false }>[];
  items: ReadItem[];
}> {
  const all: ReadItem[] = [];
  for await (const item of items) all.push(item);
  return {
    records: all.flatMap((item) => (item.ok ? [item.record] : [])),
    rejections: all.flatMap((item) => (item.ok ? [] : [item])),
    items: all,
  };
}

/** Where the repository's reader fixtures are. */
export function fixture(name: string): string {
  return new URL(`../fixtures/readers/${name}`, import.meta.url).pathname;
}
