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

/** RFC 4122 version 4 text from a random source. */
export function uuidFrom(random: () => number): () => string {
  return () => {
    const hex: string[] = [];
    for (let i = 0; i < 16; i++) hex.push(Math.floor(random() * 256).toString(16).padStart(2, '0'));
    hex[6] = `4${(hex[6] ?? '00').slice(1)}`;
    hex[8] = ((parseInt(hex[8] ?? '00', 16) & 0x3f) | 0x80).toString(16).padStart(2, '0');
    const h = hex.join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };
}
