/**
 * Asynchronous EXPRESS starts, at-least-once: StartExecution adds one BullMQ job carrying the
 * whole request (its id from the machine, the execution name and the start call's own id, so a
 * command re-sent after a reconnect adds nothing, while a new start with the same name is a new
 * run, as in AWS, which keeps no Express names), and a worker runs the execution from its start with runExpress and
 * completes the job only after the run. A worker that dies mid-run loses its job lock; BullMQ's
 * stalled-job check puts the job back and another worker runs the execution again, as AWS runs
 * asynchronous Express workflows at least once. Nothing else is written: the job is the record.
 */
import { randomUUID } from 'node:crypto';
import type { Job } from 'bullmq';
import { arns } from '@stepwise/protocol';
import type { EngineCore } from './core.js';
import type { StartExecutionRequest, StartExecutionResult, SyncExecutionResult } from './facade.js';
import { jobIds, parseExpressJob, QUEUES, type ExpressJobData } from './queues/names.js';
import { runExpress } from './express.js';
import { countStarted } from './metrics.js';

/**
 * Fewer attempts than step jobs: a run that throws (rather than ending FAILED) is a fault of the
 * process or of Redis, and each attempt reruns the whole execution. A stalled job (its worker
 * died) is put back by the stalled-job check and does not spend an attempt.
 */
export const EXPRESS_JOB_OPTIONS = {
  removeOnComplete: true,
  removeOnFail: 1000,
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
} as const;

/** Adds the start's job (one BullMQ script: durable once it answers) and answers as AWS does. */
export async function enqueueExpress(core: EngineCore, req: StartExecutionRequest & { readonly name: string }): Promise<StartExecutionResult> {
  const executionArn = arns.expressExecution(core.scope, req.stateMachineName, req.name);
  const startDate = core.clock.now();
  const data: ExpressJobData = {
    executionArn, startDate,
    stateMachineArn: req.stateMachineArn, stateMachineName: req.stateMachineName, name: req.name,
    definition: req.definition, input: req.input,
    ...(req.roleArn !== undefined ? { roleArn: req.roleArn } : {}),
    ...(req.stateMachineVersionArn !== undefined ? { stateMachineVersionArn: req.stateMachineVersionArn } : {}),
    ...(req.stateMachineAliasArn !== undefined ? { stateMachineAliasArn: req.stateMachineAliasArn } : {}),
    ...(req.traceHeader !== undefined ? { traceHeader: req.traceHeader } : {}),
    ...(req.mockTestCase !== undefined ? { mockTestCase: req.mockTestCase } : {}),
  };
  await core.expressQueue.add(QUEUES.express, data, { ...EXPRESS_JOB_OPTIONS, jobId: jobIds.express(data, randomUUID()) });
  countStarted(req.stateMachineName);
  return { executionArn, startDate };
}

/** The express queue's processor: the run's status, or 'invalid' for data it cannot read. */
export async function runExpressJob(core: EngineCore, job: Job): Promise<SyncExecutionResult['status'] | 'invalid'> {
  const d = parseExpressJob(job.data);
  if (!d) {
    core.log('warn', 'dropped an express job with unknown data', { jobId: job.id });
    return 'invalid';
  }
  // attemptsStarted counts runs that a dead worker left unfinished too (at-least-once reruns)
  if (job.attemptsStarted > 1) core.log('info', 'express execution runs again from its start', { executionArn: d.executionArn, run: job.attemptsStarted });
  const req: StartExecutionRequest & { readonly name: string } = { ...d, type: 'EXPRESS' };
  const r = await runExpress(core, req, d.executionArn, d.startDate);
  core.log('debug', 'express execution ended', { executionArn: d.executionArn, status: r.status, ...(r.error !== undefined ? { error: r.error } : {}) });
  return r.status;
}
