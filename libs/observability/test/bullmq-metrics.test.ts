import { describe, expect, it, inject } from 'vitest';
import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { uniquePrefix } from '@stepwise/testkit';
import { createMetricsRegistry, instrumentWorker, observeTimerFired, timeRedis } from '../src/index.js';

describe('BullMQ worker instrumentation', () => {
  it('counts completed and failed jobs, retries and durations from a real worker', async () => {
    const connection = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
    const prefix = uniquePrefix('bmq');
    const reg = createMetricsRegistry({ processMetrics: false });
    const queue = new Queue('task', { connection, prefix });
    const seen = new Map<string, number>();
    const worker = new Worker(
      'task',
      async (job: Job<{ kind: string }>) => {
        const n = (seen.get(job.id!) ?? 0) + 1;
        seen.set(job.id!, n);
        await new Promise((r) => setTimeout(r, 15));
        if (job.data.kind === 'fail') throw new Error('always');
        if (job.data.kind === 'flaky' && n === 1) throw new Error('first time');
        return 'ok';
      },
      { connection, prefix, concurrency: 3 },
    );
    instrumentWorker(worker, reg);
    try {
      await queue.add('ok', { kind: 'ok' });
      await queue.add('fail', { kind: 'fail' }, { attempts: 1 });
      await queue.add('flaky', { kind: 'flaky' }, { attempts: 2 });
      const until = Date.now() + 10_000;
      for (;;) {
        const c = await queue.getJobCounts('completed', 'failed');
        if ((c['completed'] ?? 0) === 2 && (c['failed'] ?? 0) === 1) break;
        if (Date.now() > until) throw new Error(`jobs did not finish: ${JSON.stringify(c)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      await new Promise((r) => setTimeout(r, 50));
      const text = await reg.registry.metrics();
      expect(text).toContain('stepwise_jobs_processed_total{queue="task",status="completed"} 2');
      expect(text).toContain('stepwise_jobs_processed_total{queue="task",status="failed"} 2');
      expect(text).toContain('stepwise_job_retries_total{queue="task"} 1');
      expect(text).toContain('stepwise_job_duration_seconds_count{queue="task"} 4');
      const sum = Number(/stepwise_job_duration_seconds_sum\{queue="task"\} ([\d.e-]+)/.exec(text)?.[1]);
      expect(sum).toBeGreaterThanOrEqual(0.04);
    } finally {
      await worker.close();
      await queue.obliterate({ force: true });
      await queue.close();
      connection.disconnect();
    }
  });

  it('times Redis commands and counts their errors', async () => {
    const reg = createMetricsRegistry({ processMetrics: false });
    const redis = new Redis(inject('redisUrl'));
    try {
      expect(await timeRedis('ping', () => redis.ping(), reg)).toBe('PONG');
      await expect(timeRedis('bogus', () => redis.call('NOSUCHCOMMAND'), reg)).rejects.toThrow();
      const text = await reg.registry.metrics();
      expect(text).toContain('stepwise_redis_command_duration_seconds_count{command="ping"} 1');
      expect(text).toContain('stepwise_redis_command_duration_seconds_count{command="bogus"} 1');
      expect(text).toContain('stepwise_redis_errors_total{command="bogus"} 1');
      expect(text).not.toContain('stepwise_redis_errors_total{command="ping"}');
    } finally {
      redis.disconnect();
    }
  });

  it('records timer lateness, never negative', async () => {
    const reg = createMetricsRegistry({ processMetrics: false });
    observeTimerFired('wait', 1_000, 1_250, reg);
    observeTimerFired('retry', 2_000, 1_990, reg);
    const text = await reg.registry.metrics();
    expect(text).toContain('stepwise_timer_lateness_seconds_sum{kind="wait"} 0.25');
    expect(text).toContain('stepwise_timer_lateness_seconds_sum{kind="retry"} 0');
  });
});
