// The image's HEALTHCHECK: GET /readyz on this container's service port. Node only (no curl in
// the slim base image); exits 0 when ready, 1 otherwise.
const port = process.env.PORT ?? '8083';
const ctrl = new AbortController();
setTimeout(() => ctrl.abort(), 2500).unref();
fetch(`http://127.0.0.1:${port}/readyz`, { signal: ctrl.signal }).then(
  (res) => process.exit(res.ok ? 0 : 1),
  () => process.exit(1),
);
