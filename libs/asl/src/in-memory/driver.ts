/**
 * The in-memory driver: drives frames through the step API as the durable engine does, with a
 * clock (clock.ts) instead of Redis and timers. Every frame is an async fiber; steps run one at
 * a time (a lock), so each step's `nextEventId` is exact. Tasks go to the caller's handlers.
 * Parallel branches run concurrently into private event buffers merged at the join (ADR 0003);
 * Map iterations run concurrently up to MaxConcurrency, and a failure beyond the tolerance
 * aborts the running siblings and starts no more.
 */
import type { Json, JsonObject } from '../json.js';
import type { Program } from '../definition/compile.js';
import type { StepContext } from '../context.js';
import type { Blocked, ChildSpawn, FrameState, Signal, StepResult } from '../frame.js';
import { startChild, resume, resumeStep } from '../step.js';
import { EventBuffer, ProvisionalIds, mergeBranches, rewriteCause } from './event-buffer.js';
import type { HandlerTable } from './handlers.js';
import { serveTask } from './handlers.js';
import type { RunOptions, TaskOutcome, TaskRequest } from './options.js';
import { AWS_LIMITS } from '../context.js';
import { FiberGroup, type Clock } from './clock.js';
import { TOLERANCE_EXCEEDED, exceedsTolerance, toleratedResult, toleratesFailures } from '../states/map-tolerance.js';

/** AWS: an inline Map runs up to 40 iterations concurrently. */
const INLINE_MAP_CONCURRENCY = 40;

type Terminal = Extract<Blocked, { kind: 'succeeded' | 'failed' | 'timedOut' | 'aborted' }>;
type Failure = { error?: string; cause?: string };

/** Raised inside the driver when the execution's TimeoutSeconds elapses. */
export class ExecutionTimeout extends Error {
  override readonly name = 'ExecutionTimeout';
}

/** Raised when the history passes limits.historyEvents. */
export class HistoryLimitExceeded extends Error {
  override readonly name = 'HistoryLimitExceeded';
}

/** Raised when maxSteps is exceeded. */
export class StepBudgetExceeded extends Error {
  override readonly name = 'StepBudgetExceeded';
}

export interface DriverSetup {
  readonly program: Program;
  readonly options: RunOptions;
  readonly handlers: HandlerTable;
  readonly baseContext: Omit<StepContext, 'now' | 'nextEventId'>;
  readonly clock: Clock;
  readonly deadlineMs: number | undefined;
  readonly maxSteps: number;
  readonly identity: JsonObject;
}

/** A task served for the root frame: the signal, and the frame after its TaskStarted step. */
interface Served {
  readonly signal: Signal;
  readonly frame: FrameState;
}

function isTerminal(b: Blocked): b is Terminal {
  return b.kind === 'succeeded' || b.kind === 'failed' || b.kind === 'timedOut' || b.kind === 'aborted';
}

export class Driver {
  private steps = 0;
  private readonly provisional = new ProvisionalIds();
  /** Steps run one at a time: a lock handed from one waiter to the next. */
  private locked = false;
  private readonly waiting: Array<(() => void) | undefined> = [];
  private waitingHead = 0;
  /** Set once the root ended (timeout, budget): abandoned fibers stop at their next step. */
  private stopped = false;

  /** The root of all fiber groups: cancelled when the execution ends early. */
  private readonly everything = new FiberGroup();

  /** The execution's own history (branch buffers are merged into it at their join). */
  root: EventBuffer | undefined;

  constructor(private readonly setup: DriverSetup) {}

