// The public surface of @stepwise/cli: the command as a function, for tests and embedding.
export { main } from './cli.js';
export { processIo, UsageError, type CliIo } from './io.js';
export { findTestFiles } from './find-test-files.js';
export { endpointExecutor, type EndpointOptions } from './endpoint-executor.js';
