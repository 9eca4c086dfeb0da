/**
 * The engine's side of an execution's trace (ADR 0009). StartExecution opens the execution's root
 * span and stores its W3C context in the execution's meta (`tp`, `tst`); every later step, in
 * whichever worker runs it, reads it back and opens its spans under that root: a `state <Name>`
 * span per state entered (when the step that enters it commits) and, for a Task state, one per
 * attempt around the dispatch with a `task <integration> attempt N` child whose context reaches
 * the integration (the HTTP task's `traceparent`). With no trace stored nothing is opened at all.
 */
import type { HistoryEvent } from '@stepwise/asl';
import { startExecutionSpan, withStateSpan, withTaskAttemptSpan, type ExecutionSpanInfo, type TraceCarrier } from '@stepwise/observability';

/**
 * Opens the execution's root span (a child of the active context, or of `traceHeader` when it is
 * a W3C traceparent) and returns the meta fields that carry its context; empty when no trace runs.
 */
export function executionTraceFields(info: ExecutionSpanInfo, traceHeader: string | undefined): Record<string, string> {
  const { carrier } = startExecutionSpan(info, traceHeader);
  const out: Record<string, string> = {};
  if (carrier.traceparent !== undefined) out.tp = carrier.traceparent;
  if (carrier.tracestate !== undefined) out.tst = carrier.tracestate;
  return out;
}

/** The execution's stored trace context, if it has one. */
export function storedTrace(meta: Readonly<Record<string, string>>): TraceCarrier | undefined {
  if (meta.tp === undefined) return undefined;
  return meta.tst !== undefined ? { traceparent: meta.tp, tracestate: meta.tst } : { traceparent: meta.tp };
}

/**
 * A span per state entered by a committed step (children of the execution's root). Task states
 * are left to `withTaskStateSpans`: their span covers each attempt in the worker that runs it.
 */
export async function recordStateSpans(meta: Readonly<Record<string, string>>, events: readonly HistoryEvent[], version: number): Promise<void> {
  const parent = storedTrace(meta);
  if (!parent) return;
  for (const e of events) {
    if (!e.type.endsWith('StateEntered') || e.type === 'TaskStateEntered') continue;
    const name = e.stateEnteredEventDetails?.name;
    if (typeof name !== 'string') continue;
    const stateType = e.type.slice(0, -'StateEntered'.length);
    await withStateSpan(parent, { executionArn: meta.arn ?? '', stateName: name, stateType, version }, () => undefined);
  }
}

export interface TaskAttemptInfo {
  readonly stateName: string;
  readonly resource: string;
  readonly integration: string;
  readonly attempt: number;
}

/**
 * Runs one task attempt inside `state <Name>` → `task <integration> attempt N` spans, so the
 * integration sends the attempt's context (`injectTraceContext`); just `fn` without a stored trace.
 */
export function withTaskStateSpans<T>(meta: Readonly<Record<string, string>>, t: TaskAttemptInfo, fn: () => Promise<T>): Promise<T> {
  const parent = storedTrace(meta);
  if (!parent) return fn();
  const executionArn = meta.arn ?? '';
  return withStateSpan(parent, { executionArn, stateName: t.stateName, stateType: 'Task' }, (_span, stateCarrier) =>
    withTaskAttemptSpan(stateCarrier, { executionArn, stateName: t.stateName, resource: t.resource, integration: t.integration, attempt: t.attempt }, fn));
}
