/**
 * Shared measuring for the libs/asl scenarios: runs one definition through @stepwise/asl's
 * runInMemory and through aws-local-stepfunctions (the baseline, measured in the same process)
 * and returns JSON-line results with state transitions per second and the ratio.
 */
import { performance } from 'node:perf_hooks';
import { compile, runInMemory } from '@stepwise/asl';

export interface BenchResult {
  readonly scenario: string;
  readonly engine: string;
  readonly runs?: number;
  readonly transitions?: number;
  readonly ms?: number;
  readonly transitionsPerSecond?: number;
  readonly ratio?: number;
  readonly note?: string;
}

interface Baseline {
  run(definition: unknown, input: unknown): Promise<unknown>;
}

async function loadBaseline(): Promise<Baseline | string> {
  try {
    const mod = (await import('aws-local-stepfunctions')) as unknown as {
      StateMachine: new (def: unknown, opts?: unknown) => { run(input: unknown): { result: Promise<unknown> } };
    };
    const cache = new Map<unknown, { run(input: unknown): { result: Promise<unknown> } }>();
    return {
      async run(definition, input) {
        let sm = cache.get(definition);
        if (sm === undefined) {
          sm = new mod.StateMachine(definition, { validationOptions: { checkPaths: false, checkArn: false } });
          cache.set(definition, sm);
        }
        return sm.run(input).result;
      },
    };
  } catch (e) {
    return `aws-local-stepfunctions did not load on Node ${process.version}: ${e instanceof Error ? e.message : String(e)}`;
  }
}

async function time(runs: number, once: () => Promise<void>): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < runs; i++) await once();
  return performance.now() - start;
}

/** Rounds alternate the engines; the best round of each counts (the machine is shared and noisy). */
const ROUNDS = 5;

/** Measures both engines on one definition; `transitions` is the state transitions of one run. */
export async function compareEngines(
  scenario: string,
  definition: unknown,
  input: unknown,
  transitions: number,
  runs: { stepwise: number; baseline: number },
  check: (output: unknown) => boolean,
): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  // Both engines prepare the definition once (the baseline's StateMachine is built once too).
  const compiled = compile(definition);
  if (!compiled.ok) return [{ scenario, engine: 'stepwise', note: `invalid definition: ${JSON.stringify(compiled.diagnostics)}` }];
  const program = compiled.program;
  const first = await runInMemory(program, input);
  if (first.status !== 'SUCCEEDED' || !check(first.output)) {
    return [{ scenario, engine: 'stepwise', note: `wrong result: ${first.status} ${first.error ?? ''} ${first.cause ?? ''}` }];
  }
  const ours = async (): Promise<void> => {
    await runInMemory(program, input);
  };
  const baseline = await loadBaseline();
  let theirs: (() => Promise<void>) | undefined;
  let note: string | undefined;
  if (typeof baseline === 'string') note = baseline;
  else if (!check(await baseline.run(definition, input))) note = 'baseline returned a different result';
  else theirs = async () => void (await baseline.run(definition, input));
  await time(Math.min(3, runs.stepwise), ours); // warm-up
  if (theirs) await time(Math.min(3, runs.baseline), theirs);
  let ms = Infinity;
  let bms = Infinity;
  for (let round = 0; round < ROUNDS; round++) {
    ms = Math.min(ms, await time(runs.stepwise, ours));
    if (theirs) bms = Math.min(bms, await time(runs.baseline, theirs));
  }
  const oursTps = (transitions * runs.stepwise * 1000) / ms;
  results.push({ scenario, engine: 'stepwise', runs: runs.stepwise, transitions, ms: Math.round(ms), transitionsPerSecond: Math.round(oursTps) });
  if (theirs === undefined) {
    results.push({ scenario, engine: 'aws-local-stepfunctions', note: note ?? 'not measured' });
    return results;
  }
  const theirsTps = (transitions * runs.baseline * 1000) / bms;
  results.push({ scenario, engine: 'aws-local-stepfunctions', runs: runs.baseline, transitions, ms: Math.round(bms), transitionsPerSecond: Math.round(theirsTps) });
  results.push({ scenario, engine: 'ratio', ratio: Number((oursTps / theirsTps).toFixed(2)) });
  return results;
}
