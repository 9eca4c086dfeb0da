/**
 * The engine records AWS's activity, redrive and timer metrics where the events happen: read back
 * from the process-wide registry after driving each event on a real Redis.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { arns } from '@stepwise/protocol';
import { StatesError } from '@stepwise/asl';
import { processRegistry } from '@stepwise/observability';
import { harness, SCOPE, type Harness } from './harness.js';
import { sampleTimersPending } from '../src/timers/timers-pending.js';

/** A counter's or gauge's value, or a histogram's observation count, for the given labels. */
async function value(name: string, labels: Record<string, string> = {}): Promise<number> {
  const metric = processRegistry.registry.getSingleMetric(name);
  if (!metric) throw new Error(`no metric ${name}`);
  const { values } = await metric.get();
  const matches = (l: Record<string, unknown>) => Object.entries(labels).every(([k, v]) => l[k] === v);
  const hit = values.find((v) => matches(v.labels) && (!('metricName' in v) || v.metricName === `${name}_count` || v.metricName === name));
  return hit?.value ?? 0;
}

describe('activity metrics', () => {
  let h: Harness;
  afterEach(async () => h.close());

  it('scheduled, started and succeeded, with schedule, run and activity time observed', async () => {
    h = await harness();
    const activity = arns.activity(SCOPE, 'metricsOk');
    const arn = await h.start('m-ok', { StartAt: 'A', States: { A: { Type: 'Task', Resource: activity, End: true } } });
    await new Promise((r) => setTimeout(r, 50));
    expect(await value('stepwise_activities_scheduled_total', { activity: 'metricsOk' })).toBe(1);
    expect(await value('stepwise_activities_started_total', { activity: 'metricsOk' })).toBe(0);
    const task = await h.engine.getActivityTask(activity, 'w1', 5000);
    expect(task).toBeDefined();
    expect(await value('stepwise_activities_started_total', { activity: 'metricsOk' })).toBe(1);
    expect(await value('stepwise_activity_schedule_time_seconds', { activity: 'metricsOk' })).toBe(1);
    await h.engine.sendTaskSuccess(task?.taskToken ?? '', '{}');
    expect((await h.waitDone(arn)).status).toBe('SUCCEEDED');
    expect(await value('stepwise_activities_succeeded_total', { activity: 'metricsOk' })).toBe(1);
    expect(await value('stepwise_activities_failed_total', { activity: 'metricsOk' })).toBe(0);
    expect(await value('stepwise_activity_run_time_seconds', { activity: 'metricsOk' })).toBe(1);
    expect(await value('stepwise_activity_time_seconds', { activity: 'metricsOk' })).toBe(1);
    const text = await processRegistry.registry.metrics();
    expect(text).not.toContain('activity="arn:');
  });

  it('SendTaskFailure counts a failed activity', async () => {
    h = await harness();
    const activity = arns.activity(SCOPE, 'metricsFail');
    const arn = await h.start('m-fail', { StartAt: 'A', States: { A: { Type: 'Task', Resource: activity, End: true } } });
    const task = await h.engine.getActivityTask(activity, 'w1', 5000);
    await h.engine.sendTaskFailure(task?.taskToken ?? '', 'Boom', 'no');
    expect((await h.waitDone(arn)).status).toBe('FAILED');
    expect(await value('stepwise_activities_failed_total', { activity: 'metricsFail' })).toBe(1);
    expect(await value('stepwise_activities_succeeded_total', { activity: 'metricsFail' })).toBe(0);
  });

  it('a missed heartbeat counts ActivitiesHeartbeatTimedOut; TimeoutSeconds counts ActivitiesTimedOut', async () => {
    h = await harness({ timeScale: 10 });
    const hb = arns.activity(SCOPE, 'metricsHb');
    const a1 = await h.start('m-hb', { StartAt: 'A', States: { A: { Type: 'Task', Resource: hb, HeartbeatSeconds: 3, TimeoutSeconds: 100, End: true } } });
    await h.engine.getActivityTask(hb, 'w1', 5000);
    expect((await h.waitDone(a1, 5000)).error).toBe('States.HeartbeatTimeout');
    const tmo = arns.activity(SCOPE, 'metricsTmo');
    const a2 = await h.start('m-tmo', { StartAt: 'A', States: { A: { Type: 'Task', Resource: tmo, TimeoutSeconds: 2, End: true } } });
    expect((await h.waitDone(a2, 5000)).error).toBe('States.Timeout');
    await new Promise((r) => setTimeout(r, 50));
    expect(await value('stepwise_activities_heartbeat_timed_out_total', { activity: 'metricsHb' })).toBe(1);
    expect(await value('stepwise_activities_timed_out_total', { activity: 'metricsHb' })).toBe(0);
    expect(await value('stepwise_activities_timed_out_total', { activity: 'metricsTmo' })).toBe(1);
  });
});

describe('service integration metrics', () => {
  let h: Harness;
  afterEach(async () => h.close());

  it('a task integration past its TimeoutSeconds counts ServiceIntegrationsTimedOut', async () => {
    h = await harness({ timeScale: 10, integrations: { handlers: { 'arn:aws:states:::lambda:invoke': () => new Promise(() => undefined) } } });
    const before = await value('stepwise_service_integrations_timed_out_total', { integration: 'handler' });
    const def = { StartAt: 'Call', States: { Call: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', TimeoutSeconds: 2, Parameters: { FunctionName: 'f', Payload: {} }, End: true } } };
    const arn = await h.start('metricsSlow', def, {});
    expect((await h.waitDone(arn, 5000)).error).toBe('States.Timeout');
    await new Promise((r) => setTimeout(r, 50));
    expect(await value('stepwise_service_integrations_timed_out_total', { integration: 'handler' })).toBe(before + 1);
  });
});

describe('execution and timer metrics', () => {
  let h: Harness;
  afterEach(async () => h.close());

  it('RedriveExecution counts ExecutionsRedriven for the state machine', async () => {
    let fail = true;
    h = await harness({ integrations: { handlers: { 'arn:aws:states:::lambda:invoke': async (input) => { if (fail) throw new StatesError('Down', 'later'); return input; } } } });
    const def = { StartAt: 'Call', States: { Call: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'f', Payload: {} }, End: true } } };
    const arn = await h.start('metricsRedrive', def, {});
    expect((await h.waitDone(arn)).status).toBe('FAILED');
    expect(await value('stepwise_executions_redriven_total', { state_machine: 'metricsRedrive' })).toBe(0);
    fail = false;
    await h.engine.redriveExecution(arn);
    expect((await h.waitDone(arn)).status).toBe('SUCCEEDED');
    expect(await value('stepwise_executions_redriven_total', { state_machine: 'metricsRedrive' })).toBe(1);
  });

  it('timersPending counts the timers of a pending Wait', async () => {
    h = await harness();
    const arn = await h.start('metricsWait', { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 60, End: true } } });
    await new Promise((r) => setTimeout(r, 100));
    expect(await sampleTimersPending(h.engine.core)).toBeGreaterThan(0);
    expect(await value('stepwise_timers_pending')).toBeGreaterThan(0);
    await h.engine.stopExecution(arn);
  });
});
