/**
 * engine-pass-chain: durable state transitions per second of a 10-state Pass chain (STANDARD,
 * full history, one commit per execution thanks to run-until-blocked) against a bare BullMQ
 * chain of 10 jobs on the same Redis (AOF everysec). Goal: ≥ 2×.
 */
import { chainRatio } from './engine-chain-ratio.js';
import { passChain } from './engine-common.js';

const STATES = 10;

export function run(): Promise<unknown[]> {
  return chainRatio({ scenario: 'engine-pass-chain', definition: passChain(STATES), executions: 1000, states: STATES, warmup: 50, timeoutMs: 120_000, goal: '>= 2' });
}
