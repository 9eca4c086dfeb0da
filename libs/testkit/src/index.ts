export { startRedis, freePort, dockerEngineAnswers } from './redis.js';
export type { RedisServer, RedisServerOptions } from './redis.js';
export { uniquePrefix } from './prefix.js';
