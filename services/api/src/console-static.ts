/**
 * Serves the console's built files (services/console/dist) on the api's own port: `GET /` and the
 * console's deep links (`/state-machines/*`, `/executions/*`, `/approvals`, `/activities`) answer
 * index.html, `/assets/*` the hashed bundles. Only GET/HEAD are handled, so the AWS protocol keeps
 * `POST /`. Owned by the console (issue 7); mounted with one line in the app.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import express, { type Router } from 'express';

/** services/console/dist, found from this module (src/ in tests, dist/ when built). */
export function defaultConsoleDir(): string {
  return fileURLToPath(new URL('../../console/dist', import.meta.url));
}

const DEEP_LINK = /^\/(?:$|state-machines(?:\/.*)?$|executions(?:\/.*)?$|approvals\/?$|activities\/?$|preview\/?$)/;

/**
 * A router for the console. When the console has not been built it answers the console's paths
 * with a short text saying how to build it, instead of a bare 404.
 */
export function consoleRouter(dir: string = defaultConsoleDir()): Router {
  const router = express.Router();
  const index = path.join(dir, 'index.html');
  let html: string | undefined;
  // Read lazily, so a console built after the api started is served without a restart.
  const page = (): string | undefined => (html ??= existsSync(index) ? readFileSync(index, 'utf8') : undefined);
  router.use('/assets', express.static(path.join(dir, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: false }));
  router.get(DEEP_LINK, (req, res, next) => {
    // A REST or protocol client asking for JSON on GET / is not a browser: let other routes answer.
    if (req.path === '/' && !req.accepts('html')) return next();
    const body = page();
    if (body === undefined) {
      res.status(404).type('text/plain').send('The console is not built: run `npm run build` (or `npm run build -w @stepwise/console`).\n');
      return;
    }
    res.set('Cache-Control', 'no-cache').type('html').send(body);
  });
  return router;
}
