export { configSchema } from './schema.js';
export type { Config } from './schema.js';
export { loadConfig, ConfigError } from './load.js';
export { redactConfig } from './redact.js';
