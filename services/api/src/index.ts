// The public surface of @stepwise/api: the app factory (main.ts and the all-in-one process listen).
export { createApp, bodyLimitBytes } from './app.js';
export type { AppDeps, ApiLogger, ApiMetrics, DefinitionValidator, Diagnostic } from './deps.js';
export { actions } from './actions/table.js';
export { startApi, DEFAULT_PORT } from './server.js';
export type { ApiHandle, StartApiOptions } from './server.js';
export { productionDeps, aslValidator } from './wiring.js';
