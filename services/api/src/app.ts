/**
 * The api as an express application built from its dependencies (no listening here: main.ts and
 * the all-in-one process listen; tests bind it to 127.0.0.1:0). Routes: `POST /` (AWS JSON 1.0),
 * `/v1` (REST), `/openapi.json` and `/docs` (the reference), `/healthz`, `/readyz`, `/metrics`,
 * and the console (services/console/dist, when built) on `GET /` and its deep links.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import { ApiError, openApiDocument } from '@stepwise/protocol';
import type { AppDeps } from './deps.js';
import { requestState, type RequestState } from './request-state.js';
import { awsJsonHandler } from './aws-json/router.js';
import { restRouter } from './rest/router.js';
import { authenticate } from './middleware/auth.js';
import { TokenBucket } from './middleware/rate-limit.js';
import { AWS_JSON, sendError } from './middleware/respond.js';
import { referencePage } from './rest/reference-page.js';
import { consoleRouter } from './console-static.js';

/** The HTTP body limit: a payload member at the limit plus room for the rest of the request (definitions are up to 1 MiB). */
export function bodyLimitBytes(maxPayloadBytes: number): number {
  return Math.max(2 * maxPayloadBytes, 1024 * 1024) + 64 * 1024;
}

/**
 * How long /readyz waits for Redis's PING. The connection queues commands while Redis is away
 * (maxRetriesPerRequest: null, so the engine rides out restarts), so without a bound the probe
 * would hang until Redis came back instead of answering 503.
 */
export const READY_PING_MS = 1000;

function pingWithin<T>(ping: () => Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer PING within ${ms} ms`)), ms);
  });
  return Promise.race([ping(), late]).finally(() => clearTimeout(timer));
}

export function createApp(deps: AppDeps): express.Express {
  const cfg = deps.config;
  const scope = { region: cfg.STEPWISE_REGION, accountId: cfg.STEPWISE_ACCOUNT_ID };
  const startBucket = new TokenBucket(cfg.STEPWISE_START_RATE, cfg.STEPWISE_START_BURST, deps.now);
  const raw = express.raw({ type: () => true, limit: bodyLimitBytes(cfg.STEPWISE_MAX_PAYLOAD_BYTES) });

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(requestState(deps, scope));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await pingWithin(deps.ping, READY_PING_MS);
      res.json({ status: 'ready', redis: 'ok' });
    } catch (e) {
      res.status(503).json({ status: 'not ready', redis: e instanceof Error ? e.message : 'unreachable' });
    }
  });
  app.get('/metrics', async (_req, res) => {
    if (!deps.metrics) {
      res.status(404).type('text/plain').send('metrics are not enabled\n');
      return;
    }
    const m = await deps.metrics.exposition();
    res.type(m.contentType).send(m.body);
  });
  app.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument);
  });
  app.get('/docs', (_req, res) => {
    res.type('html').send(referencePage);
  });

  const opts = { startBucket };
  app.post('/', raw, authenticate(cfg, 'aws', deps.now), awsJsonHandler(opts));
  app.use('/v1', raw, authenticate(cfg, 'rest', deps.now), restRouter(opts));
  app.use(consoleRouter(deps.consoleDir)); // the console (services/console/dist): GET / and its deep links

  app.use((req: Request, res: Response) => {
    sendError(res, new ApiError('NotFoundException', `No route for ${req.method} ${req.path}`), 'application/json');
  });
  // Body parser failures: too large, or a broken stream.
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const state = res.locals.sw as RequestState | undefined;
    const tooLarge = typeof err === 'object' && err !== null && 'type' in err && err.type === 'entity.too.large';
    const apiErr = tooLarge
      ? new ApiError('RequestEntityTooLargeException', `Request body exceeds ${bodyLimitBytes(cfg.STEPWISE_MAX_PAYLOAD_BYTES)} bytes`)
      : new ApiError('SerializationException', 'Could not read the request body.');
    if (state) state.error = apiErr.type;
    if (!res.headersSent) sendError(res, apiErr, req.path === '/' ? AWS_JSON : 'application/json');
  });
  return app;
}
