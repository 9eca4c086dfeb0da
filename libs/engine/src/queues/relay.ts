/**
 * The outbox relay: turns committed outbox entries into BullMQ jobs (deterministic ids), timers
 * (sorted-set members) and calls, then deletes them from the outbox. The committing process
 * relays right after its commit (fast path); the scheduler's sweep relays whatever a crash left
 * behind (executions marked dirty before their commit). Relaying twice is harmless.
 */
import { randomBytes } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { ChainableCommander, Redis } from 'ioredis';
import type { ExecutionId, Keys } from '../keys.js';
import type { Entries } from '../scripts/scripts.js';
import { parseOutboxEntry, type OutboxEntry } from './outbox.js';
import { jobIds, type AdvanceJobData, type TaskJobData } from './names.js';
import { countActivityScheduled, countRelayed } from '../metrics.js';

/** Entries that need the engine itself (another execution is involved). */
export interface RelayCallbacks {
  stopChild(executionArn: string): Promise<void>;
  notifyParent(entry: Extract<OutboxEntry, { t: 'notify' }>): Promise<void>;
}

export const JOB_OPTIONS = {
  removeOnComplete: true,
  removeOnFail: 1000,
  attempts: 20,
  backoff: { type: 'exponential', delay: 50 },
} as const;