  /** Runs one step under the lock, with `nextEventId` taken from the buffer inside it. */
  async step(buffer: EventBuffer, run: (ctx: StepContext) => Promise<StepResult>, hooks?: { onEnd?: (end: Terminal) => void }): Promise<StepResult>;
  async step(
    buffer: EventBuffer,
    run: (ctx: StepContext) => Promise<StepResult>,
    hooks: { unless: () => boolean; onEnd?: (end: Terminal) => void },
  ): Promise<StepResult | undefined>;
  /**
   * `unless` is checked under the lock (skip the step); `onEnd` runs under the lock when the
   * frame ended, so a failure cancels its siblings before any of them takes another step.
   */
  async step(
    buffer: EventBuffer,
    run: (ctx: StepContext) => Promise<StepResult>,
    hooks?: { unless?: () => boolean; onEnd?: (end: Terminal) => void },
  ): Promise<StepResult | undefined> {
    const unless = hooks?.unless;
    if (this.locked) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.locked = true;
    if (this.waitingHead > 1024 && this.waitingHead * 2 > this.waiting.length) {
      this.waiting.splice(0, this.waitingHead);
      this.waitingHead = 0;
    }
    try {
      if (unless?.() === true) return undefined;
      const r = await run(this.begin(buffer));
      this.record(buffer, r);
      if (hooks?.onEnd !== undefined && isTerminal(r.blocked)) hooks.onEnd(r.blocked);
      return r;
    } finally {
      this.release();
    }
  }

  /** The checks before a step, and its context. */
  private begin(buffer: EventBuffer): StepContext {
    if (this.stopped) throw new StepBudgetExceeded('The execution already ended.');
    this.steps += 1;
    if (this.steps > this.setup.maxSteps) throw new StepBudgetExceeded(`The run exceeded maxSteps (${this.setup.maxSteps}).`);
    const b = this.setup.baseContext;
    // every member present (one object shape, no spreads): this runs once per step
    return {
      now: this.setup.clock.now(),
      nextEventId: buffer.nextId,
      random: b.random,
      uuid: b.uuid,
      newTaskToken: b.newTaskToken,
      execution: b.execution,
      limits: b.limits ?? AWS_LIMITS,
      payloads: b.payloads ?? 'text',
      // only the execution's own history streams: Parallel branches record theirs, reported at the join
      observer: buffer.observer,
      payloadBounds: b.payloadBounds,
      // the driver keeps only the frame a step returns
      frameInPlace: true,
    };
  }

  /** A step's events into its buffer; the root's history limit. */
  private record(buffer: EventBuffer, r: StepResult): void {
    // observed: no events were built; the frame's last event is the step's last (it is the only frame that appended)
    if (buffer.observer !== undefined) buffer.observed(r.frame.lastEventId);
    else buffer.append(r.events);
    const limit = this.setup.baseContext.limits?.historyEvents;
    if (buffer === this.root && limit !== undefined && buffer.nextId - 1 > limit) {
      throw new HistoryLimitExceeded(`The execution reached the maximum number of history events (${limit}).`);
    }
  }

  /** Hands the lock straight to the next waiter (no microtask when nobody waits). */
  private release(): void {
    const next = this.waiting[this.waitingHead];
    if (next !== undefined) {
      this.waiting[this.waitingHead] = undefined;
      this.waitingHead += 1;
      next();
    } else this.locked = false;
  }

  /**
   * A step of the root frame while no other frame runs (nothing waits for the lock): taken
   * synchronously when the step needs no promise, so a run of JSONPath states and mocked tasks
   * costs no microtask. With any other frame about, it is an ordinary step: fibers keep their
   * turns exactly as before.
   */
  stepSolo(buffer: EventBuffer, run: (ctx: StepContext) => StepResult | Promise<StepResult>): StepResult | Promise<StepResult> {
    if (this.locked) return this.step(buffer, async (ctx) => run(ctx));
    this.locked = true;
    let produced: StepResult | Promise<StepResult>;
    try {
      produced = run(this.begin(buffer));
    } catch (e) {
      this.release();
      throw e;
    }
    return this.recordSolo(buffer, produced);
  }

