/**
 * How a Map's join judges failed iterations, shared by every driver (runInMemory and the durable
 * engine) so both decide alike: without ToleratedFailureCount/Percentage the first failure fails
 * the Map with that iteration's error; with them, the Map fails with
 * States.ExceedToleratedFailureThreshold once either threshold is passed, and a tolerated
 * iteration's result is its error output.
 */
import type { Json } from '../json.js';
import type { Blocked } from '../frame.js';

type MapBlocked = Extract<Blocked, { kind: 'map' }>;

export const TOLERANCE_EXCEEDED = {
  error: 'States.ExceedToleratedFailureThreshold',
  cause: 'The specified tolerated failure threshold was exceeded',
} as const;

/** Whether the Map tolerates any failure at all. */
export function toleratesFailures(b: MapBlocked): boolean {
  return b.toleratedFailureCount !== undefined || b.toleratedFailurePercentage !== undefined;
}

/** Whether `failed` failures out of `total` items pass a threshold of the Map. */
export function exceedsTolerance(b: MapBlocked, failed: number, total: number): boolean {
  if (!toleratesFailures(b)) return failed > 0;
  const overCount = b.toleratedFailureCount !== undefined && failed > b.toleratedFailureCount;
  const overPercent = b.toleratedFailurePercentage !== undefined && total > 0 && (failed * 100) / total > b.toleratedFailurePercentage;
  return overCount || overPercent;
}

/** The result a tolerated failed iteration leaves in the Map's output array. */
export function toleratedResult(error: string | undefined, cause: string | undefined): Json {
  return { Error: error ?? null, Cause: cause ?? null };
}
