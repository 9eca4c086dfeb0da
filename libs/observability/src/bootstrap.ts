/**
 * Starting OpenTelemetry in a service process (entry `@stepwise/observability/bootstrap`; the
 * libraries never import it). Traces are exported over OTLP/HTTP only when the configuration has
 * an endpoint (the standard OTEL_EXPORTER_OTLP_ENDPOINT / _TRACES_ENDPOINT variables) and
 * OTEL_SDK_DISABLED is not set: without one nothing is started and every span is a no-op.
 * Express, HTTP and ioredis are instrumented automatically; for ESM services the instrumentation
 * hook must be registered before they are imported, which `register.ts` does (`node --import`).
 *
 * Tests use `startInMemoryTracing()` instead: spans are kept in memory to be inspected.
 */
import { context, propagation, trace } from '@opentelemetry/api';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-node';
import type { Config } from '@stepwise/config';

export type TelemetryConfig = Pick<Config, 'OTEL_EXPORTER_OTLP_ENDPOINT' | 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT' | 'OTEL_SERVICE_NAME' | 'OTEL_SDK_DISABLED'>;

export interface Telemetry {
  /** Whether spans are exported (false: no endpoint configured, or disabled). */
  readonly enabled: boolean;
  /** Where traces go, when enabled. */
  readonly tracesUrl?: string;
  /** Flushes pending spans and stops the SDK (call on SIGTERM). */
  shutdown(): Promise<void>;
}

/** The OTLP/HTTP traces URL from the standard variables, or undefined when tracing is off. */
export function tracesUrlFrom(cfg: TelemetryConfig): string | undefined {
  if (cfg.OTEL_SDK_DISABLED === true) return undefined;
  if (cfg.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return cfg.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  if (cfg.OTEL_EXPORTER_OTLP_ENDPOINT) return `${cfg.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`;
  return undefined;
}

/** The instrumentations every service gets: HTTP (in and out), express routes, ioredis commands. */
export function serviceInstrumentations() {
  return [
    new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => req.url === '/metrics' || req.url === '/healthz' || req.url === '/readyz' }),
    new ExpressInstrumentation(),
    new IORedisInstrumentation({ requireParentSpan: true }),
  ];
}

/** Starts the OpenTelemetry SDK for `service` when an endpoint is configured. */
export function startTelemetry(service: string, cfg: TelemetryConfig): Telemetry {
  const url = tracesUrlFrom(cfg);
  if (url === undefined) return { enabled: false, shutdown: () => Promise.resolve() };
  const sdk = new NodeSDK({
    serviceName: cfg.OTEL_SERVICE_NAME ?? `stepwise-${service}`,
    // Export every second, so little is lost when a process is killed without a flush.
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url }), { scheduledDelayMillis: 1000 })],
    instrumentations: serviceInstrumentations(),
    // Traces only: metrics are pulled by Prometheus from /metrics, logs go to stdout as JSON lines.
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  return { enabled: true, tracesUrl: url, shutdown: () => sdk.shutdown() };
}

export interface InMemoryTracing {
  readonly exporter: InMemorySpanExporter;
  /** Spans ended so far, in the order they ended. */
  spans(): ReadableSpan[];
  reset(): void;
  /** Unregisters the provider, context manager and propagator (restores the no-op API). */
  shutdown(): Promise<void>;
}

/**
 * Test-only: a global tracer provider that keeps every span in memory, with the async-hooks context
 * manager and the W3C propagator, so a test can run a flow and check the tree of spans.
 */
export function startInMemoryTracing(): InMemoryTracing {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  provider.register();
  return {
    exporter,
    spans: () => exporter.getFinishedSpans(),
    reset: () => exporter.reset(),
    async shutdown() {
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

export type { ReadableSpan };
