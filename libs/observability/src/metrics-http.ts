/**
 * Serving `/metrics`: a handler for the api's express app and a small HTTP server for the worker
 * and scheduler, which have no other HTTP surface but need `/metrics`, `/healthz` and `/readyz`
 * for Prometheus and Kubernetes probes.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { processRegistry } from './metrics.js';

/** `(req, res)` handler writing the registry in Prometheus text format (usable as express middleware). */
export function metricsHandler(registry: Registry = processRegistry.registry): (req: IncomingMessage, res: ServerResponse) => void {
  return (_req, res) => {
    registry.metrics().then(
      (body) => {
        res.statusCode = 200;
        res.setHeader('Content-Type', registry.contentType);
        res.end(body);
      },
      (err: unknown) => {
        res.statusCode = 500;
        res.setHeader('Content-Type', 'text/plain');
        res.end(`metrics collection failed: ${err instanceof Error ? err.message : String(err)}\n`);
      },
    );
  };
}

export interface OpsServerOptions {
  readonly port: number;
  readonly host?: string;
  readonly registry?: Registry;
  /** `/healthz`: the process is alive (default: always true). */
  readonly live?: () => boolean | Promise<boolean>;
  /** `/readyz`: the process can do its work, e.g. Redis answers (default: always true). */
  readonly ready?: () => boolean | Promise<boolean>;
  /**
   * How long a probe may take before it answers 503 (default 1 s): a Redis connection queues
   * commands while Redis is away, so a PING would otherwise hang the probe until it is back.
   */
  readonly probeTimeoutMs?: number;
}

export interface OpsServer {
  readonly server: Server;
  readonly port: number;
  close(): Promise<void>;
}

/** Starts `/metrics`, `/healthz` and `/readyz` on their own port (worker and scheduler). */
export async function startOpsServer(opts: OpsServerOptions): Promise<OpsServer> {
  const metrics = metricsHandler(opts.registry);
  const timeoutMs = opts.probeTimeoutMs ?? 1000;
  const probe = (check: (() => boolean | Promise<boolean>) | undefined, res: ServerResponse) => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    Promise.race([Promise.resolve(check ? check() : true), late]).finally(() => clearTimeout(timer)).then(
      (ok) => {
        res.statusCode = ok ? 200 : 503;
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify({ status: ok ? 'ok' : 'unavailable' }));
      },
      (err: unknown) => {
        res.statusCode = 503;
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify({ status: 'unavailable', message: err instanceof Error ? err.message : String(err) }));
      },
    );
  };
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.statusCode = 405;
      res.end();
    } else if (path === '/metrics') metrics(req, res);
    else if (path === '/healthz') probe(opts.live, res);
    else if (path === '/readyz') probe(opts.ready, res);
    else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '0.0.0.0', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
