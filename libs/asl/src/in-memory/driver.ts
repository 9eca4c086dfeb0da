/**
 * The in-memory driver: drives frames through the step API as the durable engine does, with a
 * virtual (or real) clock instead of Redis and timers. Tasks go to the caller's handlers;
 * Parallel branches and Map iterations run as child frames (Map iterations one after another,
 * which respects any MaxConcurrency; a failure beyond tolerance stops the remaining ones).
 */
import type { Json, JsonObject } from '../json.js';
import type { Program } from '../definition/compile.js';
import type { StepContext } from '../context.js';
import type { Blocked, ChildSpawn, FrameState, Signal, StepResult } from '../frame.js';
import { startChild, resume } from '../step.js';
import { EventBuffer, ProvisionalIds, mergeBranches, rewriteCause } from './event-buffer.js';
import type { HandlerTable } from './handlers.js';
import { serveTask } from './handlers.js';
import type { RunOptions } from './options.js';
import { sleep, realNow } from './real-clock.js';

type Terminal = Extract<Blocked, { kind: 'succeeded' | 'failed' | 'timedOut' | 'aborted' }>;

/** Raised inside the driver when the execution's TimeoutSeconds elapses. */
class ExecutionTimeout extends Error {
  override readonly name = 'ExecutionTimeout';
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
  readonly startMs: number;
  readonly deadlineMs: number | undefined;
  readonly maxSteps: number;
  readonly identity: JsonObject;
}

export class Driver {
  now: number;
  private steps = 0;
  private readonly provisional = new ProvisionalIds();
  private realOffset = 0;

  constructor(private readonly setup: DriverSetup) {
    this.now = setup.startMs;
    if (setup.options.clock === 'real') this.realOffset = setup.startMs - realNow();
  }

  ctx(buffer: EventBuffer): StepContext {
    if (this.setup.options.clock === 'real') this.now = Math.max(this.now, realNow() + this.realOffset);
    const b = this.setup.baseContext;
    return { now: this.now, nextEventId: buffer.nextId, random: b.random, uuid: b.uuid, newTaskToken: b.newTaskToken, execution: b.execution, ...(b.limits !== undefined ? { limits: b.limits } : {}) };
  }

  private count(): void {
    this.steps += 1;
    if (this.steps > this.setup.maxSteps) throw new StepBudgetExceeded(`The run exceeded maxSteps (${this.setup.maxSteps}).`);
  }

  /** Applies one step's result to the buffer. */
  record(buffer: EventBuffer, r: StepResult): StepResult {
    buffer.append(r.events);
    return r;
  }

  private async advanceTo(until: number): Promise<void> {
    const deadline = this.setup.deadlineMs;
    if (deadline !== undefined && until >= deadline) {
      await this.wait(deadline);
      throw new ExecutionTimeout('timed out');
    }
    await this.wait(until);
  }

  private async wait(until: number): Promise<void> {
    if (this.setup.options.clock === 'real') await sleep(until - (realNow() + this.realOffset));
    this.now = Math.max(this.now, until);
  }

  /** Drives a frame from its first step result until it ends. */
  async drive(first: StepResult, buffer: EventBuffer, root = false): Promise<{ frame: FrameState; end: Terminal }> {
    let r = first;
    for (;;) {
      const b = r.blocked;
      if (b.kind === 'succeeded' || b.kind === 'failed' || b.kind === 'timedOut' || b.kind === 'aborted') return { frame: r.frame, end: b };
      this.count();
      let signal: Signal;
      try {
        signal = await this.serve(b, r.frame, buffer);
      } catch (e) {
        if (!(root && e instanceof ExecutionTimeout)) throw e;
        signal = { kind: 'timedOut', error: 'States.Timeout', target: 'execution', cause: 'The execution timed out.' };
      }
      r = this.record(buffer, await resume(this.setup.program, r.frame, signal, this.ctx(buffer)));
    }
  }

  /** Produces the signal that unblocks a frame; may run further steps (task started). */
  private async serve(b: Exclude<Blocked, Terminal>, frame: FrameState, buffer: EventBuffer): Promise<Signal> {
    switch (b.kind) {
      case 'timer':
        await this.advanceTo(b.until);
        return { kind: 'timerFired' };
      case 'task':
        return this.runTask(b, frame, buffer);
      case 'parallel':
        return this.runBranches(b.spawn, buffer);
      case 'map':
        return this.runIterations(b, buffer);
    }
  }

