/**
 * JSON-lines logs (pino) for every service. One line per event, with the fields operators search
 * by: `executionArn`, `state`, `jobId`, `version`, `requestId`, and the `traceId`/`spanId` of the
 * active OpenTelemetry span, so a log line leads to its trace in Jaeger and back.
 */
import { trace } from '@opentelemetry/api';
import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';

export type { Logger } from 'pino';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** Fields a child logger may carry; names are the ones the dashboards and docs use. */
export interface LogFields {
  readonly executionArn?: string | undefined;
  readonly stateMachineArn?: string | undefined;
  readonly state?: string | undefined;
  readonly jobId?: string | undefined;
  readonly queue?: string | undefined;
  readonly version?: number | undefined;
  readonly traceId?: string | undefined;
  readonly requestId?: string | undefined;
  readonly action?: string | undefined;
  readonly [extra: string]: unknown;
}

export interface LoggerConfig {
  /** The service name put on every line (`api`, `worker`, `scheduler`, `all-in-one`). */
  readonly service: string;
  /** From the configuration's LOG_LEVEL. */
  readonly level?: LogLevel;
  /** Where lines go (default: stdout). Tests pass a stream to read them back. */
  readonly destination?: DestinationStream;
}

// Whether a (child) logger was bound with its own traceId; cached, as bindings() parses JSON.
const boundTrace = new WeakMap<object, boolean>();
function carriesTraceId(logger: { bindings(): Record<string, unknown> }): boolean {
  let v = boundTrace.get(logger);
  if (v === undefined) {
    v = 'traceId' in logger.bindings();
    boundTrace.set(logger, v);
  }
  return v;
}

/** The root logger of a service. */
export function createLogger(cfg: LoggerConfig): Logger {
  const options: LoggerOptions = {
    level: cfg.level ?? 'info',
    base: { service: cfg.service, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    messageKey: 'msg',
    formatters: { level: (label) => ({ level: label }) },
    // The active span's ids, unless the caller set traceId itself (a job's stored trace context).
    mixin(_ctx, _level, logger) {
      const span = trace.getActiveSpan();
      if (!span || carriesTraceId(logger)) return {};
      const sc = span.spanContext();
      return { traceId: sc.traceId, spanId: sc.spanId };
    },
    mixinMergeStrategy: (mergeObject, mixinObject) => ({ ...mixinObject, ...mergeObject }),
    serializers: { err: pino.stdSerializers.err },
  };
  return cfg.destination ? pino(options, cfg.destination) : pino(options);
}

/** A child logger carrying an execution's, a job's or a request's fields on every line. */
export function childLogger(parent: Logger, fields: LogFields): Logger {
  const clean: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) clean[k] = v;
  return parent.child(clean);
}
