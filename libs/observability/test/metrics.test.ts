import { describe, expect, it, inject } from 'vitest';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { uniquePrefix } from '@stepwise/testkit';
import { createApiMetrics, createMetricsRegistry, trackRedisConnection, collectQueueMetrics, recordExecutionClosed, startOpsServer, METRIC_LABELS } from '../src/index.js';

describe('metrics', () => {
  it('every metric is named stepwise_*, has help text and only bounded labels', async () => {
    const { registry } = createMetricsRegistry({ processMetrics: false });
    const all = await registry.getMetricsAsJSON();
    expect(all.length).toBeGreaterThan(30);
    const allowed = new Set<string>(METRIC_LABELS);
    for (const m of all) {
      expect(m.name).toMatch(/^stepwise_[a-z_]+$/);
      expect(m.help.length).toBeGreaterThan(10);
      const labels = (registry.getSingleMetric(m.name) as unknown as { labelNames: string[] }).labelNames;
      for (const l of labels) expect(allowed.has(l), `${m.name} label ${l}`).toBe(true);
      expect(labels).not.toContain('execution_arn');
    }
    const names = all.map((m) => m.name);
    for (const n of [
      'stepwise_executions_started_total',
      'stepwise_executions_succeeded_total',
      'stepwise_executions_failed_total',
      'stepwise_executions_aborted_total',
      'stepwise_executions_timed_out_total',
      'stepwise_executions_throttled_total',
      'stepwise_execution_time_seconds',
      'stepwise_activity_schedule_time_seconds',
      'stepwise_activity_run_time_seconds',
      'stepwise_activities_heartbeat_timed_out_total',
      'stepwise_state_transitions_total',
      'stepwise_task_dispatch_latency_seconds',
      'stepwise_timer_lateness_seconds',
      'stepwise_queue_depth',
      'stepwise_queue_oldest_job_age_seconds',
      'stepwise_job_retries_total',
      'stepwise_job_stalls_total',
      'stepwise_redis_command_duration_seconds',
      'stepwise_api_requests_total',
      'stepwise_api_errors_total',
      'stepwise_scheduler_leader',
    ]) expect(names).toContain(n);
  });

  it('an execution closing bumps its AWS-named counter and ExecutionTime together', async () => {
    const reg = createMetricsRegistry({ processMetrics: false });
    recordExecutionClosed('Orders', 'FAILED', 2.5, reg);
    recordExecutionClosed('Orders', 'SUCCEEDED', 0.2, reg);
    recordExecutionClosed('Orders', 'SUCCEEDED', 0.3, reg);
    const text = await reg.registry.metrics();
    expect(text).toContain('stepwise_executions_failed_total{state_machine="Orders"} 1');
    expect(text).toContain('stepwise_executions_succeeded_total{state_machine="Orders"} 2');
    expect(text).toContain('stepwise_execution_time_seconds_count{state_machine="Orders",status="SUCCEEDED"} 2');
    expect(text).toContain('stepwise_execution_time_seconds_sum{state_machine="Orders",status="FAILED"} 2.5');
  });

  it('two registries do not share values (the all-in-one process and tests can each have one)', async () => {
    const a = createMetricsRegistry({ processMetrics: false });
    const b = createMetricsRegistry({ processMetrics: false });
    a.metrics.executionsStarted.inc({ state_machine: 'A' });
    expect(await b.registry.metrics()).not.toContain('state_machine="A"');
  });

  it('the ops server serves /metrics with process metrics, /healthz and /readyz', async () => {
    const reg = createMetricsRegistry({ service: 'worker' });
    let ready = false;
    const ops = await startOpsServer({ port: 0, host: '127.0.0.1', registry: reg.registry, ready: () => ready });
    try {
      const base = `http://127.0.0.1:${ops.port}`;
      const m = await fetch(`${base}/metrics`);
      expect(m.status).toBe(200);
      expect(m.headers.get('content-type')).toContain('text/plain');
      const body = await m.text();
      expect(body).toMatch(/stepwise_build_info\{service="worker",version="[^"]+",node="v[^"]+"\} 1/);
      expect(body).toContain('process_cpu_user_seconds_total');
      expect(body).toContain('# TYPE stepwise_queue_depth gauge');
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect((await fetch(`${base}/readyz`)).status).toBe(503);
      ready = true;
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
      expect((await fetch(`${base}/nope`)).status).toBe(404);
    } finally {
      await ops.close();
    }
  });

  it('a probe that does not answer in time answers 503 instead of hanging', async () => {
    const ops = await startOpsServer({ port: 0, host: '127.0.0.1', ready: () => new Promise<boolean>(() => undefined), probeTimeoutMs: 200 });
    try {
      const t0 = Date.now();
      expect((await fetch(`http://127.0.0.1:${ops.port}/readyz`)).status).toBe(503);
      expect(Date.now() - t0).toBeLessThan(2000);
    } finally {
      await ops.close();
    }
  });

  it('queue depth and oldest-job age are read from real BullMQ queues', async () => {
    const url = inject('redisUrl');
    const connection = new Redis(url, { maxRetriesPerRequest: null });
    const prefix = uniquePrefix('obs');
    const q = new Queue('advance', { connection, prefix });
    try {
      await q.add('a', { n: 1 }, { timestamp: Date.now() - 30_000 });
      await q.add('b', { n: 2 });
      await q.add('c', { n: 3 }, { delay: 60_000 });
      const reg = createMetricsRegistry({ processMetrics: false });
      await collectQueueMetrics([q], reg);
      const text = await reg.registry.metrics();
      expect(text).toContain('stepwise_queue_depth{queue="advance",status="waiting"} 2');
      expect(text).toContain('stepwise_queue_depth{queue="advance",status="delayed"} 1');
      expect(text).toContain('stepwise_queue_depth{queue="advance",status="active"} 0');
      const age = Number(/stepwise_queue_oldest_job_age_seconds\{queue="advance"\} ([\d.]+)/.exec(text)?.[1]);
      expect(age).toBeGreaterThanOrEqual(29);
      expect(age).toBeLessThan(60);
    } finally {
      await q.obliterate({ force: true });
      await q.close();
      connection.disconnect();
    }
  });

  it('stepwise_redis_connected follows a real ioredis client: 1 when ready, 0 once it disconnects', async () => {
    const reg = createMetricsRegistry({ processMetrics: false });
    const client = new Redis(inject('redisUrl'), { lazyConnect: true });
    expect(await reg.registry.metrics()).not.toMatch(/^stepwise_redis_connected/m);
    expect(trackRedisConnection(client, 'commands', reg)).toBe(0);
    await client.connect();
    expect(await reg.registry.metrics()).toContain('stepwise_redis_connected{client="commands"} 1');
    await client.quit();
    await new Promise((r) => setTimeout(r, 20));
    expect(await reg.registry.metrics()).toContain('stepwise_redis_connected{client="commands"} 0');
  });
});

describe('api metrics adapter', () => {
  it('counts requests, latency, errors by AWS name and throttled calls on the one registry', async () => {
    const reg = createMetricsRegistry({ processMetrics: false });
    const api = createApiMetrics(reg);
    api.request('StartExecution', 200, 0.012);
    api.request('DescribeExecution', 400, 0.002);
    api.error('DescribeExecution', 'ExecutionDoesNotExist');
    api.throttled('StartExecution');
    const { contentType, body } = await api.exposition();
    expect(contentType).toContain('text/plain');
    expect(body).toContain('stepwise_api_requests_total{action="StartExecution",status="200"} 1');
    expect(body).toContain('stepwise_api_requests_total{action="DescribeExecution",status="400"} 1');
    expect(body).toContain('stepwise_api_errors_total{action="DescribeExecution",error="ExecutionDoesNotExist"} 1');
    expect(body).toContain('stepwise_api_throttled_total{action="StartExecution"} 1');
    expect(body).toContain('stepwise_api_request_duration_seconds_count{action="StartExecution"} 1');
  });
});
