/** mulberry32: a small seeded PRNG, good enough to drive property-test sequences that replay identically. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T,>(items: readonly T[]): T | undefined => (items.length === 0 ? undefined : items[int(0, items.length - 1)]);
  /** A money amount between 0.01 and `max`, in cents. */
  const cents = (max: number) => (int(1, Math.max(1, Math.round(max * 100))) / 100).toFixed(2);
  return { next, int, pick, cents };
}
