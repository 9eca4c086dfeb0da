/**
 * `stepwise_build_info{service, version, node}` = 1: which service a process runs, which Stepwise
 * version (this package's package.json) and which Node.js. Each service sets it once at start.
 */
import { readFileSync } from 'node:fs';
import type { MetricsRegistry } from './metrics.js';

function readVersion(): string {
  try {
    // ../package.json from both src/ and dist/
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** The Stepwise version reported by `stepwise_build_info`. */
export const STEPWISE_VERSION = readVersion();

/** Sets `stepwise_build_info` for `service` on a registry. */
export function setBuildInfo(reg: MetricsRegistry, service: string): void {
  reg.metrics.buildInfo.set({ service, version: STEPWISE_VERSION, node: process.version }, 1);
}