  /** stepSolo of resumeStep(frame, signal), without a closure per step (the root's steps are the hot path). */
  private resumeSolo(buffer: EventBuffer, frame: FrameState, signal: Signal): StepResult | Promise<StepResult> {
    const program = this.setup.program;
    if (this.locked) return this.step(buffer, async (ctx) => resumeStep(program, frame, signal, ctx));
    this.locked = true;
    let produced: StepResult | Promise<StepResult>;
    try {
      produced = resumeStep(program, frame, signal, this.begin(buffer));
    } catch (e) {
      this.release();
      throw e;
    }
    return this.recordSolo(buffer, produced);
  }

  /** The end of a solo step: its events recorded, the lock released. */
  private recordSolo(buffer: EventBuffer, produced: StepResult | Promise<StepResult>): StepResult | Promise<StepResult> {
    if (produced instanceof Promise) {
      return produced.then(
        (r) => {
          try {
            this.record(buffer, r);
            return r;
          } finally {
            this.release();
          }
        },
        (e: unknown) => {
          this.release();
          throw e;
        },
      );
    }
    try {
      this.record(buffer, produced);
      return produced;
    } finally {
      this.release();
    }
  }

  /**
   * Drives the root frame (drive() with root = true) taking its steps with stepSolo: tasks whose
   * handler answers synchronously run without promises; timers, Map and Parallel are served as
   * drive() serves them.
   */
  async driveRoot(first: StepResult, buffer: EventBuffer): Promise<Terminal> {
    let r = first;
    try {
      for (;;) {
        const b = r.blocked;
        if (isTerminal(b)) {
          // the history is complete: orphaned fibers (if any) may not append to it
          this.stopped = true;
          this.cancel(this.everything);
          return b;
        }
        let signal: Signal;
        try {
          if (b.kind === 'task') {
            const served = this.runTaskSolo(b, r.frame, buffer);
            const done = served instanceof Promise ? await served : served;
            signal = done.signal;
            // the frame after TaskStarted (and TaskSubmitted) steps
            r = { frame: done.frame, events: r.events, blocked: b };
          } else signal = await this.serve(b, r.frame, buffer, this.everything);
        } catch (e) {
          if (!(e instanceof ExecutionTimeout)) throw e;
          // the execution timed out: every other fiber stops where it is
          this.cancel(this.everything);
          signal = { kind: 'timedOut', error: 'States.Timeout', target: 'execution', cause: 'The execution timed out.' };
        }
        const frame = r.frame;
        const next = this.resumeSolo(buffer, frame, signal);
        r = next instanceof Promise ? await next : next;
      }
    } catch (e) {
      this.stopped = true;
      this.cancel(this.everything);
      throw e;
    }
  }

  private async sleepUntil(until: number, group: FiberGroup | undefined): Promise<void> {
    const deadline = this.setup.deadlineMs;
    if (deadline !== undefined && until >= deadline) {
      await this.setup.clock.sleepUntil(deadline, group);
      if (group?.cancelled !== true) throw new ExecutionTimeout('timed out');
      return;
    }
    await this.setup.clock.sleepUntil(until, group);
  }

  /** Drives a frame from its first step result until it ends. */
  async drive(first: StepResult, buffer: EventBuffer, root = false, group?: FiberGroup, onEnd?: (end: Terminal) => void): Promise<Terminal> {
    let r = first;
    const program = this.setup.program;
    try {
      for (;;) {
        const b = r.blocked;
        if (isTerminal(b)) {
          if (root) {
            // the history is complete: orphaned fibers (if any) may not append to it
            this.stopped = true;
            this.cancel(this.everything);
          }
          return b;
        }
        let signal: Signal;
        if (cancelled(group)) {
          signal = { kind: 'aborted' };
        } else {
          try {
            signal = await this.serve(b, r.frame, buffer, group ?? this.everything);
          } catch (e) {
            if (!(root && e instanceof ExecutionTimeout)) throw e;
            // the execution timed out: every other fiber stops where it is
            this.cancel(this.everything);
            signal = { kind: 'timedOut', error: 'States.Timeout', target: 'execution', cause: 'The execution timed out.' };
          }
          // a sibling failed while this frame waited: abort instead of moving on
          if (cancelled(group) && signal.kind !== 'timedOut') signal = { kind: 'aborted' };
        }
        const frame = r.frame;
        r = await this.step(buffer, (ctx) => resume(program, frame, signal, ctx), onEnd !== undefined ? { onEnd } : undefined);
      }
    } catch (e) {
      if (root) {
        this.stopped = true;
        this.cancel(this.everything);
      }
      throw e;
    }
  }

