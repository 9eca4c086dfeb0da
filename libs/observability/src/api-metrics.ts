/**
 * The api's metrics as the small interface the api codes against (`request`, `error`,
 * `throttled`, `exposition`): one adapter so every api process counts the same way, on the
 * metrics of the one module.
 */
import { processRegistry, type MetricsRegistry } from './metrics.js';

export interface ApiMetricsAdapter {
  /** One answered request: `stepwise_api_requests_total{action,status}` and its latency. */
  request(action: string, status: number, seconds: number): void;
  /** One error answered, by AWS error name (`__type`). */
  error(action: string, errorName: string): void;
  /** One request refused by a rate limit (AWS ThrottledEvents). */
  throttled(action: string): void;
  /** The Prometheus text exposition of the registry, for GET /metrics. */
  exposition(): Promise<{ readonly contentType: string; readonly body: string }>;
}

export function createApiMetrics(reg: MetricsRegistry = processRegistry): ApiMetricsAdapter {
  const m = reg.metrics;
  return {
    request(action, status, seconds) {
      m.apiRequests.inc({ action, status: String(status) });
      m.apiRequestDuration.observe({ action }, Math.max(0, seconds));
    },
    error(action, errorName) {
      m.apiErrors.inc({ action, error: errorName });
    },
    throttled(action) {
      m.apiThrottled.inc({ action });
    },
    async exposition() {
      return { contentType: reg.registry.contentType, body: await reg.registry.metrics() };
    },
  };
}
