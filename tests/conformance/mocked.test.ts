/**
 * Conformance with mocks: the mockable integration and callback cases of the conformance corpus (../shared/conformance,
 * read in place), run through runInMemory with their recorded responses as AWS MockConfigFile
 * mocks (test case `Recorded`), and compared as the corpus README says: status, then output
 * (placeholders such as "<uuid:1>" match any string, the same placeholder the same value), error
 * and cause (a JSON cause compared parsed).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Json } from '@stepwise/asl';
import { parseMockConfig, runObserved, selectTestCase } from '@stepwise/testing';

const CASES_DIR = fileURLToPath(new URL('../../../shared/conformance/cases', import.meta.url));

interface MockedCase {
  readonly file: string;
  readonly id: string;
  readonly definition: Json;
  readonly input: Json;
  readonly expected: { status: string; output?: Json; error?: string; cause?: Json };
  readonly mocks: unknown;
  readonly historyTypes?: readonly string[];
}

function mockableCases(): MockedCase[] {
  if (!existsSync(CASES_DIR)) return [];
  return readdirSync(CASES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ file: f, ...(JSON.parse(readFileSync(join(CASES_DIR, f), 'utf8')) as Omit<MockedCase, 'file'> & { mockable?: boolean }) }))
    .filter((c) => (c as { mockable?: boolean }).mockable === true);
}

type Verdict = { readonly pass: true } | { readonly pass: false; readonly reason: string };

async function runMockedCase(c: MockedCase): Promise<Verdict> {
  const config = parseMockConfig(c.mocks, `${c.file}#/mocks`);
  const [name] = [...config.stateMachines.keys()];
  if (name === undefined) return { pass: false, reason: 'the case has no state machine in its mocks' };
  const mocks = selectTestCase(config, name, 'Recorded');
  const run = await runObserved(c.definition, c.input, { stateMachineName: name, mocks });
  const types = run.result.events.map((e) => e.type);
  historyTally.total++;
  const sameHistory = c.historyTypes === undefined || (types.length === c.historyTypes.length && types.every((t, i) => t === c.historyTypes?.[i]));
  if (sameHistory) historyTally.same++;
  const bindings = new Map<string, string>();
  if (run.status !== c.expected.status) {
    return { pass: false, reason: `status ${run.status}, expected ${c.expected.status}${run.error !== undefined ? ` (${run.error}: ${truncate(run.cause ?? '')})` : ''}` };
  }
  if (c.expected.output !== undefined && !matches(c.expected.output, run.output, bindings)) {
    return { pass: false, reason: `output ${truncate(JSON.stringify(run.output))}, expected ${truncate(JSON.stringify(c.expected.output))}` };
  }
  if (c.expected.error !== undefined && !matches(c.expected.error, run.error, bindings)) {
    return { pass: false, reason: `error ${run.error}, expected ${c.expected.error}` };
  }
  if (c.expected.cause !== undefined) {
    const actual = typeof c.expected.cause === 'string' ? run.cause : parseOr(run.cause);
    if (!matches(c.expected.cause, actual, bindings)) return { pass: false, reason: `cause ${truncate(run.cause ?? '(none)')}, expected ${truncate(typeof c.expected.cause === 'string' ? c.expected.cause : JSON.stringify(c.expected.cause))}` };
  }
  if (!sameHistory && !(c.id in KNOWN_MOCKED_HISTORY_DIFFERENCES)) {
    const at = types.findIndex((t, i) => t !== c.historyTypes?.[i]);
    const i = at < 0 ? types.length : at;
    return { pass: false, reason: `history event types differ at #${i + 1}: got ${types.slice(i, i + 3).join(', ') || '(end)'}, expected ${c.historyTypes?.slice(i, i + 3).join(', ') || '(end)'}` };
  }
  return { pass: true };
}

/**
 * Cases whose result matches but whose history event types cannot (the second, stricter check
 * of the corpus README), each with its reason.
 */
const KNOWN_MOCKED_HISTORY_DIFFERENCES: Readonly<Record<string, string>> = {};

const PLACEHOLDER = /<[^<>]+>/;

/** Deep equality where a string holding `<name>` matches any string, one value per placeholder. */
function matches(expected: Json, actual: Json | undefined, bindings: Map<string, string>): boolean {
  if (typeof expected === 'string' && PLACEHOLDER.test(expected) && typeof actual === 'string') {
    if (expected === actual) return true;
    const pattern = new RegExp(`^${expected.split(/(<[^<>]+>)/).map((part) => (PLACEHOLDER.test(part) ? '(.+?)' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('')}$`);
    const m = pattern.exec(actual);
    if (!m) return false;
    const names = expected.match(/<[^<>]+>/g) ?? [];
    return names.every((n, i) => {
      const v = m[i + 1] as string;
      const bound = bindings.get(n);
      if (bound === undefined) bindings.set(n, v);
      return bound === undefined || bound === v;
    });
  }
  if (Array.isArray(expected)) return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => matches(e, actual[i], bindings));
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
    const keys = Object.keys(expected);
    return keys.length === Object.keys(actual).length && keys.every((k) => k in actual && matches((expected as Record<string, Json>)[k] as Json, (actual as Record<string, Json>)[k], bindings));
  }
  return expected === actual;
}

function parseOr(text: string | undefined): Json | undefined {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as Json;
  } catch {
    return text;
  }
}

function truncate(s: string, n = 300): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

const historyTally = { same: 0, total: 0 };

/**
 * Mockable cases that cannot pass, each with its reason (docs/feature-support.md lists them).
 * The test fails when one of them starts to pass, so the list stays true.
 */
const KNOWN_MOCKED_FAILURES: Readonly<Record<string, string>> = {};

const cases = mockableCases();

describe.skipIf(cases.length === 0)('conformance: mockable integration and callback cases, with their recorded responses as mocks', () => {
  const results: { id: string; verdict: Verdict }[] = [];

  afterAll(() => {
    const passed = results.filter((r) => r.verdict.pass).length;
    const pct = (n: number, d: number) => (d === 0 ? '-' : `${((n / d) * 100).toFixed(1)}%`);
    console.log(
      `mocked conformance: ${passed}/${results.length} pass (${pct(passed, results.length)}); history event types identical in ${historyTally.same}/${historyTally.total} (${pct(historyTally.same, historyTally.total)})`,
    );
    for (const r of results) if (!r.verdict.pass) console.log(`  known failure: ${r.id}\n    ${r.verdict.reason}`);
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s', async (id, c) => {
    const verdict = await runMockedCase(c);
    results.push({ id, verdict });
    const known = KNOWN_MOCKED_FAILURES[id];
    if (known !== undefined) {
      expect(verdict.pass, `a known failure now passes: remove it from KNOWN_MOCKED_FAILURES (${known})`).toBe(false);
    } else {
      expect(verdict.pass ? 'pass' : verdict.reason).toBe('pass');
    }
  });

  it('the corpus still has its 79 mockable cases', () => {
    expect(cases).toHaveLength(79);
  });
});