  /** Produces the signal that unblocks a frame. */
  private async serve(b: Exclude<Blocked, Terminal>, frame: FrameState, buffer: EventBuffer, group: FiberGroup | undefined): Promise<Signal> {
    switch (b.kind) {
      case 'timer':
        await this.sleepUntil(b.until, group);
        return { kind: 'timerFired' };
      case 'task':
        return this.runTask(b, frame, buffer, group);
      case 'parallel':
        return this.runBranches(b.spawn, buffer, group);
      case 'map':
        return this.runIterations(b, buffer, group);
    }
  }

  private async runTask(b: Extract<Blocked, { kind: 'task' }>, frame: FrameState, buffer: EventBuffer, group: FiberGroup | undefined): Promise<Signal> {
    const program = this.setup.program;
    let current = frame;
    const started = await this.step(buffer, (ctx) => resume(program, current, { kind: 'taskStarted' }, ctx));
    current = started.frame;
    const outcome = await serveTask(this.setup.options, this.setup.handlers, taskRequest(b, this.setup.identity));
    // AWS writes TaskSubmitted once a .sync / .waitForTaskToken call was accepted by the service.
    if (b.pattern !== 'requestResponse') {
      const output = outcome.kind === 'succeeded' && outcome.submitted !== undefined ? outcome.submitted : {};
      const base = current;
      current = (await this.step(buffer, (ctx) => resume(program, base, { kind: 'taskSubmitted', output }, ctx))).frame;
    }
    Object.assign(frame, current);
    switch (outcome.kind) {
      case 'succeeded':
        return { kind: 'taskSucceeded', output: outcome.output };
      case 'failed':
        return { kind: 'taskFailed', ...failure(outcome.error, outcome.cause) };
      case 'timedOut': {
        const error = outcome.error ?? 'States.Timeout';
        const seconds = error === 'States.HeartbeatTimeout' ? b.heartbeatSeconds : b.timeoutSeconds;
        if (seconds !== undefined) await this.sleepUntil(this.setup.clock.now() + seconds * 1000, group);
        return { kind: 'timedOut', error, target: 'task', ...(outcome.cause !== undefined ? { cause: outcome.cause } : {}) };
      }
    }
  }

  /** runTask for the root frame (driveRoot): its steps by stepSolo, a synchronous outcome taken as it is. */
  private runTaskSolo(b: Extract<Blocked, { kind: 'task' }>, frame: FrameState, buffer: EventBuffer): Served | Promise<Served> {
    const started = this.resumeSolo(buffer, frame, { kind: 'taskStarted' });
    if (started instanceof Promise) return started.then((s) => this.serveStarted(b, frame, s.frame, buffer));
    return this.serveStarted(b, frame, started.frame, buffer);
  }

  private serveStarted(b: Extract<Blocked, { kind: 'task' }>, frame: FrameState, current: FrameState, buffer: EventBuffer): Served | Promise<Served> {
    const outcome = serveTask(this.setup.options, this.setup.handlers, taskRequest(b, this.setup.identity));
    if (outcome instanceof Promise) return outcome.then((o) => this.settleTask(b, frame, current, buffer, o));
    return this.settleTask(b, frame, current, buffer, outcome);
  }

