/**
 * BullMQ consumers of the engine's queues: `advance` runs a frame's next step, `task` dispatches
 * a task to its integration, `express` runs an asynchronously started EXPRESS execution. Used by services/worker (and by tests in-process). Locks are short
 * so a killed worker's jobs come back within seconds; every job is safe to run twice.
 */
import { Worker, type Job } from 'bullmq';
import type { EngineCore } from './core.js';
import { advanceFrame } from './advance.js';
import { dispatchTask } from './dispatch.js';
import { QUEUES, parseAdvanceJob, parseTaskJob } from './queues/names.js';
import { countJob } from './metrics.js';
import { runExpressJob } from './express-jobs.js';

export interface EngineWorkers {
  readonly advance: Worker;
  readonly task: Worker;
  readonly express: Worker;
  /** Stops taking jobs; waits for running ones unless `force`. */
  close(force?: boolean): Promise<void>;
}

export interface WorkerOptions {
  readonly concurrency: number;
  /** Lock duration of a job (ms); a killed worker's job is retried after it. */
  readonly lockDurationMs?: number;
  /**
   * EXPRESS executions run at once (default `concurrency`): a run holds its slot from start to
   * end, Waits and task calls included, so it has its own consumer and does not starve steps.
   */
  readonly expressConcurrency?: number;
}

export function startWorkers(core: EngineCore, opts: WorkerOptions): EngineWorkers {
  const connection = core.redis.duplicate({ maxRetriesPerRequest: null });
  const lockDuration = opts.lockDurationMs ?? 5_000;
  const common = { connection, prefix: core.keys.bullPrefix(), lockDuration, stalledInterval: Math.max(1_000, Math.floor(lockDuration / 2)), maxStalledCount: 1_000 };
  const advance = new Worker(QUEUES.advance, async (job: Job) => {
    const data = parseAdvanceJob(job.data);
    if (!data) {
      core.log('warn', 'dropped an advance job with unknown data', { jobId: job.id });
      return 'invalid';
    }
    const t0 = performance.now();
    const outcome = await advanceFrame(core, data);
    countJob(QUEUES.advance, outcome, (performance.now() - t0) / 1000);
    return outcome;
  }, { ...common, concurrency: opts.concurrency });
  const task = new Worker(QUEUES.task, async (job: Job) => {
    const data = parseTaskJob(job.data);
    if (!data) {
      core.log('warn', 'dropped a task job with unknown data', { jobId: job.id });
      return 'invalid';
    }
    const t0 = performance.now();
    const outcome = await dispatchTask(core, data, 0, job.timestamp);
    countJob(QUEUES.task, outcome, (performance.now() - t0) / 1000);
    return outcome;
  }, { ...common, concurrency: opts.concurrency });
  // A run that takes its worker down (out of memory, say) is not rerun a thousand times over:
  // after two stalls its job fails and is kept for inspection.
  const express = new Worker(QUEUES.express, async (job: Job) => {
    const t0 = performance.now();
    const outcome = await runExpressJob(core, job);
    countJob(QUEUES.express, outcome, (performance.now() - t0) / 1000);
    return outcome;
  }, { ...common, maxStalledCount: 2, concurrency: opts.expressConcurrency ?? opts.concurrency });
  for (const w of [advance, task, express]) {
    w.on('error', (e) => core.log('warn', 'worker error', { error: String(e) }));
    w.on('failed', (job, e) => core.log('warn', 'job failed (BullMQ retries it)', { jobId: job?.id, error: String(e) }));
  }
  return {
    advance,
    task,
    express,
    async close(force = false) {
      await Promise.all([advance.close(force), task.close(force), express.close(force)]);
      connection.disconnect();
    },
  };
}
