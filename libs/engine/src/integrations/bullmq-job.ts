/**
 * The BullMQ integration `arn:stepwise:states:::bullmq:addJob` (+ `.sync`): adds a job to a
 * user's own BullMQ queue (Parameters {QueueName, JobName, Data, Options}) with the task's
 * idempotency key as job id, so redelivered dispatches add one job. Request-response returns
 * {JobId, QueueName}; `.sync` waits for the job to finish and returns its return value (a failed
 * job fails the task with error `BullMQ.JobFailed` and the job's failedReason as cause).
 */
import { Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import { isObject, type Json } from '@stepwise/asl';
import type { TaskOutcome, TaskRequest } from './types.js';

export const BULLMQ_ADD_JOB = 'arn:stepwise:states:::bullmq:addJob';

export async function bullmqAddJob(req: TaskRequest, connection: Redis): Promise<TaskOutcome> {
  const p = req.input;
  if (!isObject(p) || typeof p.QueueName !== 'string') {
    return { kind: 'failed', error: 'States.Runtime', cause: 'The bullmq:addJob task needs the parameter QueueName.' };
  }
  const options = isObject(p.Options) ? p.Options : {};
  const prefix = typeof options.Prefix === 'string' ? options.Prefix : 'bull';
  const jobId = req.idempotencyKey.replace(/:/g, '_');
  const queue = new Queue(p.QueueName, { connection, prefix });
  try {
    const { Prefix: _ignored, ...jobOpts } = options as Record<string, Json>;
    void _ignored;
    const job = await queue.add(typeof p.JobName === 'string' ? p.JobName : req.stateName, p.Data ?? {}, { ...(jobOpts as object), jobId });
    if (req.pattern !== 'sync' && req.pattern !== 'sync2') return { kind: 'succeeded', output: { JobId: job.id ?? jobId, QueueName: p.QueueName } };
    // QueueEvents blocks on its connection, so it gets its own; BullMQ does not close a connection
    // it was handed, so it is closed here (else every .sync task leaves one open).
    const eventsConnection = connection.duplicate();
    const events = new QueueEvents(p.QueueName, { connection: eventsConnection, prefix });
    try {
      await events.waitUntilReady();
      const state = await job.getState();
      if (state === 'completed') return { kind: 'succeeded', output: ((await queue.getJob(jobId))?.returnvalue ?? null) as Json };
      if (state === 'failed') return { kind: 'failed', error: 'BullMQ.JobFailed', cause: (await queue.getJob(jobId))?.failedReason ?? '', submitted: true };
      const value = (await job.waitUntilFinished(events, req.timeoutMs)) as Json;
      return { kind: 'succeeded', output: value ?? null };
    } catch (e) {
      return { kind: 'failed', error: 'BullMQ.JobFailed', cause: e instanceof Error ? e.message : String(e), submitted: true };
    } finally {
      await events.close();
      eventsConnection.disconnect();
    }
  } finally {
    await queue.close();
  }
}