  private settleTask(b: Extract<Blocked, { kind: 'task' }>, frame: FrameState, current: FrameState, buffer: EventBuffer, outcome: TaskOutcome): Served | Promise<Served> {
    if (b.pattern !== 'requestResponse') {
      const output = outcome.kind === 'succeeded' && outcome.submitted !== undefined ? outcome.submitted : {};
      const submitted = this.resumeSolo(buffer, current, { kind: 'taskSubmitted', output });
      if (submitted instanceof Promise) return submitted.then((s) => this.taskSignal(b, frame, s.frame, outcome));
      return this.taskSignal(b, frame, submitted.frame, outcome);
    }
    return this.taskSignal(b, frame, current, outcome);
  }

  /** `frame` is the driver's (blocked on the task), `current` the frame after the task's own steps. */
  private taskSignal(b: Extract<Blocked, { kind: 'task' }>, frame: FrameState, current: FrameState, outcome: TaskOutcome): Served | Promise<Served> {
    switch (outcome.kind) {
      case 'succeeded':
        return { signal: { kind: 'taskSucceeded', output: outcome.output }, frame: current };
      case 'failed':
        return { signal: { kind: 'taskFailed', ...failure(outcome.error, outcome.cause) }, frame: current };
      case 'timedOut':
        // the driver's frame moves on first: the execution may time out during this wait, and resumes it
        Object.assign(frame, current);
        return this.taskTimedOut(b, outcome).then((signal) => ({ signal, frame: current }));
    }
  }

  private async taskTimedOut(b: Extract<Blocked, { kind: 'task' }>, outcome: Extract<TaskOutcome, { kind: 'timedOut' }>): Promise<Signal> {
    const error = outcome.error ?? 'States.Timeout';
    const seconds = error === 'States.HeartbeatTimeout' ? b.heartbeatSeconds : b.timeoutSeconds;
    if (seconds !== undefined) await this.sleepUntil(this.setup.clock.now() + seconds * 1000, this.everything);
    return { kind: 'timedOut', error, target: 'task', ...(outcome.cause !== undefined ? { cause: outcome.cause } : {}) };
  }

  /** Runs one child; `onEnd` judges its end under the lock (see step). */
  private async runChild(spawn: ChildSpawn, index: number, buffer: EventBuffer, group: FiberGroup, onEnd: (end: Terminal) => void): Promise<void> {
    const program = this.setup.program;
    // a sibling's failure stops children that have not started yet
    const first = await this.step(buffer, (ctx) => startChild(program, spawn, index, ctx), { unless: () => group.cancelled, onEnd });
    if (first === undefined) return;
    await this.drive(first, buffer, false, group, onEnd);
  }

  /**
   * Runs `count` children with at most `limit` at a time as fibers; the parent fiber sleeps
   * meanwhile and the last child hands its turn back to it.
   */
  private async fanOut(count: number, limit: number, work: (next: () => number | undefined) => Promise<void>): Promise<void> {
    const clock = this.setup.clock;
    let next = 0;
    const take = (): number | undefined => (next < count ? next++ : undefined);
    const workers = Math.min(count, limit > 0 ? limit : count);
    let remaining = workers;
    const running: Promise<void>[] = [];
    for (let w = 0; w < workers; w++) {
      clock.enter();
      running.push(
        work(take).finally(() => {
          remaining -= 1;
          if (remaining === 0) clock.enter(); // the parent runs again
          clock.leave();
        }),
      );
    }
    clock.leave();
    await Promise.all(running);
  }

