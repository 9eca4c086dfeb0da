/**
 * The BullMQ integration against a user's own queue and worker on the test Redis (their own
 * prefix, as a user's queues would have): request-response, `.sync` success and failure, and a
 * redelivered dispatch adding one job.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { Redis } from 'ioredis';
import { Queue, Worker, type Job } from 'bullmq';
import { uniquePrefix } from '@stepwise/testkit';
import { executionIdOf } from '../src/ids.js';
import { dispatchTask } from '../src/dispatch.js';
import { BULLMQ_ADD_JOB } from '../src/integrations/bullmq-job.js';
import { harness, type Harness } from './harness.js';

describe('BullMQ integration (arn:stepwise:states:::bullmq:addJob)', () => {
  let h: Harness;
  let userPrefix = '';
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of closers.splice(0).reverse()) await c();
    const keys = await h.redis.keys(`${userPrefix}:*`);
    if (keys.length > 0) await h.redis.del(...keys);
    await h.close();
  });

  /** The user's queue (and, given a processor, its worker) under a prefix of their own. */
  function userQueue(name: string, processor?: (job: Job) => Promise<unknown>): Queue {
    const queue = new Queue(name, { connection: h.redis.duplicate(), prefix: userPrefix });
    closers.push(async () => queue.close());
    if (processor) {
      const worker = new Worker(name, processor, { connection: h.redis.duplicate(), prefix: userPrefix, concurrency: 4 });
      closers.push(async () => worker.close(true));
    }
    return queue;
  }

  const task = (suffix: string, queueName: string, extra: object = {}) => ({
    StartAt: 'Job',
    States: {
      Job: {
        Type: 'Task', Resource: `${BULLMQ_ADD_JOB}${suffix}`, End: true,
        Parameters: { QueueName: queueName, JobName: 'resize', 'Data.$': '$', Options: { Prefix: userPrefix, attempts: 1 } },
        ...extra,
      },
    },
  });

  async function setUp(): Promise<void> {
    h = await harness();
    userPrefix = uniquePrefix('user');
  }

  it('request-response adds the job (name, data) and answers {JobId, QueueName} without waiting for it', async () => {
    await setUp();
    const queue = userQueue('images');
    const arn = await h.start('bull-rr', task('', 'images'), { image: 'a.png' });
    const d = await h.waitDone(arn);
    expect(d.status).toBe('SUCCEEDED');
    const out = JSON.parse(d.output ?? '') as { JobId: string; QueueName: string };
    expect(out.QueueName).toBe('images');
    // no worker consumes the queue: the task did not wait for the job
    const job = await queue.getJob(out.JobId);
    expect(job?.name).toBe('resize');
    expect(job?.data).toEqual({ image: 'a.png' });
    expect(await job?.getState()).toBe('waiting');
    // the job id is the task's idempotency key (BullMQ ids cannot hold ':')
    expect(out.JobId).toMatch(new RegExp(`^${executionIdOf(arn)}/root/\\d+/1$`));
  });

  it('.sync waits for the job; its return value is the task output; the wait leaves no connection open', async () => {
    // a connection of its own, named, so the connections the integration opens can be counted
    const name = uniquePrefix('bullconn');
    const connection = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null, connectionName: name });
    closers.push(async () => void connection.disconnect());
    h = await harness({ integrations: { bullmqConnection: connection } });
    userPrefix = uniquePrefix('user');
    userQueue('thumbs', async (job) => ({ resized: (job.data as { image: string }).image, width: 64 }));
    const arns = await Promise.all(['b.png', 'c.png', 'd.png'].map(async (image, i) => h.start(`bull-sync-${i}`, task('.sync', 'thumbs'), { image })));
    for (const [i, arn] of arns.entries()) {
      const d = await h.waitDone(arn);
      expect(d.status).toBe('SUCCEEDED');
      expect(JSON.parse(d.output ?? '')).toEqual({ resized: ['b.png', 'c.png', 'd.png'][i], width: 64 });
    }
    // each wait's QueueEvents connection is closed once its task is answered: only ours remains
    const named = async () => ((await connection.client('LIST')) as string).split('\n').filter((l) => l.includes(` name=${name} `)).length;
    await until(async () => (await named()) === 1);
  });

  it('.sync with a failed job fails the task with BullMQ.JobFailed (cause: failedReason), which Catch handles', async () => {
    await setUp();
    userQueue('broken', async () => {
      throw new Error('disk full');
    });
    const def = task('.sync', 'broken', { Catch: [{ ErrorEquals: ['BullMQ.JobFailed'], ResultPath: '$.err', Next: 'Handled' }] });
    (def.States as Record<string, object>).Handled = { Type: 'Pass', End: true };
    const arn = await h.start('bull-fail', def, { image: 'c.png' });
    const d = await h.waitDone(arn);
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output ?? '')).toEqual({ image: 'c.png', err: { Error: 'BullMQ.JobFailed', Cause: 'disk full' } });

    // uncaught, the execution fails with the same error and cause
    const bare = await h.start('bull-fail-bare', task('.sync', 'broken'), {});
    const f = await h.waitDone(bare);
    expect(f.status).toBe('FAILED');
    expect(f.error).toBe('BullMQ.JobFailed');
    expect(f.cause).toBe('disk full');
    // the job was accepted, then failed: TaskSubmitted comes before TaskFailed, as for AWS's .sync
    const types = (await h.history(bare)).map((e) => e.type);
    expect(types.slice(2, 6)).toEqual(['TaskScheduled', 'TaskStarted', 'TaskSubmitted', 'TaskFailed']);
  });

  it('a task dispatched twice (a redelivery) adds one job: the job id is deterministic', async () => {
    h = await harness({ workers: false, timers: false });
    userPrefix = uniquePrefix('user');
    let runs = 0;
    const queue = userQueue('once', async () => {
      runs++;
      return 'done';
    });
    const arn = await h.start('bull-dup', task('', 'once'), { n: 1 });
    const e = executionIdOf(arn) ?? '';
    const frame = await h.redis.hgetall(h.engine.core.keys.frame(e, 'root'));
    expect(frame.wid).toBeDefined();
    const job = { e, f: 'root', w: frame.wid ?? '', ...(frame.tg !== undefined ? { g: Number(frame.tg) } : {}) };
    // Both deliveries read the waiting frame before either commits, so both call the integration.
    const outcomes = await Promise.all([dispatchTask(h.engine.core, job), dispatchTask(h.engine.core, job)]);
    expect(outcomes).toContain('delivered');
    const d = await h.waitDone(arn);
    expect(d.status).toBe('SUCCEEDED');
    const events = (await h.redis.xrange(`${userPrefix}:once:events`, '-', '+')).map(([, fields]) => fields[1]);
    expect(events.filter((x) => x === 'added')).toHaveLength(1);
    expect(events.filter((x) => x === 'duplicated')).toHaveLength(1);
    const counts = await queue.getJobCounts('waiting', 'active', 'completed', 'failed', 'delayed');
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(1);
    await until(async () => runs === 1);
    expect(runs).toBe(1);
  });
});

async function until(f: () => Promise<boolean>, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await f())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
