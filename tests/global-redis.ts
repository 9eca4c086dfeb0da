// Starts one real Redis for the whole vitest run and hands its URL to every test through
// `inject('redisUrl')`. Tests that restart Redis start their own with @stepwise/testkit.
import type { TestProject } from 'vitest/node';
import { startRedis, type RedisServer } from '../libs/testkit/src/index.js';

let server: RedisServer | undefined;

export async function setup(project: TestProject): Promise<void> {
  server = await startRedis();
  project.provide('redisUrl', server.url);
}

export async function teardown(): Promise<void> {
  await server?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}
