#!/bin/sh
# Entry point of the Stepwise image: the first argument selects the service.
#   api        the AWS-protocol/REST api on $PORT (default 8083)
#   scheduler  timers, timeouts, sweeps; leader by Redis lease; ops port $PORT (default 9464)
#   worker     queue consumers; ops port $PORT (default 9464)
#   all        the three in one process (local use)
# Anything else is run as a command (e.g. `sh`). OpenTelemetry is preloaded with --import so
# express, http and ioredis are instrumented when OTEL_EXPORTER_OTLP_ENDPOINT is set.
set -eu
APP_DIR="${APP_DIR:-/app}"
role="${1:-api}"
case "$role" in
  api | scheduler | worker | all)
    shift || true
    if [ "$role" = all ]; then main="services/all-in-one/dist/main.js"; else main="services/$role/dist/main.js"; fi
    if [ "$role" = api ] || [ "$role" = all ]; then export PORT="${PORT:-8083}"; else export PORT="${PORT:-9464}"; fi
    exec node --enable-source-maps --import "$APP_DIR/libs/observability/dist/register.js" "$APP_DIR/$main" "$@"
    ;;
  *)
    exec "$@"
    ;;
esac
