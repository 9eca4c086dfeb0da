import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const shutdown = fileURLToPath(new URL('../src/shutdown.ts', import.meta.url));
const root = fileURLToPath(new URL('../../../', import.meta.url));

/** Runs a tiny service that uses stopOnSignals, sends it SIGTERM, and returns its exit code and output. */
async function runService(closeBody: string, graceMs: number): Promise<{ code: number | null; out: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'sw-stop-'));
  const file = join(dir, 'service.ts');
  writeFileSync(file, `import { stopOnSignals } from ${JSON.stringify(shutdown)};
let closes = 0;
stopOnSignals({
  close: async () => { closes++; ${closeBody} },
  announce: (s) => process.stdout.write('stopping on ' + s + '\\n'),
  onError: (e) => process.stdout.write('close failed: ' + String(e) + ' after ' + closes + ' close\\n'),
  graceMs: ${graceMs},
});
process.stdout.write('ready\\n');
setInterval(() => undefined, 1000);
`);
  try {
    return await new Promise((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', file], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('ready') && !out.includes('sent')) {
          out += 'sent\n';
          child.kill('SIGTERM');
          child.kill('SIGTERM');
        }
      });
      child.on('exit', (code) => resolve({ code, out }));
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('stopOnSignals', () => {
  it('closes the service once on SIGTERM and exits 0', async () => {
    const r = await runService('', 5000);
    expect(r.out).toContain('stopping on SIGTERM');
    expect(r.out.match(/stopping on/g)).toHaveLength(1);
    expect(r.code).toBe(0);
  });

  it('exits 1 when closing fails, after reporting the error', async () => {
    const r = await runService("throw new Error('redis gone');", 5000);
    expect(r.out).toContain('close failed: Error: redis gone after 1 close');
    expect(r.code).toBe(1);
  });

  it('exits 1 when closing outlasts the grace period', async () => {
    const r = await runService('await new Promise(() => undefined);', 200);
    expect(r.code).toBe(1);
  });
});
