// The engine's trace helpers with tracing off (no SDK in this process: the API's no-op tracer):
// nothing is stored or opened unless the caller sent a W3C traceparent, which then travels as is.
import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '@stepwise/asl';
import { executionTraceFields, recordStateSpans, storedTrace, withTaskStateSpans } from '../src/tracing.js';

const info = { executionArn: 'arn:aws:states:us-east-1:123456789012:execution:M:e', stateMachineName: 'M' };
const caller = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('execution trace fields with tracing off', () => {
  it('stores nothing without a caller traceparent', () => {
    expect(executionTraceFields(info, undefined)).toEqual({});
    expect(executionTraceFields(info, 'Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1')).toEqual({});
    expect(storedTrace({ arn: info.executionArn })).toBeUndefined();
  });

  it("keeps the caller's W3C traceparent so the HTTP tasks still send it", () => {
    const fields = executionTraceFields(info, caller);
    expect(fields).toEqual({ tp: caller });
    expect(storedTrace(fields)).toEqual({ traceparent: caller });
  });

  it('runs the task attempt as is, and opens no state spans, without a stored trace', async () => {
    expect(await withTaskStateSpans({}, { stateName: 'T', resource: 'arn:aws:states:::http:invoke', integration: 'http', attempt: 1 }, () => Promise.resolve(42))).toBe(42);
    const entered = { id: 2, previousEventId: 1, timestamp: '', type: 'PassStateEntered', stateEnteredEventDetails: { name: 'P' } } as HistoryEvent;
    await expect(recordStateSpans({}, [entered], 0)).resolves.toBeUndefined();
  });
});
