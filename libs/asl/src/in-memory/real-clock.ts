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

/** A sleep that can end early (its timer is cleared, so nothing keeps the process alive). */
export function sleep(ms: number): { readonly done: Promise<void>; readonly cancel: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
    timer = setTimeout(resolve, Math.max(0, ms));
  });
  return {
    done,
    cancel: () => {
      clearTimeout(timer);
      finish();
    },
  };
}
