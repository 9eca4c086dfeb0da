// The Dockerfile's structure (no container engine runs in CI): multi-stage, a slim base, a
// non-root user, a health check, and an entry point whose first argument selects the service.
// The entry point and the health check script are run for real here.
import { describe, expect, it } from 'vitest';
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createMetricsRegistry, startOpsServer } from '@stepwise/observability';
import { repoRoot } from './support/deploy-files.js';

interface Instruction { readonly op: string; readonly args: string; readonly stage: number }

function dockerfile(): Instruction[] {
  const text = readFileSync(join(repoRoot, 'Dockerfile'), 'utf8').replace(/\\\n/g, ' ');
  const out: Instruction[] = [];
  let stage = -1;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(\w+)\s+(.*)$/.exec(line);
    if (!m) continue;
    const op = m[1]!.toUpperCase();
    if (op === 'FROM') stage++;
    out.push({ op, args: m[2]!.replace(/\s+/g, ' '), stage });
  }
  return out;
}

describe('Dockerfile', () => {
  const ins = dockerfile();
  const last = Math.max(...ins.map((i) => i.stage));
  const final = ins.filter((i) => i.stage === last);

  it('is multi-stage: the runtime stage copies only build output from earlier stages', () => {
    const froms = ins.filter((i) => i.op === 'FROM');
    expect(froms.length).toBeGreaterThanOrEqual(3);
    expect(ins.some((i) => i.op === 'RUN' && i.args.includes('npm ci') && i.stage < last)).toBe(true);
    expect(ins.some((i) => i.op === 'RUN' && i.args.includes('npm run build') && i.stage < last)).toBe(true);
    expect(ins.some((i) => i.op === 'RUN' && i.args.includes('npm prune --omit=dev') && i.args.includes('prune-sources.sh'))).toBe(true);
    expect(final.filter((i) => i.op === 'RUN')).toEqual([]);
    const copies = final.filter((i) => i.op === 'COPY');
    expect(copies.some((c) => c.args.includes('--from=prod-deps') && c.args.includes('node_modules'))).toBe(true);
    expect(copies.every((c) => c.args.includes('--from=') || c.args.includes('deploy/docker/'))).toBe(true);
  });

  it('uses a slim Node 20 base', () => {
    const arg = ins.find((i) => i.op === 'ARG' && i.args.startsWith('NODE_IMAGE='));
    expect(arg?.args).toMatch(/^NODE_IMAGE=node:20[\w.-]*-slim$/);
  });

  it('runs as a non-root user with a health check, a stop signal and the service as its command', () => {
    const user = final.find((i) => i.op === 'USER')?.args;
    expect(user).toBeDefined();
    expect(['root', '0', '0:0']).not.toContain(user);
    expect(final.find((i) => i.op === 'HEALTHCHECK')?.args).toMatch(/--interval=\d+s .*CMD \["node", "\/app\/healthcheck\.mjs"\]/);
    expect(final.find((i) => i.op === 'STOPSIGNAL')?.args).toBe('SIGTERM');
    expect(final.find((i) => i.op === 'ENTRYPOINT')?.args).toBe('["/usr/local/bin/stepwise"]');
    expect(final.find((i) => i.op === 'CMD')?.args).toBe('["api"]');
    expect(final.find((i) => i.op === 'EXPOSE')?.args.split(' ').sort()).toEqual(['8083', '9464']);
  });

  it('.dockerignore keeps node_modules, dist and .git out of the build context', () => {
    const lines = readFileSync(join(repoRoot, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim());
    for (const p of ['.git', '**/node_modules', '**/dist']) expect(lines).toContain(p);
    expect(lines).not.toContain('deploy');
  });
});

describe('the image entry point', () => {
  // A stand-in `node` on PATH prints what it was asked to run.
  function runEntry(args: string[], env: Record<string, string> = {}): string {
    const dir = mkdtempSync(join(tmpdir(), 'stepwise-entry-'));
    try {
      const stub = join(dir, 'node');
      writeFileSync(stub, '#!/bin/sh\necho "PORT=$PORT node $*"\n');
      chmodSync(stub, 0o755);
      return execFileSync('sh', [join(repoRoot, 'deploy/docker/entrypoint.sh'), ...args], {
        env: { PATH: `${dir}:/usr/bin:/bin`, APP_DIR: '/app', ...env },
        encoding: 'utf8',
      }).trim();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it.each([
    ['api', 'PORT=8083', 'services/api/dist/main.js'],
    ['scheduler', 'PORT=9464', 'services/scheduler/dist/main.js'],
    ['worker', 'PORT=9464', 'services/worker/dist/main.js'],
    ['all', 'PORT=8083', 'services/all-in-one/dist/main.js'],
  ])('`%s` starts its service with OpenTelemetry preloaded', (role, port, main) => {
    const out = runEntry([role]);
    expect(out).toBe(`${port} node --enable-source-maps --import /app/libs/observability/dist/register.js /app/${main}`);
  });

  it('keeps a PORT set by the environment, and runs any other command as is', () => {
    expect(runEntry(['worker'], { PORT: '7000' })).toMatch(/^PORT=7000 node .*services\/worker\/dist\/main\.js$/);
    expect(runEntry(['echo', 'hello'])).toBe('hello');
  });
});

describe('the health check script', () => {
  function check(port: number): Promise<number> {
    return new Promise((resolve) => {
      execFile('node', [join(repoRoot, 'deploy/docker/healthcheck.mjs')], { env: { ...process.env, PORT: String(port) } }, (err) => {
        resolve(err ? ((err as { code?: number }).code ?? 1) : 0);
      });
    });
  }

  it('exits 0 when /readyz answers 200 and 1 when it answers 503 or nothing listens', async () => {
    let ready = false;
    const ops = await startOpsServer({ port: 0, host: '127.0.0.1', registry: createMetricsRegistry({ processMetrics: false }).registry, ready: () => ready });
    try {
      expect(await check(ops.port)).toBe(1);
      ready = true;
      expect(await check(ops.port)).toBe(0);
    } finally {
      await ops.close();
    }
    expect(await check(ops.port)).toBe(1);
  });
});

describe('the image build stage prune (deploy/docker/prune-sources.sh)', () => {
  function files(dir: string, base = dir): string[] {
    return readdirSync(dir).flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? files(p, base) : [relative(base, p)];
    });
  }

  it('drops TypeScript sources, tests and the testkit but keeps compiled output and the Lua scripts read at run time', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stepwise-prune-'));
    try {
      for (const top of ['libs', 'services']) {
        cpSync(join(repoRoot, top), join(dir, top), { recursive: true, filter: (src) => !src.includes('node_modules') });
      }
      const before = files(dir);
      const lua = before.filter((f) => f.endsWith('.lua'));
      expect(lua.length).toBeGreaterThan(3);
      // Stand-ins for build output, so the check does not depend on a build having run.
      writeFileSync(join(dir, 'libs/engine/dist-marker.js'), '');
      execFileSync('sh', [join(repoRoot, 'deploy/docker/prune-sources.sh'), dir]);
      const after = new Set(files(dir));
      for (const f of lua) expect(after.has(f), f).toBe(true);
      expect(after.has('libs/engine/dist-marker.js')).toBe(true);
      const left = [...after].filter((f) => /\/src\/.*\.tsx?$/.test(f) || /^(libs|services)\/[^/]+\/test\//.test(f) || f.startsWith('libs/testkit/'));
      expect(left).toEqual([]);
      for (const f of before.filter((x) => /^(libs|services)\/[^/]+\/dist\/.*\.js$/.test(x) && !x.startsWith('libs/testkit/'))) expect(after.has(f), f).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('every file the services read from their sources at run time is kept', () => {
    // Runtime reads relative to src/ (e.g. the engine's `new URL('../../src/scripts/', import.meta.url)`).
    const srcReads = execFileSync('grep', ['-rhoE', String.raw`new URL\('\.\./\.\./src/[^']*'`, join(repoRoot, 'libs'), join(repoRoot, 'services'), '--include=*.ts'], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
    expect(srcReads.length).toBeGreaterThan(0);
    const script = readFileSync(join(repoRoot, 'deploy/docker/prune-sources.sh'), 'utf8');
    expect(script).not.toMatch(/-name src\b/);
  });
});
