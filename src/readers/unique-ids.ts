import type { ReadItem } from "./reader.ts";

/**
 * Record ids are the keys synthesis, rule files and task balancing name records by, so an id used
 * twice in one source would make two records one. The second record with an id already seen is
 * rejected, naming where the id was first used, instead of being reused silently.
 */
export async function* uniqueIds(
  items: AsyncIterable<ReadItem>,
  seen = new Map<string, string>(),
): AsyncIterable<ReadItem> {
  for await (const item of items) {
    if (!item.ok || item.record.id === undefined) {
      yield item;
      continue;
    }
    const key = `${item.record.source}\u0000${item.record.id}`;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, `${item.location.file}:${item.location.line}`);
      yield item;
      continue;
    }
    const { id, source } = item.record;
    yield {
      ok: false,
      reason: duplicateIdReason(id, source, first),
      location: item.location,
      raw: item.record,
    };
  }
}

/** Why a record whose id was used before is rejected; `first` is where (`file:line`). */
export function duplicateIdReason(id: string, source: string, first: string): string {
  return `duplicate id: ${JSON.stringify(id)} of source ${JSON.stringify(source)} was first used at ${first}`;
}
