/**
 * RedriveExecution arms the state machine's TimeoutSeconds again, in full from the redrive: a
 * redriven execution that then runs too long times out (States.Timeout), one that finishes within
 * TimeoutSeconds of its redrive succeeds even though the first attempt's deadline has passed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { StatesError } from '@stepwise/asl';
import { harness, type Harness } from './harness.js';

const LAMBDA = 'arn:aws:states:::lambda:invoke';
// time scale 5: TimeoutSeconds 3 is 600 ms
const SCALE = 5;

function machine(waitSeconds: number) {
  return {
    TimeoutSeconds: 3,
    StartAt: 'T',
    States: {
      T: { Type: 'Task', Resource: LAMBDA, Parameters: { FunctionName: 'f', Payload: {} }, Next: 'W' },
      W: { Type: 'Wait', Seconds: waitSeconds, End: true },
    },
  };
}

describe('RedriveExecution and the execution timeout', () => {
  let h: Harness;
  afterEach(async () => h.close());

  async function failThenRedrive(name: string, waitSeconds: number): Promise<{ arn: string; redriveDate: number }> {
    let fail = true;
    h = await harness({
      timeScale: SCALE,
      integrations: { handlers: { [LAMBDA]: async () => { if (fail) throw new StatesError('Down', 'first attempt'); return { Payload: 1 }; } } },
    });
    const arn = await h.start(name, machine(waitSeconds));
    expect((await h.waitDone(arn)).status).toBe('FAILED');
    // the first attempt's deadline (start + 600 ms) passes before the redrive
    await new Promise((r) => setTimeout(r, 700));
    fail = false;
    const { redriveDate } = await h.engine.redriveExecution(arn);
    return { arn, redriveDate };
  }

  it('a redriven execution that waits past TimeoutSeconds from its redrive times out', async () => {
    const { arn, redriveDate } = await failThenRedrive('redrive-timeout-late', 10);
    const d = await h.waitDone(arn, 5000);
    expect(d.status).toBe('TIMED_OUT');
    expect(d.error).toBe('States.Timeout');
    const stopDate = d.stopDate ?? 0;
    // due at redrive + 600 ms (not at once, not after the 2 s Wait)
    expect(stopDate - redriveDate).toBeGreaterThanOrEqual(600);
    expect(stopDate - redriveDate).toBeLessThan(1900);
    const types = (await h.history(arn)).map((e) => e.type);
    expect(types.slice(types.indexOf('ExecutionRedriven')).slice(-1)).toEqual(['ExecutionTimedOut']);
  });

  it('a redriven execution that ends within TimeoutSeconds of its redrive succeeds', async () => {
    const { arn } = await failThenRedrive('redrive-timeout-in-time', 1);
    const d = await h.waitDone(arn, 5000);
    expect(d.status).toBe('SUCCEEDED');
  });
});
