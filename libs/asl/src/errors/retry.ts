/**
 * Retry: which Retrier (if any) handles an error, and how long to back off. AWS: the first
 * Retrier whose ErrorEquals matches decides; MaxAttempts counts retries per Retrier (0 = never);
 * the delay is IntervalSeconds × BackoffRate^n, capped by MaxDelaySeconds, and JitterStrategy
 * FULL draws it uniformly in [0, delay) from the injected random source.
 */
import type { Retrier } from '../definition/types.js';
import { errorMatches } from './error-table.js';

export type RetryDecision =
  | { readonly retry: true; readonly delayMs: number; readonly retrierIndex: number }
  | { readonly retry: false };

export const RETRY_DEFAULTS = { IntervalSeconds: 1, MaxAttempts: 3, BackoffRate: 2 } as const;

/** Decides from the Retriers and the per-Retrier counts so far (the caller increments). */
export function decideRetry(
  retriers: readonly Retrier[] | undefined,
  counts: readonly number[],
  error: string | undefined,
  random: () => number,
  reportedByTask = false,
): RetryDecision {
  if (retriers === undefined) return { retry: false };
  for (let i = 0; i < retriers.length; i++) {
    const r = retriers[i];
    if (r === undefined || !errorMatches(r.ErrorEquals, error, reportedByTask)) continue;
    const done = counts[i] ?? 0;
    const max = r.MaxAttempts ?? RETRY_DEFAULTS.MaxAttempts;
    if (done >= max) return { retry: false };
    return { retry: true, delayMs: retryDelayMs(r, done, random), retrierIndex: i };
  }
  return { retry: false };
}

/** The back-off before retry number `done + 1`, in milliseconds. */
export function retryDelayMs(r: Retrier, done: number, random: () => number): number {
  const interval = r.IntervalSeconds ?? RETRY_DEFAULTS.IntervalSeconds;
  const rate = r.BackoffRate ?? RETRY_DEFAULTS.BackoffRate;
  let seconds = interval * Math.pow(rate, done);
  if (r.MaxDelaySeconds !== undefined) seconds = Math.min(seconds, r.MaxDelaySeconds);
  if (r.JitterStrategy === 'FULL') seconds = random() * seconds;
  return Math.round(seconds * 1000);
}
