export { configSchema } from './schema.js';
export type { Config } from './schema.js';
export { loadConfig, ConfigError } from './load.js';
export { loadConfigOrExit, CONFIG_ERROR_EXIT_CODE, type ExitIo } from './or-exit.js';
export { redactConfig } from './redact.js';
