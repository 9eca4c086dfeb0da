/**
 * Preload entry for services: `node --import @stepwise/observability/register services/api/dist/main.js`
 * (the Dockerfile does this). It registers OpenTelemetry's ESM loader hook so express, http and
 * ioredis are instrumented when the service imports them, then starts the SDK from the
 * configuration (nothing is started without an OTLP endpoint). SIGTERM/SIGINT flush spans.
 */
import { register } from 'node:module';
import { loadConfig } from '@stepwise/config';
import { startTelemetry, tracesUrlFrom } from './bootstrap.js';

const cfg = loadConfig(process.env);
if (tracesUrlFrom(cfg) !== undefined) {
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);
  const service = process.argv[1]?.match(/services\/([a-z-]+)\//)?.[1] ?? 'service';
  const telemetry = startTelemetry(service, cfg);
  // Flush on shutdown; when the service itself does not handle the signal, exit as Node would.
  for (const [signal, code] of [['SIGTERM', 143], ['SIGINT', 130]] as const) {
    process.once(signal, () => {
      const alone = process.listenerCount(signal) === 0;
      void telemetry.shutdown().catch(() => undefined).finally(() => {
        if (alone) process.exit(code);
      });
    });
  }
}
