/**
 * engine-task-chain: transitions per second of a 10-Task chain served by an in-process handler
 * (each Task: commit, task job, dispatch, complete-task, advance job) against the bare BullMQ
 * 10-job chain on the same Redis (AOF everysec). Goal: ≥ 0.35×.
 */
import { chainRatio } from './engine-chain-ratio.js';
import { taskChain } from './engine-common.js';

const STATES = 10;

export function run(): Promise<unknown[]> {
  return chainRatio({
    scenario: 'engine-task-chain', definition: taskChain(STATES, 'bench:echo'), executions: 300, states: STATES, warmup: 20, timeoutMs: 180_000, goal: '>= 0.35',
    handlers: { 'bench:echo': async (x) => x },
  });
}
