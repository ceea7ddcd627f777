/**
 * Randomised error diffusion: decides yes/no for a stream of items so that the share of yeses tracks
 * a target within one item at every point, while which items get a yes still looks random.
 *
 * `balance` is how many yeses are owed. Each item adds `target · weight`; the item gets a yes when the
 * debt exceeds `u · weight` for its own uniform draw u (seeded by the item's keys), and a yes pays
 * `weight`. The debt therefore stays within (−weight, weight + target·weight], so after n items the
 * count of yeses is target·n give or take one item: independent coin flips would drift by √n.
 *
 * An item that cannot take a yes (`eligible` false) still adds its share, so later eligible items catch
 * up; `maxDebt` bounds that catch-up so a long ineligible stretch is not followed by a burst.
 */
export class Quota {
  readonly target: number;
  readonly #maxDebt: number;
  #debt = 0;
  #offered = 0;
  #granted = 0;

  constructor(target: number, maxDebt = 64) {
    this.target = target;
    this.#maxDebt = maxDebt;
  }

  /** `eligible` may be a function: it is called only when the item would otherwise get a yes. */
  decide(u: number, eligible: boolean | (() => boolean) = true, weight = 1): boolean {
    this.#offered += weight;
    this.#debt = Math.min(this.#debt + this.target * weight, this.#maxDebt);
    if (this.target <= 0 || this.#debt <= u * weight) return false;
    if (!(typeof eligible === "function" ? eligible() : eligible)) return false;
    this.#debt -= weight;
    this.#granted += weight;
    return true;
  }

  /** How far this quota is behind (positive) or ahead (negative) of its target. */
  get debt(): number {
    return this.#debt;
  }

  /** Record a yes given outside `decide` (a forced choice), so the quota accounts for it. */
  charge(weight = 1): void {
    this.#debt -= weight;
    this.#granted += weight;
  }

  get offered(): number {
    return this.#offered;
  }

  get granted(): number {
    return this.#granted;
  }
}
