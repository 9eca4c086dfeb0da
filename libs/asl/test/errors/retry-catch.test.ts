import { describe, expect, it } from 'vitest';
import { decideRetry, errorMatches, exceedsTolerance, findCatcher, retryDelayMs, type Blocked } from '@stepwise/asl';

describe('error matching', () => {
  it('States.ALL does not catch States.Runtime nor States.DataLimitExceeded', () => {
    expect(errorMatches(['States.ALL'], 'States.Runtime')).toBe(false);
    expect(errorMatches(['States.ALL'], 'States.DataLimitExceeded')).toBe(false);
    expect(errorMatches(['States.ALL'], 'States.Timeout')).toBe(true);
    expect(errorMatches(['States.ALL'], 'MyError')).toBe(true);
    expect(errorMatches(['States.Runtime'], 'States.Runtime')).toBe(true);
  });

  it('States.TaskFailed matches task errors but not States.Timeout', () => {
    expect(errorMatches(['States.TaskFailed'], 'Lambda.ServiceException')).toBe(true);
    expect(errorMatches(['States.TaskFailed'], 'States.Timeout')).toBe(false);
  });

  it('the first matching Catcher wins', () => {
    const c = findCatcher(
      [
        { ErrorEquals: ['A'], Next: 'X' },
        { ErrorEquals: ['States.ALL'], Next: 'Y' },
      ],
      'B',
    );
    expect(c?.Next).toBe('Y');
  });
});

describe('Retry', () => {
  it('backs off IntervalSeconds × BackoffRate^n, capped by MaxDelaySeconds', () => {
    const r = { ErrorEquals: ['States.ALL'], IntervalSeconds: 2, BackoffRate: 3, MaxDelaySeconds: 10 };
    expect([0, 1, 2, 3].map((n) => retryDelayMs(r, n, () => 0.5))).toEqual([2000, 6000, 10000, 10000]);
  });

  it('JitterStrategy FULL draws the delay from the injected random source', () => {
    const r = { ErrorEquals: ['States.ALL'], IntervalSeconds: 4, JitterStrategy: 'FULL' as const };
    expect(retryDelayMs(r, 0, () => 0.25)).toBe(1000);
  });

  it('MaxAttempts 0 never retries; the default is 3 attempts', () => {
    expect(decideRetry([{ ErrorEquals: ['E'], MaxAttempts: 0 }], [], 'E', () => 0)).toEqual({ retry: false });
    const rs = [{ ErrorEquals: ['E'] }];
    expect(decideRetry(rs, [2], 'E', () => 0)).toMatchObject({ retry: true, delayMs: 4000, retrierIndex: 0 });
    expect(decideRetry(rs, [3], 'E', () => 0)).toEqual({ retry: false });
  });

  it('the first Retrier whose ErrorEquals matches decides, even when exhausted', () => {
    const rs = [
      { ErrorEquals: ['E'], MaxAttempts: 1 },
      { ErrorEquals: ['States.ALL'], MaxAttempts: 5 },
    ];
    expect(decideRetry(rs, [1, 0], 'E', () => 0)).toEqual({ retry: false });
    expect(decideRetry(rs, [1, 0], 'F', () => 0)).toMatchObject({ retry: true, retrierIndex: 1 });
  });
});

describe('Map tolerance (shared by the drivers)', () => {
  type MapBlocked = Extract<Blocked, { kind: 'map' }>;
  const map = (extra: Pick<MapBlocked, 'toleratedFailureCount' | 'toleratedFailurePercentage'>): MapBlocked => ({
    kind: 'map',
    mode: 'INLINE',
    maxConcurrency: 0,
    spawn: { parentFrameId: 'root', stateName: 'M', kind: 'iteration', inputs: [], scopes: [''], variables: {}, parentEventId: 3, recordEvents: true },
    ...extra,
  });

  it('without tolerance the first failure fails the Map', () => {
    expect(exceedsTolerance(map({}), 1, 10)).toBe(true);
    expect(exceedsTolerance(map({}), 0, 10)).toBe(false);
  });

  it('either threshold, once passed, fails the Map', () => {
    expect(exceedsTolerance(map({ toleratedFailureCount: 2 }), 2, 10)).toBe(false);
    expect(exceedsTolerance(map({ toleratedFailureCount: 2 }), 3, 10)).toBe(true);
    expect(exceedsTolerance(map({ toleratedFailurePercentage: 25 }), 2, 10)).toBe(false);
    expect(exceedsTolerance(map({ toleratedFailurePercentage: 25 }), 3, 10)).toBe(true);
    expect(exceedsTolerance(map({ toleratedFailureCount: 5, toleratedFailurePercentage: 10 }), 2, 10)).toBe(true);
  });
});
