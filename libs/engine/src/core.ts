/**
 * The engine's shared context: one Redis connection with the scripts registered, the key
 * namespace, the queues, the relay, the clock and time scale, compiled programs, and the task
 * integrations. The worker, the scheduler and the api-facing facade all run on one EngineCore.
 */
import { createHash } from 'node:crypto';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { compile, type Program } from '@stepwise/asl';
import type { ArnScope } from '@stepwise/protocol';
import { createKeys, type ExecutionId, type Keys } from './keys.js';
import type { Clock } from './clock.js';
import { QUEUES } from './queues/names.js';
import { Relay, dirtyMark, type DirtyMark, type RelayCallbacks } from './queues/relay.js';
import { registerScripts, type Entries } from './scripts/scripts.js';
import type { IntegrationRegistry } from './integrations/registry.js';
import { EngineError } from './facade.js';
import { Turns } from './turns.js';

export interface EngineOptions {
  /** A command connection (ioredis). The engine registers its scripts on it. */
  readonly redis: Redis;
  /** STEPWISE_KEY_PREFIX. */
  readonly keyPrefix: string;
  readonly clock: Clock;
  /** STEPWISE_TIME_SCALE: Waits, retry intervals, timeouts and heartbeats are divided by it. */
  readonly timeScale?: number;
  readonly scope: ArnScope;
  readonly limits?: { readonly payloadBytes: number; readonly historyEvents: number };
  readonly integrations: IntegrationRegistry;
  /** A log sink for notes (ignored Authentication fields, dropped jobs). */
  /** Run the step a fired timer unblocks in the timer loop's process (default true): no queue hop. */
  readonly runTimerStepsInline?: boolean;
  /** Allow fireTimerNow even without a time scale (tests). */
  readonly allowFireTimerNow?: boolean;
  readonly log?: (level: 'debug' | 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>) => void;
}

export class EngineCore {
  readonly redis: Redis;
  readonly keys: Keys;
  readonly clock: Clock;
  readonly timeScale: number;
  readonly scope: ArnScope;
  readonly limits: { readonly payloadBytes: number; readonly historyEvents: number };
  readonly advanceQueue: Queue;
  readonly taskQueue: Queue;
  /** Asynchronous EXPRESS starts (express-jobs.ts): added by the api, run by the workers. */
  readonly expressQueue: Queue;
  readonly relay: Relay;
  readonly runTimerStepsInline: boolean;
  /** Steps of one execution take turns in this process (fewer event-counter conflicts). */
  readonly turns = new Turns();
  private readonly queueConnection: Redis;
  readonly integrations: IntegrationRegistry;
  readonly log: NonNullable<EngineOptions['log']>;
  private readonly programs = new Map<string, Program>();
  private readonly backgroundRelays = new Set<Promise<void>>();

  constructor(opts: EngineOptions, callbacks: RelayCallbacks) {
    this.redis = opts.redis;
    registerScripts(this.redis);
    this.keys = createKeys(opts.keyPrefix);
    this.clock = opts.clock;
    this.timeScale = opts.timeScale ?? 1;
    this.scope = opts.scope;
    this.limits = opts.limits ?? { payloadBytes: 262_144, historyEvents: 25_000 };
    this.integrations = opts.integrations;
    this.log = opts.log ?? (() => undefined);
    this.runTimerStepsInline = opts.runTimerStepsInline ?? true;
    const prefix = this.keys.bullPrefix();
    // BullMQ registers dozens of scripts on its connection, and ioredis copies every registered
    // script into each pipeline it makes: the queues get their own connection.
    this.queueConnection = this.redis.duplicate({ maxRetriesPerRequest: null, enableAutoPipelining: false });
    this.queueConnection.on('error', () => undefined); // reconnects; errors surface on the command
    this.advanceQueue = new Queue(QUEUES.advance, { connection: this.queueConnection, prefix });
    this.taskQueue = new Queue(QUEUES.task, { connection: this.queueConnection, prefix });
    this.expressQueue = new Queue(QUEUES.express, { connection: this.queueConnection, prefix });
    this.relay = new Relay(this.redis, this.keys, this.advanceQueue, this.taskQueue, callbacks);
  }

  /** Scaled duration: real milliseconds for `ms` of state-machine time. */
  scaled(ms: number): number {
    return Math.max(0, Math.round(ms / this.timeScale));
  }

  /** The SHA-1 of a definition text: executions store it, programs are cached by it. */
  static definitionHash(definition: string): string {
    return createHash('sha1').update(definition).digest('hex');
  }

  /** The compiled program of a definition hash, loading the text from Redis when not cached. */
  async programByHash(hash: string): Promise<Program> {
    const p = this.programs.get(hash);
    if (p) return p;
    const text = await this.redis.get(this.keys.definition(hash));
    if (text === null) throw new Error(`definition ${hash} is missing from Redis`);
    return this.program(text, hash);
  }

  /** The compiled program of a definition text (cached by its hash). */
  program(definition: string, knownHash?: string): Program {
    const hash = knownHash ?? EngineCore.definitionHash(definition);
    let p = this.programs.get(hash);
    if (!p) {
      const r = compile(JSON.parse(definition) as unknown, { skipValidation: true });
      if (!r.ok) throw new EngineError('InvalidDefinition', r.diagnostics.map((d) => d.message).join('; '));
      p = r.program;
      if (this.programs.size > 500) this.programs.clear();
      this.programs.set(hash, p);
    }
    return p;
  }

  /** A fresh dirty mark for an execution about to commit. */
  mark(id: ExecutionId): DirtyMark {
    return dirtyMark(id, this.clock.now(), this.relay.epoch);
  }

  /** Relays entries after a commit; failures are left to the scheduler's sweep. */
  async relayAfterCommit(id: ExecutionId, entries: Entries, mark: DirtyMark | readonly DirtyMark[], handled: readonly string[] = []): Promise<void> {
    try {
      await this.relay.publish(id, entries, mark, handled);
    } catch (e) {
      this.log('warn', 'outbox relay failed; the sweep will retry', { executionId: id, error: String(e) });
    }
  }

  /**
   * Relays without holding up the caller: for a commit that is durable already and whose dirty
   * mark lets the sweep finish the relay after a crash. close() waits for these.
   */
  relayInBackground(id: ExecutionId, entries: Entries, mark: DirtyMark | readonly DirtyMark[], handled: readonly string[] = []): void {
    const p: Promise<void> = this.relayAfterCommit(id, entries, mark, handled).finally(() => this.backgroundRelays.delete(p));
    this.backgroundRelays.add(p);
  }

  async close(): Promise<void> {
    await Promise.all(this.backgroundRelays);
    await Promise.all([this.advanceQueue.close(), this.taskQueue.close(), this.expressQueue.close()]);
    this.queueConnection.disconnect();
  }
}
