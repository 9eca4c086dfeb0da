/**
 * Span helpers for the engine, the worker and the api (@opentelemetry/api only: they cost nothing
 * when no SDK runs). The shape of a trace, one per execution:
 *
 *   StartExecution (api request, from the HTTP instrumentation or the caller's traceparent)
 *   └─ execution <StateMachineName>          startExecutionSpan: its context is stored with the execution
 *      ├─ state <StateName>                  withStateSpan: one per state entered, in whichever worker runs it
 *      │  └─ task <integration> attempt N    withTaskAttemptSpan: one per task attempt (CLIENT kind);
 *      │                                     an HTTP task sends this span's traceparent to the endpoint
 *      └─ …
 *
 * Spans never outlive a process: a carrier (`TraceCarrier`) stored in job data links the next
 * worker's spans to the execution's root.
 */
import { context, trace, SpanKind, SpanStatusCode, type Attributes, type Context, type Span, type Tracer } from '@opentelemetry/api';
import { ATTR, SPAN } from './attributes.js';
import { extractTraceContext, injectTraceContext, type TraceCarrier } from './trace-context.js';

export const TRACER_NAME = '@stepwise/engine';

/** The Stepwise tracer (the global provider's, or a no-op one when tracing is off). */
export function tracer(): Tracer {
  return trace.getTracer(TRACER_NAME);
}

/** Marks a span failed with an ASL-style error name and cause, or an exception. */
export function recordFailure(span: Span, err: unknown): void {
  if (err instanceof Error) {
    span.recordException(err);
    span.setStatus({ code: SpanStatusCode.ERROR, message: err.message });
  } else if (typeof err === 'object' && err !== null && 'error' in err) {
    const e = err as { error: unknown; cause?: unknown };
    span.setAttribute(ATTR.ERROR, String(e.error));
    if (e.cause !== undefined) span.setAttribute(ATTR.CAUSE, String(e.cause).slice(0, 1024));
    span.setStatus({ code: SpanStatusCode.ERROR, message: String(e.error) });
  } else {
    span.setStatus({ code: SpanStatusCode.ERROR, message: String(err) });
  }
}

export interface SpanOptions {
  /** Parent: a stored carrier (job data) or a Context; default the active context. */
  readonly parent?: TraceCarrier | Context | undefined;
  readonly attributes?: Attributes;
  readonly kind?: SpanKind;
  /** Start a new trace even if a span is active (a root). */
  readonly root?: boolean;
}

function parentContext(parent: SpanOptions['parent']): Context {
  if (parent === undefined) return context.active();
  if (typeof (parent as Context).getValue === 'function') return parent as Context;
  return extractTraceContext(parent as TraceCarrier, context.active());
}

/**
 * Runs `fn` inside a new active span; the span ends when `fn` settles, failed if it throws.
 * The callback receives the span and a carrier of its context for job data or headers.
 */
export async function withSpan<T>(name: string, opts: SpanOptions, fn: (span: Span, carrier: TraceCarrier) => Promise<T> | T): Promise<T> {
  const parent = parentContext(opts.parent);
  const span = tracer().startSpan(name, { kind: opts.kind ?? SpanKind.INTERNAL, attributes: opts.attributes ?? {}, root: opts.root ?? false }, parent);
  const ctx = trace.setSpan(parent, span);
  try {
    return await context.with(ctx, () => fn(span, injectTraceContext({}, ctx)));
  } catch (err) {
    recordFailure(span, err);
    throw err;
  } finally {
    span.end();
  }
}

export interface ExecutionSpanInfo {
  readonly executionArn: string;
  readonly stateMachineName: string;
  readonly stateMachineArn?: string;
  readonly type?: 'STANDARD' | 'EXPRESS';
  readonly executionName?: string;
}

/**
 * The root span of an execution, started where StartExecution is handled, as a child of the
 * request's context (or of the caller's `traceHeader` when it is a W3C `traceparent`). It ends
 * right away (a span cannot outlive its process); the returned carrier is stored with the execution
 * so every later span of the execution joins the same trace.
 */
