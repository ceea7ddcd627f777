import type { Location, ReadItem } from "./reader.ts";

/** Record ids already used, by source, with where each was first used: shared by the inputs of one run. */
export type SeenIds = Map<string, Map<string, Location>>;

/**
 * Record ids are the keys synthesis, rule files and task balancing name records by, so an id used
 * twice in one source would make two records one. The second record with an id already seen is
 * rejected, naming where the id was first used, instead of being reused silently.
 */
export async function* uniqueIds(items: AsyncIterable<ReadItem>, seen?: SeenIds): AsyncIterable<ReadItem> {
  const check = idChecker(seen);
  for await (const item of items) yield check(item);
}

/**
 * The check `uniqueIds` applies, one item at a time (so reading stacks no extra async layer). Ids are
 * kept per source with the item's own location: no key or "file:line" text is built per record. With
 * `mayRepeat`, only the ids it names are checked and kept (see `ReadOptions.mayRepeat`).
 */
export function idChecker(
  seen: SeenIds = new Map(),
  mayRepeat?: (source: string, id: string) => boolean,
): (item: ReadItem) => ReadItem {
  let lastSource: string | undefined;
  let lastIds: Map<string, Location> | undefined;
  return (item) => {
    if (!item.ok || item.record.id === undefined) return item;
    const { id, source } = item.record;
    // An id used once in the whole run needs no keeping: it cannot come back.
    if (mayRepeat && !mayRepeat(source, id)) return item;
    if (source !== lastSource || lastIds === undefined) {
      lastIds = seen.get(source);
      if (lastIds === undefined) seen.set(source, (lastIds = new Map()));
      lastSource = source;
    }
    const first = lastIds.get(id);
    if (first === undefined) {
      lastIds.set(id, item.location);
      return item;
    }
    return {
      ok: false,
      reason: duplicateIdReason(id, source, `${first.file}:${first.line}`),
      location: item.location,
      raw: item.record,
    };
  };
}

/** Why a record whose id was used before is rejected; `first` is where (`file:line`). */
export function duplicateIdReason(id: string, source: string, first: string): string {
  return `duplicate id: ${JSON.stringify(id)} of source ${JSON.stringify(source)} was first used at ${first}`;
}
