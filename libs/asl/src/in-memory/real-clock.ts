/**
 * The only place in libs/asl that touches real time and the platform's randomness: runInMemory
 * is a driver, not the interpreter, and its callers may ask for `clock: 'real'`, a default start
 * time of "now" and an unseeded random source. The pure modules never import this file.
 */
/* eslint-disable no-restricted-properties, no-restricted-globals -- the in-memory driver's own clock (see header) */

export function realNow(): number {
  return Date.now();
}

export function platformRandom(): number {
  return Math.random();
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
