/**
 * asl-choice-loop: a Choice + Pass loop run 1,000 times (a counter incremented with
 * States.MathAdd), the cost of control flow within one run-until-blocked step.
 * Goal: ≥5× aws-local-stepfunctions.
 */
import { compareEngines, type BenchResult } from './harness.js';

const LOOPS = 1000;

const definition = {
  StartAt: 'Check',
  States: {
    Check: {
      Type: 'Choice',
      Choices: [{ Variable: '$.i', NumericLessThan: LOOPS, Next: 'Increment' }],
      Default: 'Done',
    },
    Increment: { Type: 'Pass', Parameters: { 'i.$': 'States.MathAdd($.i, 1)' }, Next: 'Check' },
    Done: { Type: 'Succeed' },
  },
};

export async function run(): Promise<BenchResult[]> {
  // transitions: LOOPS × (Choice + Pass) + the last Choice + Succeed
  return compareEngines('asl-choice-loop', definition, { i: 0 }, 2 * LOOPS + 2, { stepwise: 20, baseline: 5 }, (o) => (o as { i?: number }).i === LOOPS);
}
