/**
 * Deterministic randomness for runInMemory: a seeded PRNG (mulberry32) and UUIDs and task tokens
 * drawn from it, so a run with a seed is reproducible.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** RFC 4122 version 4 text from a random source (four 32-bit draws). */
export function uuidFrom(random: () => number): () => string {
  const hex8 = (): string => Math.floor(random() * 0x100000000).toString(16).padStart(8, '0');
  return () => {
    const a = hex8();
    const b = hex8();
    const c = hex8();
    const d = hex8();
    const variant = ((parseInt(c.slice(0, 1), 16) & 0x3) | 0x8).toString(16);
    return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4, 8)}${d}`;
  };
}
