import { describe, expect, it } from 'vitest';
import { TargetCache, TARGET_CACHE_MS } from '../src/actions/target-cache.js';

describe('TargetCache', () => {
  it('serves a read for TARGET_CACHE_MS, reloads after, and drops a machine on invalidate', async () => {
    let now = 0;
    let loads = 0;
    const c = new TargetCache(() => now);
    const load = async () => ++loads;
    expect(await c.get('m', 'sm', load)).toBe(1);
    expect(await c.get('m', 'sm', load)).toBe(1);
    now += TARGET_CACHE_MS;
    expect(await c.get('m', 'sm', load)).toBe(2);
    c.invalidate('m');
    expect(await c.get('m', 'sm', load)).toBe(3);
    c.invalidate('other');
    expect(await c.get('m', 'sm', load)).toBe(3);
  });

  it('does not keep a failed read', async () => {
    const c = new TargetCache(() => 0);
    await expect(c.get('m', 'sm', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    await new Promise((r) => setTimeout(r, 0));
    expect(await c.get('m', 'sm', async () => 'ok')).toBe('ok');
  });
});
