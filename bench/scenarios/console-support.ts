/**
 * Shared parts of the console scenarios: the built console's directory, a static server for it
 * (with the api's deep-link fallback to index.html) on a loopback port, and generated definitions
 * of a given number of states mixing every state type and nesting.
 */
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';

export const CONSOLE_DIST = fileURLToPath(new URL('../../services/console/dist/', import.meta.url));

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html', '.svg': 'image/svg+xml' };

export async function serveConsole(): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const p = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = path.join(CONSOLE_DIST, p);
    const target = p.startsWith('/assets/') && file.startsWith(CONSOLE_DIST) && existsSync(file) ? file : path.join(CONSOLE_DIST, 'index.html');
    res.writeHead(200, { 'content-type': TYPES[path.extname(target)] ?? 'application/octet-stream' });
    res.end(readFileSync(target));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/**
 * A definition of `total` states: a chain where every 10th state is a Choice (rule + Default),
 * every 15th a Parallel of two 2-state branches, every 20th a Map with a 2-state item processor,
 * Tasks with Retry and Catch between, ending in Succeed and a Fail reached by the Catches.
 */
export function generatedDefinition(total: number): unknown {
  const states: Record<string, unknown> = {};
  let count = 0;
  let i = 0;
  const names: string[] = [];
  while (count < total - 2) {
    const name = `S${i}`;
    names.push(name);
    if (i % 20 === 19 && count + 3 <= total - 2) {
      states[name] = { Type: 'Map', ItemsPath: '$.items', ItemProcessor: { StartAt: `${name}-a`, States: { [`${name}-a`]: { Type: 'Pass', Next: `${name}-b` }, [`${name}-b`]: { Type: 'Pass', End: true } } } };
      count += 3;
    } else if (i % 15 === 14 && count + 5 <= total - 2) {
      const branch = (k: number) => ({ StartAt: `${name}-${k}a`, States: { [`${name}-${k}a`]: { Type: 'Pass', Next: `${name}-${k}b` }, [`${name}-${k}b`]: { Type: 'Pass', End: true } } });
      states[name] = { Type: 'Parallel', Branches: [branch(1), branch(2)] };
      count += 5;
    } else if (i % 10 === 9) {
      states[name] = { Type: 'Choice', Choices: [{ Variable: '$.n', NumericGreaterThan: i, Next: '__NEXT__' }], Default: 'Failed' };
      count += 1;
    } else if (i % 3 === 2) {
      states[name] = { Type: 'Task', Resource: 'arn:aws:states:::http:invoke', Retry: [{ ErrorEquals: ['States.Timeout'], MaxAttempts: 2 }], Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Failed' }] };
      count += 1;
    } else {
      states[name] = { Type: 'Pass' };
      count += 1;
    }
    i++;
  }
  names.forEach((n, k) => {
    const s = states[n] as Record<string, unknown>;
    const next = names[k + 1] ?? 'Done';
    if (s['Type'] === 'Choice') (s['Choices'] as Record<string, unknown>[])[0]!['Next'] = next;
    else s['Next'] = next;
  });
  states['Done'] = { Type: 'Succeed' };
  states['Failed'] = { Type: 'Fail', Error: 'Failed', Cause: 'a generated failure' };
  return { StartAt: names[0] ?? 'Done', States: states };
}

/** Counts every state, nested ones included. */
export function countStates(def: unknown): number {
  let n = 0;
  const walk = (scope: unknown): void => {
    const states = (scope as { States?: Record<string, Record<string, unknown>> }).States ?? {};
    for (const s of Object.values(states)) {
      n++;
      for (const b of (s['Branches'] as unknown[] | undefined) ?? []) walk(b);
      if (s['ItemProcessor']) walk(s['ItemProcessor']);
    }
  };
  walk(def);
  return n;
}
