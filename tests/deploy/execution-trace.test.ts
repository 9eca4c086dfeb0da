// The trace of one execution run by the real engine on Redis, with spans kept in memory:
//   StartExecution request → execution <StateMachine> → state <Name> per state entered
//   → task http attempt N per task attempt, whose traceparent reaches the HTTP endpoint.
// It runs once the engine opens these spans (libs/engine uses withStateSpan/withTaskAttemptSpan/
// startExecutionSpan from @stepwise/observability); until then it says so and skips.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { createEngine, IntegrationRegistry, startTimerLoop, startWorkers, systemClock, type DurableEngine, type EngineWorkers, type TimerLoop } from '@stepwise/engine';
import { SpanKind, withSpan } from '@stepwise/observability';
import { arns } from '@stepwise/protocol';
import { uniquePrefix } from '@stepwise/testkit';
import { startInMemoryTracing, type InMemoryTracing, type ReadableSpan } from '../../libs/observability/src/bootstrap.js';
import { repoRoot } from './support/deploy-files.js';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}
const engineText = sources(join(repoRoot, 'libs/engine/src')).map((f) => readFileSync(f, 'utf8')).join('\n');
const instrumented = ['startExecutionSpan', 'withStateSpan', 'withTaskAttemptSpan'].every((fn) => engineText.includes(fn));
if (!instrumented) console.warn('libs/engine does not open execution/state/task-attempt spans yet (startExecutionSpan, withStateSpan, withTaskAttemptSpan): skipping the execution trace test');

const SCOPE = { region: 'us-east-1', accountId: '123456789012' };

describe.skipIf(!instrumented)('the trace of one execution', () => {
  let tracing: InMemoryTracing;
  let redis: Redis;
  let engine: DurableEngine;
  let workers: EngineWorkers;
  let timers: TimerLoop;
  let endpoint: Server;
  let prefix: string;
  const received: (string | undefined)[] = [];

  beforeAll(async () => {
    tracing = startInMemoryTracing();
    endpoint = createServer((req, res) => {
      received.push(req.headers.traceparent as string | undefined);
      req.resume();
      req.on('end', () => {
        // The first attempt fails, so the Retry makes a second attempt.
        res.statusCode = received.length === 1 ? 500 : 200;
        res.setHeader('content-type', 'application/json');
        res.end('{"ok":true}');
      });
    });
    await new Promise<void>((r) => endpoint.listen(0, '127.0.0.1', r));
    redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
    prefix = uniquePrefix('trace');
    engine = createEngine({ redis, keyPrefix: prefix, clock: systemClock, scope: SCOPE, timeScale: 100, integrations: new IntegrationRegistry({ bullmqConnection: redis }) });
    workers = startWorkers(engine.core, { concurrency: 4 });
    timers = startTimerLoop(engine.core);
  });

  afterAll(async () => {
    await timers?.stop();
    await workers?.close(true);
    await engine?.close();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    await new Promise((r) => endpoint.close(r));
    await tracing.shutdown();
  });

  it('has a root per execution, a span per state and per task attempt, and sends traceparent to the HTTP task', async () => {
    const url = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/charge`;
    const definition = JSON.stringify({
      StartAt: 'Prepare',
      States: {
        Prepare: { Type: 'Pass', Next: 'Charge' },
        Charge: {
          Type: 'Task',
          Resource: 'arn:aws:states:::http:invoke',
          Parameters: { ApiEndpoint: url, Method: 'POST', RequestBody: { n: 1 } },
          Retry: [{ ErrorEquals: ['States.Http.StatusCode.500'], IntervalSeconds: 1, MaxAttempts: 2 }],
          Next: 'Done',
        },
        Done: { Type: 'Succeed' },
      },
    });
    const smArn = arns.stateMachine(SCOPE, 'Traced');
    const executionArn = await withSpan('StartExecution', { kind: SpanKind.SERVER }, async () =>
      (await engine.startExecution({ stateMachineArn: smArn, stateMachineName: 'Traced', definition, type: 'STANDARD', input: '{}' })).executionArn,
    );
    const until = Date.now() + 15_000;
    for (;;) {
      const d = await engine.describeExecution(executionArn);
      if (d.status !== 'RUNNING') {
        expect(d.status).toBe('SUCCEEDED');
        break;
      }
      if (Date.now() > until) throw new Error('execution did not finish in 15 s');
      await new Promise((r) => setTimeout(r, 20));
    }
    await new Promise((r) => setTimeout(r, 100));

    const spans = tracing.spans();
    const named = (prefix: string): ReadableSpan[] => spans.filter((s) => s.name.startsWith(prefix));
    const request = named('StartExecution')[0]!;
    const traceId = request.spanContext().traceId;
    const [execution] = named('execution Traced');
    expect(execution, spans.map((s) => s.name).join(', ')).toBeDefined();
    expect(execution!.parentSpanContext?.spanId).toBe(request.spanContext().spanId);

    const states = named('state ');
    expect(new Set(states.map((s) => s.name))).toEqual(new Set(['state Prepare', 'state Charge', 'state Done']));
    for (const s of [...states, ...named('task ')]) expect(s.spanContext().traceId).toBe(traceId);
    for (const s of states) expect(s.parentSpanContext?.spanId, s.name).toBe(execution!.spanContext().spanId);

    const attempts = named('task http attempt ');
    expect(attempts.map((a) => a.name).sort()).toEqual(['task http attempt 1', 'task http attempt 2']);
    const chargeIds = new Set(states.filter((s) => s.name === 'state Charge').map((s) => s.spanContext().spanId));
    for (const a of attempts) expect(chargeIds.has(a.parentSpanContext?.spanId ?? ''), a.name).toBe(true);
    expect(received.sort()).toEqual(attempts.map((a) => `00-${traceId}-${a.spanContext().spanId}-01`).sort());
  });

  it("continues the caller's W3C traceparent given as StartExecution's traceHeader", async () => {
    const callerTrace = '4bf92f3577b34da6a3ce929d0e0e4736';
    const callerSpan = '00f067aa0ba902b7';
    const definition = JSON.stringify({ StartAt: 'Only', States: { Only: { Type: 'Pass', End: true } } });
    const smArn = arns.stateMachine(SCOPE, 'CallerTraced');
    const { executionArn } = await engine.startExecution({ stateMachineArn: smArn, stateMachineName: 'CallerTraced', definition, type: 'STANDARD', input: '{}', traceHeader: `00-${callerTrace}-${callerSpan}-01` });
    const until = Date.now() + 10_000;
    while ((await engine.describeExecution(executionArn)).status === 'RUNNING') {
      if (Date.now() > until) throw new Error('execution did not finish in 10 s');
      await new Promise((r) => setTimeout(r, 20));
    }
    await new Promise((r) => setTimeout(r, 50));
    const spans = tracing.spans();
    const execution = spans.find((s) => s.name === 'execution CallerTraced');
    expect(execution?.spanContext().traceId).toBe(callerTrace);
    expect(execution?.parentSpanContext?.spanId).toBe(callerSpan);
    const only = spans.filter((s) => s.name === 'state Only');
    expect(only).toHaveLength(1);
    expect(only[0]?.spanContext().traceId).toBe(callerTrace);
    expect(only[0]?.parentSpanContext?.spanId).toBe(execution?.spanContext().spanId);
  });
});
