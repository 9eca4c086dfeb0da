/**
 * A short-lived cache of the registry reads StartExecution needs (machine, version, alias), per
 * app. AWS documents that executions started right after UpdateStateMachine may still run the
 * previous definition; Stepwise allows the same, for at most TARGET_CACHE_MS and only across
 * api replicas: every change made through this app drops the machine's entries at once.
 */
import type { AppDeps } from '../deps.js';

export const TARGET_CACHE_MS = 1000;

interface Entry {
  readonly at: number;
  readonly value: Promise<unknown>;
}

export class TargetCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number) {}

  /** `machine` groups the keys of one state machine for invalidation. */
  get<T>(machine: string, key: string, load: () => Promise<T>): Promise<T> {
    const k = `${machine}\u0000${key}`;
    const t = this.now();
    const hit = this.entries.get(k);
    if (hit && t - hit.at < TARGET_CACHE_MS) return hit.value as Promise<T>;
    const value = load();
    this.entries.set(k, { at: t, value });
    // A failed read is not cached.
    value.catch(() => this.entries.delete(k));
    if (this.entries.size > 10_000) this.entries.clear();
    return value;
  }

  invalidate(machine: string): void {
    const prefix = `${machine}\u0000`;
    for (const k of this.entries.keys()) if (k.startsWith(prefix)) this.entries.delete(k);
  }
}

const caches = new WeakMap<AppDeps, TargetCache>();

export function targetCache(deps: AppDeps): TargetCache {
  let c = caches.get(deps);
  if (!c) {
    c = new TargetCache(deps.now ?? Date.now);
    caches.set(deps, c);
  }
  return c;
}