  private async runTask(b: Extract<Blocked, { kind: 'task' }>, frame: FrameState, buffer: EventBuffer): Promise<Signal> {
    const started = this.record(buffer, await resume(this.setup.program, frame, { kind: 'taskStarted' }, this.ctx(buffer)));
    Object.assign(frame, started.frame);
    const request = {
      stateName: b.stateName,
      resource: b.resource,
      input: b.input,
      attempt: b.attempt,
      pattern: b.pattern,
      context: this.setup.identity,
      ...(b.taskToken !== undefined ? { taskToken: b.taskToken } : {}),
      ...(b.timeoutSeconds !== undefined ? { timeoutSeconds: b.timeoutSeconds } : {}),
      ...(b.heartbeatSeconds !== undefined ? { heartbeatSeconds: b.heartbeatSeconds } : {}),
      ...(b.credentials !== undefined ? { credentials: b.credentials } : {}),
    };
    const outcome = await serveTask(this.setup.options, this.setup.handlers, request);
    // AWS writes TaskSubmitted once a .sync / .waitForTaskToken call was accepted by the service.
    if (b.pattern !== 'requestResponse' && outcome.kind !== 'timedOut') {
      const output = outcome.kind === 'succeeded' && outcome.submitted !== undefined ? outcome.submitted : {};
      const submitted = this.record(buffer, await resume(this.setup.program, frame, { kind: 'taskSubmitted', output }, this.ctx(buffer)));
      Object.assign(frame, submitted.frame);
    }
    switch (outcome.kind) {
      case 'succeeded':
        return { kind: 'taskSucceeded', output: outcome.output };
      case 'failed':
        return { kind: 'taskFailed', ...(outcome.error !== undefined ? { error: outcome.error } : {}), ...(outcome.cause !== undefined ? { cause: outcome.cause } : {}) };
      case 'timedOut': {
        const error = outcome.error ?? 'States.Timeout';
        const seconds = error === 'States.HeartbeatTimeout' ? b.heartbeatSeconds : b.timeoutSeconds;
        if (seconds !== undefined) await this.advanceTo(this.now + seconds * 1000);
        return { kind: 'timedOut', error, target: 'task', ...(outcome.cause !== undefined ? { cause: outcome.cause } : {}) };
      }
    }
  }

  private async runChild(spawn: ChildSpawn, index: number, buffer: EventBuffer): Promise<{ frame: FrameState; end: Terminal }> {
    this.count();
    const first = this.record(buffer, await startChild(this.setup.program, spawn, index, this.ctx(buffer)));
    return this.drive(first, buffer);
  }

  private async runBranches(spawn: ChildSpawn, parent: EventBuffer): Promise<Signal> {
    const buffers: EventBuffer[] = [];
    const results: Json[] = [];
    let failure: { error?: string; cause?: string } | undefined;
    for (let i = 0; i < spawn.inputs.length; i++) {
      const buffer = new EventBuffer(this.provisional.allocate());
      buffers.push(buffer);
      const { end } = await this.runChild(spawn, i, buffer);
      if (end.kind === 'succeeded') {
        results.push(end.output);
        continue;
      }
      failure = end.kind === 'aborted' ? { error: 'States.BranchFailed', cause: 'A branch was aborted.' } : end;
      break;
    }
    const map = mergeBranches(parent, buffers);
    if (failure === undefined) return { kind: 'childrenSucceeded', results };
    return childrenFailed(failure.error, failure.cause === undefined ? undefined : rewriteCause(failure.cause, map));
  }

  private async runIterations(b: Extract<Blocked, { kind: 'map' }>, buffer: EventBuffer): Promise<Signal> {
    const spawn = b.spawn;
    const total = spawn.inputs.length;
    const results: Json[] = [];
    let failed = 0;
    const tolerant = b.toleratedFailureCount !== undefined || b.toleratedFailurePercentage !== undefined;
    for (let i = 0; i < total; i++) {
      const { end } = await this.runChild(spawn, i, buffer);
      if (end.kind === 'succeeded') {
        results.push(end.output);
        continue;
      }
      const error = end.kind === 'aborted' ? 'States.Runtime' : end.error;
      const cause = end.kind === 'aborted' ? 'An iteration was aborted.' : end.cause;
      failed += 1;
      if (!tolerant) return childrenFailed(error, cause);
      const overCount = b.toleratedFailureCount !== undefined && failed > b.toleratedFailureCount;
      const overPercent = b.toleratedFailurePercentage !== undefined && (failed * 100) / total > b.toleratedFailurePercentage;
      if (overCount || overPercent) {
        return childrenFailed('States.ExceedToleratedFailureThreshold', 'The specified tolerated failure threshold was exceeded');
      }
      results.push({ Error: error ?? null, Cause: cause ?? null });
    }
    return { kind: 'childrenSucceeded', results };
  }

}

function childrenFailed(error: string | undefined, cause: string | undefined): Signal {
  return { kind: 'childrenFailed', ...(error !== undefined ? { error } : {}), ...(cause !== undefined ? { cause } : {}) };
}

export { ExecutionTimeout };
