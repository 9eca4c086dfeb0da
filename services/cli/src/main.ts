#!/usr/bin/env node
// The `stepwise` executable (package.json "bin"): runs the command and exits with its status.
import { main } from './cli.js';
import { processIo } from './io.js';

process.exitCode = await main(process.argv.slice(2), processIo());
