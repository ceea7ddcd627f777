/**
 * Python's `round(x, 2)`: the exact binary value rounded to 2 decimals, halves to even. A double is an
 * exact half at the second decimal only when it is an odd multiple of 1/8 (m/200 with m odd must be
 * dyadic), so those are settled by hand and `toFixed`, which rounds the exact value, does the rest.
 */
export function pythonRound2(x: number): number {
  if (!Number.isFinite(x)) return x;
  const eighths = x * 8;
  if (Number.isInteger(eighths) && Math.abs(eighths) % 2 === 1) {
    const cents = Math.trunc(x * 100);
    const even = cents % 2 === 0 ? cents : cents + Math.sign(x);
    return even / 100;
  }
  return Number(x.toFixed(2));
}
