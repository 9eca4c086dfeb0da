/**
 * console-bundle: the built console's size, gzip-compressed, every JavaScript and CSS file the
 * browser loads (all chunks counted). Goal: ≤ 400 KB gzip.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { CONSOLE_DIST } from './console-support.js';

export async function run(): Promise<Record<string, unknown>[]> {
  const assets = path.join(CONSOLE_DIST, 'assets');
  if (!existsSync(assets)) return [{ scenario: 'console-bundle', note: 'console not built (npm run build -w @stepwise/console): skipped' }];
  const files = readdirSync(assets).filter((f) => /\.(js|css)$/.test(f));
  let raw = 0;
  let gzip = 0;
  for (const f of files) {
    const b = readFileSync(path.join(assets, f));
    raw += b.length;
    gzip += gzipSync(b, { level: 9 }).length;
  }
  return [{ scenario: 'console-bundle', files: files.length, rawKB: Math.round(raw / 1024), gzipKB: Math.round(gzip / 1024), goalGzipKB: 400, withinGoal: gzip <= 400 * 1024 }];
}
