/**
 * The HTTP load generator of the api scenarios, run as its own process (`startLoadGenerator`), so
 * that timing a request never waits on the event loop of the server it measures: a generator in
 * the server's process adds that process's pauses (its GC, its workers' steps) to every latency,
 * the baseline's as much as ours. Closed loop for the maximum rate; open loop at a fixed rate,
 * each request sent at its own millisecond, for latency percentiles. Signs requests with SigV4 as
 * the AWS SDK does when asked. No `run` export: bench/run.ts skips it.
 */
import http from 'node:http';
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { percentile } from './engine-common.js';

export const ACCESS = { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench-secret' };

/** What to send, as data (it crosses to the generator process): StartExecution-shaped bodies. */
export interface Target {
  readonly port: number;
  readonly action: string;
  readonly stateMachineArn: string;
  /** Names are `${namePrefix}-${i}`: unique per request. */
  readonly namePrefix: string;
  readonly input: string;
  readonly sign?: boolean;
}

export interface MaxRate { requests: number; perSecond: number; errors: number }
export interface FixedRate { requests: number; p50: number; p99: number; errors: number }

type Job = { id: number; kind: 'max'; target: Target; ms: number; concurrency?: number } | { id: number; kind: 'fixed'; target: Target; rate: number; ms: number };
type JobRequest = { kind: 'max'; target: Target; ms: number; concurrency?: number } | { kind: 'fixed'; target: Target; rate: number; ms: number };

function bytes(d: string | ArrayBuffer | ArrayBufferView): string | Uint8Array {
  if (typeof d === 'string') return d;
  return d instanceof ArrayBuffer ? new Uint8Array(d) : new Uint8Array(d.buffer, d.byteOffset, d.byteLength);
}

/** SHA-256 / HMAC-SHA-256 in the shape @smithy/signature-v4 wants, on node:crypto. */
class Sha256 {
  private readonly h: Hash | Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.h = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.h.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.h.digest());
  }
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
const signer = new SignatureV4({ credentials: ACCESS, region: 'us-east-1', service: 'states', sha256: Sha256 });

function bodyOf(t: Target, i: number): string {
  return JSON.stringify({ stateMachineArn: t.stateMachineArn, name: `${t.namePrefix}-${i}`, input: t.input });
}

/** Sends request `i`; answers its latency from `since` (its scheduled time; else when it was sent). */
async function send(t: Target, i: number, since?: number): Promise<number> {
  const body = bodyOf(t, i);
  let headers: Record<string, string> = { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `AWSStepFunctions.${t.action}`, host: `127.0.0.1:${t.port}`, 'content-length': String(Buffer.byteLength(body)) };
  if (t.sign) {
    const signed = await signer.sign({ method: 'POST', protocol: 'http:', hostname: '127.0.0.1', port: t.port, path: '/', headers, body });
    headers = signed.headers as Record<string, string>;
  }
  return new Promise((resolve, reject) => {
    const t0 = since ?? performance.now();
    const req = http.request({ host: '127.0.0.1', port: t.port, method: 'POST', path: '/', headers, agent }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - t0) : reject(new Error(`HTTP ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Closed loop with `concurrency` requests in flight for `ms`: the maximum rate. */
async function maxRate(t: Target, ms: number, concurrency = 64): Promise<MaxRate> {
  let i = 0;
  let errors = 0;
  const end = performance.now() + ms;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        await send(t, i++).catch(() => errors++);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  return { requests: i, perSecond: Math.round((i - errors) / seconds), errors };
}

/**
 * Open loop: `rate` requests per second for `ms`, each sent when its time comes (1 ms ticks), its
 * latency counted from that time, not from when the generator got round to sending it: a
 * generator that falls behind (no CPU for a while) must not hide the stall it was caught in.
 */
async function fixedRate(t: Target, rate: number, ms: number): Promise<FixedRate> {
  const latencies: number[] = [];
  const pending: Promise<void>[] = [];
  let errors = 0;
  let i = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < ms) {
    const due = Math.floor(((performance.now() - t0) / 1000) * rate);
    while (i < due) {
      const scheduled = t0 + (i * 1000) / rate;
      pending.push(send(t, i++, scheduled).then((l) => void latencies.push(l), () => void errors++));
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  await Promise.all(pending);
  latencies.sort((a, b) => a - b);
  return { requests: i, p50: Number(percentile(latencies, 50).toFixed(2)), p99: Number(percentile(latencies, 99).toFixed(2)), errors };
}

/** The generator process, driven over IPC. */
export interface LoadGenerator {
  maxRate(t: Target, ms: number, concurrency?: number): Promise<MaxRate>;
  fixedRate(t: Target, rate: number, ms: number): Promise<FixedRate>;
  close(): Promise<void>;
}

export function startLoadGenerator(): LoadGenerator {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ['--load-generator'], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let next = 0;
  const waiting = new Map<number, { resolve: (r: unknown) => void; reject: (e: Error) => void }>();
  child.on('message', (m: { id: number; result: unknown }) => {
    waiting.get(m.id)?.resolve(m.result);
    waiting.delete(m.id);
  });
  child.on('exit', (code) => {
    for (const w of waiting.values()) w.reject(new Error(`the load generator exited (${String(code)})`));
    waiting.clear();
  });
  const call = <T>(job: JobRequest): Promise<T> => new Promise((resolve, reject) => {
    const id = next++;
    waiting.set(id, { resolve: (r) => resolve(r as T), reject });
    child.send({ ...job, id });
  });
  return {
    maxRate: (target, ms, concurrency) => call<MaxRate>({ kind: 'max', target, ms, ...(concurrency !== undefined ? { concurrency } : {}) }),
    fixedRate: (target, rate, ms) => call<FixedRate>({ kind: 'fixed', target, rate, ms }),
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.disconnect();
      await exited;
    },
  };
}

if (process.argv.includes('--load-generator')) {
  process.on('message', (job: Job) => {
    const done = job.kind === 'max' ? maxRate(job.target, job.ms, job.concurrency) : fixedRate(job.target, job.rate, job.ms);
    void done.then((result) => process.send?.({ id: job.id, result }));
  });
  // the parent disconnects when done: let the keep-alive sockets go and exit
  process.on('disconnect', () => {
    agent.destroy();
  });
}
