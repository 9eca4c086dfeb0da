/** Finds test files under the given paths (files are taken as given; folders are searched). */
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { isTestFileName } from '@stepwise/testing';

const SKIP = new Set(['node_modules', 'dist', '.git', 'coverage']);

export async function findTestFiles(paths: readonly string[], cwd: string): Promise<string[]> {
  const found: string[] = [];
  for (const p of paths.length > 0 ? paths : ['.']) {
    const abs = resolve(cwd, p);
    const s = await stat(abs).catch(() => undefined);
    if (!s) throw new Error(`no such file or folder: ${p}`);
    if (s.isFile()) found.push(abs);
    else await walk(abs, found);
  }
  return [...new Set(found)].sort();
}

async function walk(dir: string, out: string[]): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIP.has(entry.name) && !entry.name.startsWith('.')) await walk(join(dir, entry.name), out);
    } else if (entry.isFile() && isTestFileName(entry.name)) out.push(join(dir, entry.name));
  }
}
