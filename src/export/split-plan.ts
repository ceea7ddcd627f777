import { hash } from "node:crypto";

/** How instructions are divided into splits: by record, never by chunk or variant. */
export interface SplitPlan {
  /** Split names with their shares, in the order given; shares sum to 1. */
  shares: Array<{ name: string; share: number }>;
  seed: number;
  /** Sources whose every instruction goes to `holdOutSplit`. */
  holdOutSources: string[];
  holdOutSplit: string;
}

const SPLIT_NAME = /^[a-z][a-z0-9_]*$/;

/** `train=0.98,validation=0.02` → shares; they must be positive and sum to 1. */
export function parseSplitSpec(spec: string): SplitPlan["shares"] {
  const shares = spec.split(",").map((part) => {
    const [name, value, ...rest] = part.split("=").map((s) => s.trim());
    const share = Number(value);
    if (rest.length > 0 || !SPLIT_NAME.test(name ?? "") || !(share > 0 && share <= 1))
      throw new Error(
        `--split "${spec}": each part must be name=share with a share in (0, 1], as train=0.98`,
      );
    return { name, share };
  });
  const names = new Set(shares.map((s) => s.name));
  if (names.size !== shares.length) throw new Error(`--split "${spec}": a split is named twice`);
  const total = shares.reduce((sum, s) => sum + s.share, 0);
  if (Math.abs(total - 1) > 1e-9) throw new Error(`--split "${spec}": shares sum to ${total}, not 1`);
  return shares;
}

/**
 * The split of an instruction. Every instruction of one record (its chunks, its compound variants)
 * draws the same number, a hash of (seed, source, record id), so a record never straddles two splits
 * and the assignment does not depend on input order.
 */
export function assignSplit(plan: SplitPlan, source: string, recordId: string): string {
  if (plan.holdOutSources.includes(source)) return plan.holdOutSplit;
  const draw = uniformDraw(plan.seed, source, recordId);
  let cumulative = 0;
  for (const { name, share } of plan.shares) {
    cumulative += share;
    if (draw < cumulative) return name;
  }
  return plan.shares[plan.shares.length - 1].name;
}

function uniformDraw(seed: number, source: string, recordId: string): number {
  const digest = hash("sha256", ["split", seed, source, recordId].join("\u0000"), "buffer");
  // 48 bits are exact in a double and far finer than any share.
  return digest.readUIntBE(0, 6) / 2 ** 48;
}
