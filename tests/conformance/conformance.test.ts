/**
 * The conformance suite: every self-contained case recorded on real AWS
 * (/work/shared/conformance/cases, read in place) runs through runInMemory and is compared as
 * the cases' README says; so do the mockable `integrations` and `callbacks` cases, their Task
 * states answered from the recorded responses (mocks.ts), and the not-mockable ones whose task
 * timed out or failed bare (served.ts). A case outside KNOWN_FAILURES that fails, fails the suite; pass rates
 * per category and per feature are printed. Skips cleanly where the cases are absent.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runInMemory } from '@stepwise/asl';
import { differences, historyMatches, type ConformanceCase } from './compare.js';
import { KNOWN_FAILURES } from './known-failures.js';
import { mockTaskHandler } from './mocks.js';
import { servedTaskHandler } from './served.js';

const CASES = fileURLToPath(new URL('../../../shared/conformance/cases/', import.meta.url));
const present = existsSync(CASES);

function load(): ConformanceCase[] {
  if (!present) return [];
  return readdirSync(CASES)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(CASES + f, 'utf8')) as ConformanceCase)
    .filter((c) => c.category === 'self-contained' || c.mockable === true || servedTaskHandler(c.notMockableReason) !== undefined);
}

/** The recording's environment: LocalStack's account id and role ARN stand in the cases as plain text. */
const RUN_OPTIONS = { seed: 7, accountId: '111111111111', roleArn: 'snf_role_arn', stateMachineName: 'StateMachine' } as const;

const tally = {
  byFeature: new Map<string, [number, number]>(),
  byCategory: new Map<string, [number, number, number]>(),
};

function count(c: ConformanceCase, ok: boolean, history: boolean): void {
  const group = c.category === 'self-contained' ? c.category : `${c.category} (${c.mockable === true ? 'mocked' : 'timeouts and bare failures, served'})`;
  const [p, h, t] = tally.byCategory.get(group) ?? [0, 0, 0];
  tally.byCategory.set(group, [p + (ok ? 1 : 0), h + (history ? 1 : 0), t + 1]);
  for (const f of c.features) {
    const [p, t] = tally.byFeature.get(f) ?? [0, 0];
    tally.byFeature.set(f, [p + (ok ? 1 : 0), t + 1]);
  }
}

describe.skipIf(!present)('conformance: cases recorded on AWS', () => {
  const cases = load();

  it.each(cases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const served = servedTaskHandler(c.notMockableReason);
    const options =
      c.mockable === true ? { ...RUN_OPTIONS, taskHandler: mockTaskHandler(c.mocks) } : served !== undefined ? { ...RUN_OPTIONS, taskHandler: served } : RUN_OPTIONS;
    const r = await runInMemory(structuredClone(c.definition), structuredClone(c.input), options);
    const diff = differences(c, r);
    const history = historyMatches(c, r);
    count(c, diff.length === 0, history);
    // every history is well-formed: ids 1..n, each previousEventId points back
    expect(r.events.every((e, i) => e.id === i + 1 && e.previousEventId < e.id)).toBe(true);
    const known = KNOWN_FAILURES[c.id];
    if (known?.scope === 'result') return;
    expect(diff, `result differs from AWS: ${diff.join('; ')}`).toEqual([]);
    if (known?.scope === 'history') return;
    expect(r.events.map((e) => e.type)).toEqual(c.historyTypes);
  });

  it('every known failure names a case that exists', () => {
    const ids = new Set(cases.map((c) => c.id));
    expect(Object.keys(KNOWN_FAILURES).filter((id) => !ids.has(id))).toEqual([]);
  });

  afterAll(() => {
    const pct = (p: number, t: number): string => `${p}/${t} (${((100 * p) / (t || 1)).toFixed(1)}%)`;
    const lines: string[] = [];
    for (const [cat, [p, h, t]] of [...tally.byCategory].sort()) lines.push(`conformance ${cat}: result ${pct(p, t)}, history ${pct(h, t)}`);
    lines.push('per feature:');
    for (const [f, [p, t]] of [...tally.byFeature].sort()) lines.push(`  ${f.padEnd(24)} ${pct(p, t)}`);
    console.log(lines.join('\n'));
  });
});
