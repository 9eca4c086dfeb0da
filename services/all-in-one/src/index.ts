// The public surface of @stepwise/all-in-one: api + scheduler + worker in one process.
export { startAllInOne, PortInUseError } from './all-in-one.js';
export type { AllInOne } from './all-in-one.js';
export { startEmbeddedRedis, EmbeddedRedisError, INSTALL_HINT, PREFERRED_PORT } from './embedded-redis.js';
export type { EmbeddedRedis } from './embedded-redis.js';
