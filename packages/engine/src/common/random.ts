// A small seeded PRNG (mulberry32) shared by the fault-injecting VFS and every randomized test:
// the same seed always gives the same sequence, so any failure replays from its seed.

/** Returns a generator of uniform numbers in [0, 1) determined by `seed`. */
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
