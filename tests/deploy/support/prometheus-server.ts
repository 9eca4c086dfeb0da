// A real Prometheus (the Debian package's binary) for tests: scrapes the given targets every
// second from a temp data dir on a free loopback port, loads the repository's alert rules, and
// answers PromQL through its HTTP API.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { freePort } from '@stepwise/testkit';

export interface ScrapeTarget {
  readonly job: string;
  readonly port: number;
}

export interface PromSample {
  readonly metric: Record<string, string>;
  readonly values: [number, string][];
}

export interface PrometheusServer {
  readonly url: string;
  /** Range query over the last `seconds`; throws on a PromQL error. */
  queryRange(expr: string, seconds: number): Promise<PromSample[]>;
  query(expr: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]>;
  get<T>(path: string): Promise<T>;
  stop(): Promise<void>;
}

export async function startPrometheus(binary: string, targets: readonly ScrapeTarget[], ruleFiles: readonly string[]): Promise<PrometheusServer> {
  const dir = mkdtempSync(join(tmpdir(), 'stepwise-prom-'));
  const port = await freePort();
  const config = {
    global: { scrape_interval: '1s', evaluation_interval: '1s', scrape_timeout: '900ms' },
    rule_files: [...ruleFiles],
    scrape_configs: targets.map((t) => ({ job_name: t.job, static_configs: [{ targets: [`127.0.0.1:${t.port}`] }] })),
  };
  writeFileSync(join(dir, 'prometheus.yml'), stringify(config));
  let stderr = '';
  const child: ChildProcess = spawn(
    binary,
    [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn', '--storage.tsdb.retention.time=1h'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`prometheus exited (${child.exitCode}): ${stderr}`);
    const ok = await fetch(`${url}/-/ready`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`prometheus did not become ready: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const get = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${url}${path}`);
    const body = (await res.json()) as { status: string; data: T; error?: string };
    if (body.status !== 'success') throw new Error(`${path}: ${body.error ?? res.status}`);
    return body.data;
  };
  return {
    url,
    get,
    async queryRange(expr, seconds) {
      const end = Date.now() / 1000;
      const q = new URLSearchParams({ query: expr, start: String(end - seconds), end: String(end), step: '1' });
      return (await get<{ result: PromSample[] }>(`/api/v1/query_range?${q}`)).result;
    },
    async query(expr) {
      const q = new URLSearchParams({ query: expr });
      return (await get<{ result: { metric: Record<string, string>; value: [number, string] }[] }>(`/api/v1/query?${q}`)).result;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        await new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 5000).unref();
        });
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