export class Relay {
  /**
   * How many times the connection has closed. ioredis re-sends the commands that were in flight
   * when it lost the connection (autoResendUnfulfilledCommands): a commit that Redis applied
   * just before it died runs a second time after the reconnect and answers stale, or "already
   * answered", and its caller cannot know the first run's outbox entries. A mark made in an
   * earlier epoch is therefore never removed here: the sweep relays that execution's whole outbox
   * and removes the mark itself.
   */
  private closes = 0;

  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly advanceQueue: Queue,
    private readonly taskQueue: Queue,
    private readonly callbacks: RelayCallbacks,
  ) {
    redis.on('close', () => {
      this.closes++;
    });
  }

  /** The connection's current epoch, stamped on every dirty mark made for a commit. */
  get epoch(): number {
    return this.closes;
  }

  /** The marks a caller may remove itself: those made in the current epoch (see `closes`). */
  removable(marks: readonly DirtyMark[]): DirtyMark[] {
    return marks.filter((m) => m.epoch === undefined || m.epoch === this.closes);
  }

  /** Relays entries of one execution and removes them (and `handled` ones, done in-process) from its outbox. */
  async publish(id: ExecutionId, entries: Entries, mark?: DirtyMark | readonly DirtyMark[], handled: readonly string[] = [], by: 'worker' | 'sweep' = 'worker'): Promise<void> {
    const adv: AdvanceJobData[] = [];
    const tasks: TaskJobData[] = [];
    // Sorted-set and list writes: sent as plain commands on an auto-pipelining connection (the
    // scheduler's batches them with the other relays of the tick), else in one pipeline.
    const sends: Array<(c: ChainableCommander | Redis) => unknown> = [];
    const later: Array<() => Promise<void>> = [];
    for (const [, e] of entries) {
      switch (e.t) {
        case 'adv': adv.push({ e: id, f: e.f, v: e.v }); break;
        case 'task': tasks.push({ e: id, f: e.f, w: e.w, ...(e.g !== undefined ? { g: e.g } : {}) }); break;
        case 'timer': sends.push((c) => c.zadd(this.keys.timers(), e.due, e.m)); break;
        case 'act':
          sends.push((c) => c.lpush(this.keys.activityQueue(e.arn), e.tok), (c) => c.zadd(this.keys.waitingTasks(), Date.now(), e.tok));
          countActivityScheduled(e.arn);
          break;
        case 'wtask': sends.push((c) => c.zadd(this.keys.waitingTasks(), e.since, e.tok)); break;
        case 'mapRun': sends.push((c) => c.hset(this.keys.mapRuns(), e.id, e.arn)); break;
        case 'stopChild': later.push(() => this.callbacks.stopChild(e.arn)); break;
        case 'notify': later.push(() => this.callbacks.notifyParent(e)); break;
        default: {
          const never: never = e;
          throw new Error(`unknown outbox entry ${JSON.stringify(never)}`);
        }
      }
    }
    const work: Promise<unknown>[] = [];
    if (adv.length === 1 && adv[0]) {
      work.push(this.advanceQueue.add('advance', adv[0], { ...JOB_OPTIONS, jobId: jobIds.advance(adv[0]) }));
    } else if (adv.length > 1) {
      work.push(this.advanceQueue.addBulk(adv.map((d) => ({ name: 'advance', data: d, opts: { ...JOB_OPTIONS, jobId: jobIds.advance(d) } }))));
    }
    if (tasks.length > 0) {
      work.push(this.taskQueue.addBulk(tasks.map((d) => ({ name: 'task', data: d, opts: { ...JOB_OPTIONS, jobId: jobIds.task(d) } }))));
    }
    const autoPipelined = this.redis.options.enableAutoPipelining === true;
    if (sends.length > 0 && autoPipelined) {
      for (const send of sends) work.push(send(this.redis) as Promise<unknown>);
    } else if (sends.length > 0) {
      // made only when needed: a pipeline copies every script registered on the connection
      const pipe = this.redis.pipeline();
      for (const send of sends) send(pipe);
      work.push(pipe.exec());
    }
    await Promise.all(work);
    for (const f of later) await f();
    countRelayed(by, entries.length);
    const ids = [...entries.map(([eid]) => eid), ...handled];
    const given = mark === undefined ? [] : Array.isArray(mark) ? (mark as readonly DirtyMark[]) : [mark as DirtyMark];
    // a mark from before a reconnect stays for the sweep (see `closes`)
    const marks = this.removable(given);
    if (autoPipelined) {
      const w: Promise<unknown>[] = [];
      if (ids.length > 0) w.push(this.redis.hdel(this.keys.outbox(id), ...ids));
      if (marks.length > 0) w.push(this.redis.zrem(this.keys.dirty(), ...marks.map((m) => m.member)));
      await Promise.all(w);
      return;
    }
    const done = this.redis.pipeline();
    if (ids.length > 0) done.hdel(this.keys.outbox(id), ...ids);
    if (marks.length > 0) done.zrem(this.keys.dirty(), ...marks.map((m) => m.member));
    if (done.length > 0) await done.exec();
  }

  /** Relays the outboxes of executions marked dirty more than `olderThanMs` ago. */
  async sweep(now: number, olderThanMs: number, limit = 200): Promise<number> {
    const marked = await this.redis.zrangebyscore(this.keys.dirty(), '-inf', now - olderThanMs, 'WITHSCORES', 'LIMIT', 0, limit);
    let n = 0;
    for (let i = 0; i + 1 < marked.length; i += 2) {
      const member = marked[i] as string;
      const score = Number(marked[i + 1]);
      const id = member.slice(0, member.lastIndexOf('|'));
      const raw = await this.redis.hgetall(this.keys.outbox(id));
      const entries: Entries = [];
      for (const [eid, text] of Object.entries(raw)) {
        const e = parseOutboxEntry(text);
        if (e) entries.push([eid, e]);
      }
      await this.publish(id, entries, { member, score }, [], 'sweep');
      n += entries.length;
    }
    return n;
  }
}

/**
 * A dirty mark: one member per commit attempt (`<executionId>|<random>`), written before the
 * commit in the same round trip and removed by the relay after its entries went out. A crash in
 * between leaves the member, and the sweep relays that execution's outbox. One member per commit
 * (not per execution) means no mark can clear another commit's.
 */
export interface DirtyMark {
  readonly member: string;
  readonly score: number;
  /** The commit connection's epoch when the mark was made (Relay.epoch); none for the sweep's. */
  readonly epoch?: number;
}

const PROCESS_TAG = randomBytes(6).toString('base64url');
let counter = 0;

export function dirtyMark(id: ExecutionId, now: number, epoch?: number): DirtyMark {
  counter = (counter + 1) % Number.MAX_SAFE_INTEGER;
  const member = `${id}|${PROCESS_TAG}${counter.toString(36)}`;
  return epoch === undefined ? { member, score: now } : { member, score: now, epoch };
}
