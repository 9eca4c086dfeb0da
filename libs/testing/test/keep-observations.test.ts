// A suite's results keep the observation of the cases that failed (what a reader looks into);
// every case's with `keepObservations: 'all'`. Verdicts and coverage are the same either way.
import { describe, expect, it } from 'vitest';
import { coverageOf, inMemoryExecutor, loadTestText, runSuite, summarizeCoverage } from '@stepwise/testing';

const text = JSON.stringify({
  stateMachine: { name: 'm', definition: { StartAt: 'P', States: { P: { Type: 'Pass', Result: 1, ResultPath: '$.n', End: true } } } },
  cases: [
    { name: 'passes', input: {}, expect: { status: 'SUCCEEDED', output: { n: 1 } } },
    { name: 'fails', input: {}, expect: { output: { n: 2 } } },
  ],
});

describe('keepObservations', () => {
  it("keeps the failed cases' observations by default, every case's with 'all'", async () => {
    const suite = await loadTestText(text, 'm.test.json');
    const coverageA = coverageOf('m', suite.definition);
    const coverageB = coverageOf('m', suite.definition);
    const byDefault = await runSuite(suite, inMemoryExecutor(), coverageA);
    const all = await runSuite(suite, inMemoryExecutor(), coverageB, { keepObservations: 'all' });
    expect(byDefault.cases.map((c) => [c.name, c.status, c.observation?.entered])).toEqual([
      ['passes', 'passed', undefined],
      ['fails', 'failed', ['P']],
    ]);
    expect(all.cases.map((c) => [c.name, c.status, c.observation?.entered])).toEqual([
      ['passes', 'passed', ['P']],
      ['fails', 'failed', ['P']],
    ]);
    expect(byDefault.cases.map((c) => c.failures)).toEqual(all.cases.map((c) => c.failures));
    expect(summarizeCoverage(coverageA)).toEqual(summarizeCoverage(coverageB));
    expect(summarizeCoverage(coverageA).states).toMatchObject({ covered: 1, total: 1 });
  });
});
