// The real services as Prometheus targets: the built api, worker and scheduler processes on a
// Redis of their own, driven with the AWS SDK (state machines that succeed, fail, time out, are
// stopped, wait, and call an HTTP task on a loopback endpoint).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SFNClient, CreateStateMachineCommand, StartExecutionCommand, StopExecutionCommand, DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import { freePort, uniquePrefix } from '@stepwise/testkit';
import { repoRoot } from './deploy-files.js';
import type { Targets } from './sample-targets.js';

const MAINS = { api: 'services/api/dist/main.js', worker: 'services/worker/dist/main.js', scheduler: 'services/scheduler/dist/main.js' } as const;

/** True when the three services are built (npm test builds before running the suites). */
export function servicesBuilt(): boolean {
  return Object.values(MAINS).every((m) => existsSync(join(repoRoot, m)));
}

async function waitReady(port: number, what: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${what} exited (${child.exitCode}): ${log()}`);
    const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${what} not ready on ${port} in 30 s: ${log()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const ROLE = 'arn:aws:iam::123456789012:role/stepwise-test';

export async function startServiceTargets(redisUrl: string): Promise<Targets> {
  const prefix = uniquePrefix('promsvc').replace(/-/g, '');
  const children: ChildProcess[] = [];
  const ports: Record<keyof typeof MAINS, number> = { api: await freePort(), worker: await freePort(), scheduler: await freePort() };
  for (const [service, main] of Object.entries(MAINS) as [keyof typeof MAINS, string][]) {
    let log = '';
    const child = spawn(process.execPath, [join(repoRoot, main)], {
      cwd: repoRoot,
      env: {
        PATH: process.env['PATH'] ?? '',
        REDIS_URL: redisUrl,
        STEPWISE_KEY_PREFIX: prefix,
        PORT: String(ports[service]),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        STEPWISE_ENV: 'test',
        STEPWISE_AUTH: 'none',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-3000)));
    child.stderr?.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-3000)));
    children.push(child);
    await waitReady(ports[service], service, child, () => log);
  }

  // The endpoint HTTP tasks call.
  const endpoint: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => endpoint.listen(0, '127.0.0.1', r));
  const endpointUrl = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/charge`;

  const sfn = new SFNClient({ endpoint: `http://127.0.0.1:${ports.api}`, region: 'us-east-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' }, maxAttempts: 1 });
  const create = async (name: string, definition: object) =>
    (await sfn.send(new CreateStateMachineCommand({ name: `${name}-${prefix}`.slice(0, 80), roleArn: ROLE, definition: JSON.stringify(definition) }))).stateMachineArn!;
  const flow = await create('Flow', {
    StartAt: 'Prepare',
    States: {
      Prepare: { Type: 'Pass', Next: 'Route' },
      Route: { Type: 'Choice', Choices: [{ Variable: '$.fail', BooleanEquals: true, Next: 'Boom' }], Default: 'Pause' },
      Pause: { Type: 'Wait', Seconds: 1, Next: 'Charge' },
      Charge: { Type: 'Task', Resource: 'arn:aws:states:::http:invoke', Parameters: { ApiEndpoint: endpointUrl, Method: 'POST', RequestBody: { n: 1 } }, Next: 'Done' },
      Done: { Type: 'Succeed' },
      Boom: { Type: 'Fail', Error: 'Sample.Failure', Cause: 'asked to fail' },
    },
  });
  const slow = await create('Slow', { TimeoutSeconds: 1, StartAt: 'Sleep', States: { Sleep: { Type: 'Wait', Seconds: 30, End: true } } });

  let n = 0;
  async function tick(): Promise<void> {
    n++;
    await sfn.send(new StartExecutionCommand({ stateMachineArn: flow, input: '{"fail":false}' }));
    await sfn.send(new StartExecutionCommand({ stateMachineArn: flow, input: '{"fail":true}' }));
    if (n % 4 === 1) await sfn.send(new StartExecutionCommand({ stateMachineArn: slow, input: '{}' }));
    if (n % 4 === 2) {
      const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: slow, input: '{}' }));
      await sfn.send(new StopExecutionCommand({ executionArn, error: 'Sample.Stop', cause: 'stopped by the test' }));
    }
    // An api error (ExecutionDoesNotExist) for the error panels.
    await sfn.send(new DescribeExecutionCommand({ executionArn: `${flow.replace(':stateMachine:', ':execution:')}:missing-${n}` })).catch(() => undefined);
  }

  const ordered: (keyof typeof MAINS)[] = ['api', 'worker', 'scheduler'];
  return {
    targets: ordered.map((s) => ({ job: `stepwise-${s}`, port: ports[s] })),
    tick,
    async stop() {
      sfn.destroy();
      await Promise.all(
        children.map(
          (c) =>
            new Promise<void>((resolve) => {
              if (c.exitCode !== null || c.signalCode !== null) return resolve();
              c.once('exit', () => resolve());
              c.kill('SIGTERM');
              setTimeout(() => c.kill('SIGKILL'), 10_000).unref();
            }),
        ),
      );
      await new Promise((r) => endpoint.close(r));
    },
  };
}
