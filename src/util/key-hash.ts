/**
 * Two 32-bit hashes of a key's UTF-16 units: FNV-1a, and a multiply-xorshift one with another prime.
 * Together a 64-bit hash for the seen-key tables; the Bloom filter takes its block from one and its bits
 * from the other. Plain arithmetic: the same key hashes alike on every run and thread.
 */
export function hash64(key: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < key.length; i++) {
    const unit = key.charCodeAt(i);
    a = Math.imul(a ^ unit, 0x01000193) >>> 0;
    b = Math.imul(b ^ unit, 0x5bd1e995);
    b = (b ^ (b >>> 15)) >>> 0;
  }
  return [a, b];
}
