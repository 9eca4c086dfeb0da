#!/bin/sh
# Run in the image's build stage after `npm run build` and `npm prune --omit=dev`: removes what
# the running services do not need (TypeScript sources, tests, build info, the console's
# sources) and keeps what they read at run time next to their sources (the engine's Lua
# scripts under libs/engine/src/scripts). Checked by tests/deploy/dockerfile.test.ts.
set -eu
cd "${1:-.}"
find libs services -mindepth 2 -maxdepth 2 -name test -type d -prune -exec rm -rf {} +
find libs services -path '*/src/*' \( -name '*.ts' -o -name '*.tsx' -o -name '*.css' -o -name '*.md' \) -type f -delete
find libs services -name '*.tsbuildinfo' -type f -delete
rm -rf libs/testkit services/console/src services/console/node_modules services/console/scripts
# Drop the folders left empty by the deletions.
find libs services -type d -empty -delete
