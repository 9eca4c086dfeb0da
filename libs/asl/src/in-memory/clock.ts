/**
 * The in-memory driver's clocks. Frames run as concurrent async "fibers"; a fiber that waits for
 * a time (a Wait state, a Retry back-off) sleeps on the clock. The virtual clock advances only
 * when every fiber is asleep, straight to the earliest wake-up time, so a one-day Wait costs
 * nothing and concurrent waits end in due order. The real clock sleeps for real
 * (real-clock.ts). A group of sleepers (the iterations of one Map) can be woken early to abort.
 */
import { realNow, sleep } from './real-clock.js';

/**
 * Fibers of one Map or Parallel: cancelled when one of them fails beyond tolerance, or when the
 * frame that spawned them is itself cancelled (groups nest like the states do).
 */
export class FiberGroup {
  cancelled = false;
  readonly children: FiberGroup[] = [];

  constructor(parent?: FiberGroup) {
    parent?.children.push(this);
  }

  /** This group and every group nested in it. */
  *withDescendants(): Generator<FiberGroup> {
    yield this;
    for (const c of this.children) yield* c.withDescendants();
  }
}

export interface Clock {
  now(): number;
  /** Sleeps until `until` (epoch ms) or until `group` is cancelled. */
  sleepUntil(until: number, group?: FiberGroup): Promise<void>;
  /** A fiber starts running. */
  enter(): void;
  /** A fiber stops running (ended, or waits for other fibers). */
  leave(): void;
  /** Wakes the sleepers of a cancelled group now. */
  wake(group: FiberGroup): void;
}

interface Sleeper {
  readonly until: number;
  readonly seq: number;
  readonly group: FiberGroup | undefined;
  readonly resolve: () => void;
}

export class VirtualClock implements Clock {
  private current: number;
  private active = 1;
  private seq = 0;
  private sleepers: Sleeper[] = [];

  constructor(start: number) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  sleepUntil(until: number, group?: FiberGroup): Promise<void> {
    if (group?.cancelled === true) return Promise.resolve();
    return new Promise((resolve) => {
      this.sleepers.push({ until, seq: this.seq++, group, resolve });
      this.active -= 1;
      this.advance();
    });
  }

  enter(): void {
    this.active += 1;
  }

  leave(): void {
    this.active -= 1;
    this.advance();
  }

  wake(group: FiberGroup): void {
    if (this.sleepers.length === 0) return; // every run ends by cancelling its fibers: mostly none sleep
    const woken = this.sleepers.filter((s) => s.group === group);
    if (woken.length === 0) return;
    this.sleepers = this.sleepers.filter((s) => s.group !== group);
    for (const s of woken) {
      this.active += 1;
      s.resolve();
    }
  }

  /** When no fiber runs, the earliest sleeper wakes at its time. */
  private advance(): void {
    if (this.active > 0 || this.sleepers.length === 0) return;
    let best = 0;
    for (let i = 1; i < this.sleepers.length; i++) {
      const s = this.sleepers[i] as Sleeper;
      const b = this.sleepers[best] as Sleeper;
      if (s.until < b.until || (s.until === b.until && s.seq < b.seq)) best = i;
    }
    const next = this.sleepers.splice(best, 1)[0] as Sleeper;
    this.current = Math.max(this.current, next.until);
    this.active += 1;
    next.resolve();
  }
}

export class RealClock implements Clock {
  private readonly offset: number;
  private readonly pending = new Map<FiberGroup, Set<() => void>>();

  constructor(start: number) {
    this.offset = start - realNow();
  }

  now(): number {
    return realNow() + this.offset;
  }

  async sleepUntil(until: number, group?: FiberGroup): Promise<void> {
    if (group?.cancelled === true) return;
    const nap = sleep(until - this.now());
    if (group !== undefined) {
      const set = this.pending.get(group) ?? new Set<() => void>();
      set.add(nap.cancel);
      this.pending.set(group, set);
    }
    await nap.done;
    if (group !== undefined) this.pending.get(group)?.delete(nap.cancel);
  }

  enter(): void {}
  leave(): void {}

  wake(group: FiberGroup): void {
    for (const w of this.pending.get(group) ?? []) w();
    this.pending.delete(group);
  }
}
