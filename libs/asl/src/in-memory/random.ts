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

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** RFC 4122 version 4 text from a random source (four 32-bit draws, bytes through a table). */
export function uuidFrom(random: () => number): () => string {
  const bytes = new Array<number>(16);
  return () => {
    for (let w = 0; w < 4; w++) {
      const n = Math.floor(random() * 0x100000000);
      bytes[w * 4] = n >>> 24;
      bytes[w * 4 + 1] = (n >>> 16) & 0xff;
      bytes[w * 4 + 2] = (n >>> 8) & 0xff;
      bytes[w * 4 + 3] = n & 0xff;
    }
    bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
    bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
    const h = (i: number): string => HEX[bytes[i] ?? 0] as string;
    return `${h(0)}${h(1)}${h(2)}${h(3)}-${h(4)}${h(5)}-${h(6)}${h(7)}-${h(8)}${h(9)}-${h(10)}${h(11)}${h(12)}${h(13)}${h(14)}${h(15)}`;
  };
}