  private async runBranches(spawn: ChildSpawn, parent: EventBuffer, outer: FiberGroup | undefined): Promise<Signal> {
    const total = spawn.inputs.length;
    const buffers = spawn.inputs.map(() => new EventBuffer(this.provisional.allocate()));
    const results: Json[] = new Array<Json>(total).fill(null);
    const group = new FiberGroup(outer);
    let firstFailure: Failure | undefined;
    await this.fanOut(total, 0, async (take) => {
      for (let i = take(); i !== undefined; i = take()) {
        const index = i;
        await this.runChild(spawn, index, buffers[index] as EventBuffer, group, (end) => {
          if (end.kind === 'succeeded') results[index] = end.output;
          else if (end.kind !== 'aborted' && firstFailure === undefined) {
            firstFailure = end.kind === 'failed' || end.kind === 'timedOut' ? failure(end.error, end.cause) : {};
            this.cancel(group);
          }
        });
      }
    });
    const map = mergeBranches(parent, buffers);
    if (firstFailure === undefined) return { kind: 'childrenSucceeded', results };
    const f: Failure = firstFailure;
    return { kind: 'childrenFailed', ...failure(f.error, f.cause === undefined ? undefined : rewriteCause(f.cause, map)) };
  }

  private async runIterations(b: Extract<Blocked, { kind: 'map' }>, buffer: EventBuffer, outer: FiberGroup | undefined): Promise<Signal> {
    const spawn = b.spawn;
    const total = spawn.inputs.length;
    const results: Json[] = new Array<Json>(total).fill(null);
    const group = new FiberGroup(outer);
    const tolerant = toleratesFailures(b);
    let failed = 0;
    let verdict: Failure | undefined;
    // AWS runs at most 40 inline iterations at once when MaxConcurrency is 0 (unlimited).
    const limit = b.maxConcurrency > 0 ? b.maxConcurrency : b.mode === 'INLINE' ? INLINE_MAP_CONCURRENCY : 0;
    await this.fanOut(total, limit, async (take) => {
      for (let i = take(); i !== undefined && !group.cancelled; i = take()) {
        const index = i;
        await this.runChild(spawn, index, buffer, group, (end) => {
          if (end.kind === 'succeeded') {
            results[index] = end.output;
            return;
          }
          if (end.kind === 'aborted' || verdict !== undefined) return;
          const error = end.error;
          const cause = end.cause;
          failed += 1;
          if (!tolerant) verdict = failure(error, cause);
          else if (exceedsTolerance(b, failed, total)) verdict = { ...TOLERANCE_EXCEEDED };
          else results[index] = toleratedResult(error, cause);
          if (verdict !== undefined) this.cancel(group);
        });
      }
    });
    if (verdict === undefined) return { kind: 'childrenSucceeded', results };
    const v: Failure = verdict;
    return { kind: 'childrenFailed', ...failure(v.error, v.cause) };
  }

  /** Cancels a group and the groups nested in it, waking their sleepers now. */
  private cancel(group: FiberGroup): void {
    group.cancelled = true;
    this.setup.clock.wake(group);
    // (a loop rather than withDescendants(): every run ends here, mostly with no nested group)
    for (const child of group.children) this.cancel(child);
  }
}

/** Read through a call: the flag changes while a fiber awaits. */
function cancelled(group: FiberGroup | undefined): boolean {
  return group?.cancelled === true;
}

/** What a handler is asked for one attempt. */
function taskRequest(b: Extract<Blocked, { kind: 'task' }>, identity: JsonObject): TaskRequest {
  const request: { -readonly [K in keyof TaskRequest]: TaskRequest[K] } = {
    stateName: b.stateName,
    resource: b.resource,
    input: b.input,
    attempt: b.attempt,
    pattern: b.pattern,
    context: identity,
  };
  if (b.taskToken !== undefined) request.taskToken = b.taskToken;
  if (b.timeoutSeconds !== undefined) request.timeoutSeconds = b.timeoutSeconds;
  if (b.heartbeatSeconds !== undefined) request.heartbeatSeconds = b.heartbeatSeconds;
  if (b.credentials !== undefined) request.credentials = b.credentials;
  return request;
}

function failure(error: string | undefined, cause: string | undefined): Failure {
  const out: Failure = {};
  if (error !== undefined) out.error = error;
  if (cause !== undefined) out.cause = cause;
  return out;
}
