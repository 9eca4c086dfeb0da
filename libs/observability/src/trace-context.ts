/**
 * W3C trace context (`traceparent`, `tracestate`) carried in plain objects: queue job data, stored
 * execution metadata, HTTP headers. Implemented over @opentelemetry/api directly rather than the
 * global propagator, so the context travels even when no SDK is running (tracing off): an
 * execution started with a `traceparent` keeps it all the way to its HTTP tasks.
 */
import { context, trace, TraceFlags, isSpanContextValid, createTraceState, type Context, type SpanContext } from '@opentelemetry/api';

/** A plain, JSON-safe carrier of trace context. */
// A type alias (not an interface) so it is assignable to Record<string, unknown>.
export type TraceCarrier = {
  traceparent?: string;
  tracestate?: string;
};

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;

/** Parses a `traceparent` header value; undefined when malformed or all-zero. */
export function parseTraceparent(value: string | undefined, tracestate?: string): SpanContext | undefined {
  const m = value === undefined ? null : TRACEPARENT.exec(value.trim().toLowerCase());
  if (!m || m[1] === 'ff') return undefined;
  if (m[1] === '00' && m[5] !== undefined) return undefined;
  const sc: SpanContext = {
    traceId: m[2] ?? '',
    spanId: m[3] ?? '',
    traceFlags: parseInt(m[4] ?? '0', 16) & TraceFlags.SAMPLED,
    isRemote: true,
    ...(tracestate ? { traceState: createTraceState(tracestate) } : {}),
  };
  return isSpanContextValid(sc) ? sc : undefined;
}

/** Formats a span context as a `traceparent` value. */
export function formatTraceparent(sc: SpanContext): string {
  return `00-${sc.traceId}-${sc.spanId}-${(sc.traceFlags & TraceFlags.SAMPLED ? 1 : 0).toString(16).padStart(2, '0')}`;
}

/**
 * Writes the trace context of `ctx` (default: the active one) into `carrier` and returns it.
 * Headers objects work too: `injectTraceContext(req.headers)`.
 */
export function injectTraceContext<C extends Record<string, unknown>>(carrier: C = {} as C, ctx: Context = context.active()): C & TraceCarrier {
  const sc = trace.getSpanContext(ctx);
  const out = carrier as C & TraceCarrier;
  if (sc && isSpanContextValid(sc)) {
    out.traceparent = formatTraceparent(sc);
    const ts = sc.traceState?.serialize();
    if (ts) out.tracestate = ts;
  }
  return out;
}

/** The trace context of the active span as a fresh carrier (empty when there is none). */
export function currentTraceCarrier(ctx: Context = context.active()): TraceCarrier {
  return injectTraceContext({}, ctx);
}

/** Reads a carrier (job data, HTTP headers) into a Context whose parent is the remote span. */
export function extractTraceContext(carrier: Readonly<Record<string, unknown>> | undefined, base: Context = context.active()): Context {
  if (!carrier) return base;
  const header = (name: string): string | undefined => {
    const v = carrier[name];
    if (typeof v === 'string') return v;
    if (Array.isArray(v) && typeof v[0] === 'string') return v[0];
    return undefined;
  };
  const sc = parseTraceparent(header('traceparent'), header('tracestate'));
  return sc ? trace.setSpanContext(base, sc) : base;
}

/** The trace id in a carrier, for log lines (`traceId`). */
export function traceIdOf(carrier: Readonly<Record<string, unknown>> | undefined): string | undefined {
  if (!carrier) return undefined;
  const v = carrier['traceparent'];
  return typeof v === 'string' ? parseTraceparent(v)?.traceId : undefined;
}
