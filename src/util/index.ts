// Small helpers every stage shares: seeded randomness, counting, key order, templates, data files.
export { writeFileAtomic } from "./atomic-write.ts";
export { BottomK } from "./bottom-k.ts";
export { increment, reasonKind, sortedCounts } from "./counts.ts";
export { fillTemplate } from "./fill-template.ts";
export { isObject } from "./is-object.ts";
export { KeyFilter } from "./key-filter.ts";
export { compareCodePoints, compareCodeUnits, withKeyOrder } from "./key-order.ts";
export { type LookupWhat, lookup } from "./lookup.ts";
export { humVersion, packageVersion } from "./package-version.ts";
export { pythonJson } from "./python-json.ts";
export { isAccepted, REVIEW_DECISIONS, type ReviewDecision, ReviewStamp } from "./review-stamp.ts";
export { SeededRandom, stableId } from "./seeded-random.ts";
export { SeenKeys } from "./seen-keys.ts";
export { holdsValue } from "./text-holds.ts";
export { unique } from "./unique.ts";
export { loadYamlDataFile, type YamlDataFile } from "./yaml-data-file.ts";
