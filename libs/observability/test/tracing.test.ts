import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startInMemoryTracing, type InMemoryTracing } from '../src/bootstrap.js';
import {
  ATTR,
  SpanKind,
  extractTraceContext,
  injectTraceContext,
  parseTraceparent,
  startExecutionSpan,
  traceIdOf,
  withSpan,
  withStateSpan,
  withTaskAttemptSpan,
  type TraceCarrier,
} from '../src/index.js';

let tracing: InMemoryTracing;
beforeAll(() => {
  tracing = startInMemoryTracing();
});
afterAll(async () => {
  await tracing.shutdown();
});
beforeEach(() => tracing.reset());

describe('W3C trace context in plain carriers', () => {
  it('round-trips a traceparent through a carrier', () => {
    const tp = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const ctx = extractTraceContext({ traceparent: tp, tracestate: 'vendor=1' });
    expect(injectTraceContext({}, ctx)).toEqual({ traceparent: tp, tracestate: 'vendor=1' });
    expect(traceIdOf({ traceparent: tp })).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
  });

  it('refuses malformed and all-zero traceparents', () => {
    expect(parseTraceparent('00-00000000000000000000000000000000-00f067aa0ba902b7-01')).toBeUndefined();
    expect(parseTraceparent('ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')).toBeUndefined();
    expect(parseTraceparent('Root=1-5759e988-bd862e3fe1be46a994272793')).toBeUndefined();
    expect(injectTraceContext({}, extractTraceContext({ traceparent: 'garbage' }))).toEqual({});
  });
});

describe('the span tree of one execution', () => {
  it('request → execution → state → task attempt, with traceparent sent to the HTTP task', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const server = createServer((req, res) => {
      seen.push(req.headers);
      res.end('{}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    try {
      // api: the StartExecution request, then the execution root; the carrier goes into Redis as JSON.
      const stored = await withSpan('StartExecution', { kind: SpanKind.SERVER }, () => {
        const { carrier } = startExecutionSpan({ executionArn: 'arn:aws:states:us-east-1:123456789012:execution:Orders:e1', stateMachineName: 'Orders' });
        return JSON.stringify(carrier);
      });
      // worker (another job, later): a state span and a task attempt span from the stored carrier.
      const jobData = JSON.parse(stored) as TraceCarrier;
      await withStateSpan(jobData, { executionArn: 'arn:e1', stateName: 'Charge', stateType: 'Task' }, async (_s, stateCarrier) => {
        for (const attempt of [1, 2]) {
          await withTaskAttemptSpan(stateCarrier, { executionArn: 'arn:e1', stateName: 'Charge', resource: 'arn:aws:states:::http:invoke', integration: 'http', attempt }, async () => {
            const headers = injectTraceContext({ 'content-type': 'application/json' });
            await fetch(`http://127.0.0.1:${port}/charge`, { method: 'POST', headers, body: '{}' });
          });
        }
      });
      await expect(withStateSpan(jobData, { executionArn: 'arn:e1', stateName: 'Boom', stateType: 'Pass' }, () => {
        throw new Error('kaput');
      })).rejects.toThrow('kaput');

      const spans = tracing.spans();
      const byName = new Map(spans.map((s) => [s.name, s]));
      const request = byName.get('StartExecution')!;
      const execution = byName.get('execution Orders')!;
      const state = byName.get('state Charge')!;
      const a1 = byName.get('task http attempt 1')!;
      const a2 = byName.get('task http attempt 2')!;
      const boom = byName.get('state Boom')!;
      const traceId = request.spanContext().traceId;
      for (const s of [execution, state, a1, a2, boom]) expect(s.spanContext().traceId).toBe(traceId);
      expect(request.parentSpanContext).toBeUndefined();
      expect(execution.parentSpanContext?.spanId).toBe(request.spanContext().spanId);
      expect(state.parentSpanContext?.spanId).toBe(execution.spanContext().spanId);
      expect(a1.parentSpanContext?.spanId).toBe(state.spanContext().spanId);
      expect(a2.parentSpanContext?.spanId).toBe(state.spanContext().spanId);
      expect(a1.kind).toBe(SpanKind.CLIENT);
      expect(a2.attributes[ATTR.TASK_ATTEMPT]).toBe(2);
      expect(state.attributes[ATTR.STATE_TYPE]).toBe('Task');
      expect(boom.status.code).toBe(2);
      // The HTTP endpoint received each attempt's own span as its parent.
      expect(seen.map((h) => h.traceparent)).toEqual([
        `00-${traceId}-${a1.spanContext().spanId}-01`,
        `00-${traceId}-${a2.spanContext().spanId}-01`,
      ]);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('an execution started with a caller traceparent joins the caller trace', () => {
    const tp = '00-11111111111111111111111111111111-2222222222222222-01';
    const { carrier } = startExecutionSpan({ executionArn: 'arn:e2', stateMachineName: 'M' }, tp);
    expect(carrier.traceparent?.slice(0, 35)).toBe('00-11111111111111111111111111111111');
    const exec = tracing.spans().find((s) => s.name === 'execution M')!;
    expect(exec.parentSpanContext?.spanId).toBe('2222222222222222');
  });
});
