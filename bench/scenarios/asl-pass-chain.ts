/**
 * asl-pass-chain: a 10-state Pass chain with Parameters and ResultPath, the interpreter's
 * per-transition cost on the most common data-flow fields. Goal: ≥5× aws-local-stepfunctions.
 */
import { compareEngines, type BenchResult } from './harness.js';

const STATES = 10;

function definition(): unknown {
  const states: Record<string, unknown> = {};
  for (let i = 0; i < STATES; i++) {
    states[`S${i}`] = {
      Type: 'Pass',
      Parameters: { 'step.$': '$.step', 'name': `S${i}`, 'payload.$': '$.payload' },
      ResultPath: '$.last',
      ...(i === STATES - 1 ? { End: true } : { Next: `S${i + 1}` }),
    };
  }
  return { StartAt: 'S0', States: states };
}

export async function run(): Promise<BenchResult[]> {
  const input = { step: 1, payload: { a: [1, 2, 3], b: 'text' } };
  return compareEngines('asl-pass-chain', definition(), input, STATES, { stepwise: 3000, baseline: 1000 }, (o) =>
    (o as { last?: { name?: string } }).last?.name === `S${STATES - 1}`,
  );
}
