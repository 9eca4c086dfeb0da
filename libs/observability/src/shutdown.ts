/**
 * The graceful stop every service process shares: on SIGTERM or SIGINT, close the service once,
 * flush the spans still buffered, then exit — 0 when closing went well, 1 when it failed or
 * outlasted the grace period (keep Kubernetes' terminationGracePeriodSeconds above it).
 */
import { flushTraces } from './tracing.js';

export interface StopOnSignalsOptions {
  /** Closes the service: finish or release in-flight work, close connections. */
  readonly close: () => Promise<unknown>;
  /** Says what stopping means for this service (a log line). */
  readonly announce: (signal: string) => void;
  /** Reports an error raised while closing. */
  readonly onError?: (e: unknown) => void;
  /** Exit with 1 if closing takes longer (default 30 s). */
  readonly graceMs?: number;
}

export function stopOnSignals(o: StopOnSignalsOptions): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    o.announce(signal);
    setTimeout(() => process.exit(1), o.graceMs ?? 30_000).unref();
    void o
      .close()
      .then(
        () => 0,
        (e: unknown) => {
          o.onError?.(e);
          return 1;
        },
      )
      .then(async (code) => {
        await flushTraces().catch(() => undefined);
        process.exit(code);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
