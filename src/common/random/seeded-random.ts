/**
 * mulberry32: a small, fast, seeded 32-bit generator of uniform numbers in [0, 1). The same seed gives the same
 * sequence on every machine, which is what makes the demo network and the score fit reproducible. Never for secrets.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
