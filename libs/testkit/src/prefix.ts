/** A unique key namespace per test, so tests can share one Redis server without seeing each other. */
import { randomBytes } from 'node:crypto';

export function uniquePrefix(label = 't'): string {
  return `${label.replace(/[^a-z0-9]/gi, '').slice(0, 12) || 't'}-${randomBytes(4).toString('hex')}`;
}