export function startExecutionSpan(info: ExecutionSpanInfo, traceHeader?: string): { readonly span: Span; readonly carrier: TraceCarrier } {
  const base = context.active();
  const parent = traceHeader && traceHeader.startsWith('00-') ? extractTraceContext({ traceparent: traceHeader }, base) : base;
  const attributes: Attributes = {
    [ATTR.EXECUTION_ARN]: info.executionArn,
    [ATTR.STATE_MACHINE_NAME]: info.stateMachineName,
  };
  if (info.stateMachineArn) attributes[ATTR.STATE_MACHINE_ARN] = info.stateMachineArn;
  if (info.type) attributes[ATTR.STATE_MACHINE_TYPE] = info.type;
  if (info.executionName) attributes[ATTR.EXECUTION_NAME] = info.executionName;
  const span = tracer().startSpan(SPAN.execution(info.stateMachineName), { kind: SpanKind.INTERNAL, attributes }, parent);
  const carrier = injectTraceContext({}, trace.setSpan(parent, span));
  span.end();
  return { span, carrier };
}

export interface StateSpanInfo {
  readonly executionArn: string;
  readonly stateName: string;
  readonly stateType: string;
  readonly version?: number;
}

/** One span per state entered, child of the execution's stored carrier. */
export function withStateSpan<T>(parent: TraceCarrier | undefined, info: StateSpanInfo, fn: (span: Span, carrier: TraceCarrier) => Promise<T> | T): Promise<T> {
  const attributes: Attributes = {
    [ATTR.EXECUTION_ARN]: info.executionArn,
    [ATTR.STATE_NAME]: info.stateName,
    [ATTR.STATE_TYPE]: info.stateType,
  };
  if (info.version !== undefined) attributes[ATTR.VERSION] = info.version;
  return withSpan(SPAN.state(info.stateName), { parent, attributes }, fn);
}

export interface TaskAttemptSpanInfo {
  readonly executionArn: string;
  readonly stateName: string;
  readonly resource: string;
  /** A bounded family: http, lambda, activity, states, bullmq, approval, callback, handler. */
  readonly integration: string;
  /** 1 for the first attempt, 2 for the first retry, ... */
  readonly attempt: number;
}

/**
 * One span per task attempt (CLIENT kind), child of its state's carrier. Inside `fn`,
 * `injectTraceContext(headers)` or the carrier argument gives the `traceparent` to send.
 */
export function withTaskAttemptSpan<T>(parent: TraceCarrier | undefined, info: TaskAttemptSpanInfo, fn: (span: Span, carrier: TraceCarrier) => Promise<T> | T): Promise<T> {
  return withSpan(
    SPAN.taskAttempt(info.integration, info.attempt),
    {
      parent,
      kind: SpanKind.CLIENT,
      attributes: {
        [ATTR.EXECUTION_ARN]: info.executionArn,
        [ATTR.STATE_NAME]: info.stateName,
        [ATTR.TASK_RESOURCE]: info.resource,
        [ATTR.TASK_INTEGRATION]: info.integration,
        [ATTR.TASK_ATTEMPT]: info.attempt,
      },
    },
    fn,
  );
}

/** A span for one queue job (CONSUMER kind), child of the carrier in the job's data. */
export function withJobSpan<T>(parent: TraceCarrier | undefined, info: { readonly queue: string; readonly jobId: string }, fn: (span: Span, carrier: TraceCarrier) => Promise<T> | T): Promise<T> {
  return withSpan(SPAN.job(info.queue), { parent, kind: SpanKind.CONSUMER, attributes: { [ATTR.QUEUE]: info.queue, [ATTR.JOB_ID]: info.jobId } }, fn);
}

/**
 * Exports the spans still buffered by the SDK (no-op without one). Services call it in their
 * shutdown before `process.exit`, so the last requests and jobs reach the trace backend.
 */
export async function flushTraces(): Promise<void> {
  const provider = trace.getTracerProvider() as { getDelegate?: () => unknown };
  const delegate = (provider.getDelegate?.() ?? provider) as { forceFlush?: () => Promise<void> };
  if (typeof delegate.forceFlush === 'function') await delegate.forceFlush();
}

export { SpanKind, SpanStatusCode };
export type { Span, Context };
