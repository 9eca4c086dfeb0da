/**
 * `stepwise test [paths]`: finds test files, runs their cases in memory (or against `--endpoint`),
 * prints a result per case with the first difference, coverage as a table (and JSON), JUnit XML
 * with `--reporter junit`, exit status 1 on any failure or coverage under the threshold.
 * `--watch` re-runs when a file under the watched folders changes.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { watch } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  belowThreshold,
  coverageJson,
  coverageTable,
  formatConsoleReport,
  formatJUnit,
  importHandlers,
  inMemoryExecutor,
  runTestFiles,
  succeeded,
  summarizeCoverage,
  type CaseExecutor,
} from '@stepwise/testing';
import { findTestFiles } from '../find-test-files.js';
import { endpointExecutor } from '../endpoint-executor.js';
import { UsageError, type CliIo } from '../io.js';

export const TEST_USAGE = `Usage: stepwise test [paths...] [options]

Runs Stepwise test files (*.test.json, *.test.yaml, *.sfn-test.*, *.stepwise.*) found under the
paths (default: the current folder).

Options:
  --reporter <console|junit>   junit: write JUnit XML (to --output-file, else stdout)
  --output-file <file>         where --reporter junit writes
  --coverage-file <file>       coverage JSON (default stepwise-coverage.json; "none" to skip)
  --coverage-threshold <N>     fail when a state machine's coverage is under N percent
  --endpoint <url>             run end to end against a running Stepwise over the AWS protocol
  --handlers <module>          local handlers (state name or resource → function) for every file
  --filter <text>              only cases whose name contains the text
  --watch                      re-run on changes
  -h, --help                   show this help
Exit status: 0 when every case passed, 1 otherwise, 2 on a usage error.`;

export async function testCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      reporter: { type: 'string', default: 'console' },
      'output-file': { type: 'string' },
      'coverage-file': { type: 'string', default: 'stepwise-coverage.json' },
      'coverage-threshold': { type: 'string' },
      endpoint: { type: 'string' },
      handlers: { type: 'string' },
      filter: { type: 'string' },
      watch: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout(`${TEST_USAGE}\n`);
    return 0;
  }
  const reporter = values.reporter;
  if (reporter !== 'console' && reporter !== 'junit') throw new UsageError(`unknown reporter '${reporter}' (console or junit)`);
  const thresholdText = values['coverage-threshold'];
  const threshold = thresholdText === undefined ? undefined : Number(thresholdText);
  if (threshold !== undefined && !(Number.isFinite(threshold) && threshold >= 0 && threshold <= 100)) {
    throw new UsageError('--coverage-threshold is a percentage between 0 and 100');
  }
  const handlers = values.handlers !== undefined ? await importHandlers(resolve(io.cwd, values.handlers)) : undefined;

  /** Folders of files the test files read (definitions, mocks, handlers), watched beside the paths. */
  const used = new Set<string>();
  const once = async (): Promise<number> => {
    const files = await findTestFiles(positionals, io.cwd);
    if (files.length === 0) {
      io.stderr('No test files found.\n');
      return 1;
    }
    const executor: CaseExecutor = values.endpoint !== undefined ? endpointExecutor({ endpoint: values.endpoint }) : inMemoryExecutor(handlers ? { handlers } : {});
    try {
      const { suites, coverage } = await runTestFiles(files, executor, values.filter !== undefined ? { filter: values.filter } : {});
      for (const s of suites) for (const f of s.uses ?? []) used.add(dirname(f));
      const human = (text: string) => (reporter === 'junit' && values['output-file'] === undefined ? io.stderr(text) : io.stdout(text));
      human(`${formatConsoleReport(suites, { color: io.color, cwd: io.cwd })}\n`);
      const summaries = coverage.map(summarizeCoverage);
      human(`\nCoverage (states entered, Choice rules taken, Retry and Catch paths)\n${coverageTable(summaries)}\n`);
      const coverageFile = values['coverage-file'];
      if (coverageFile !== 'none') {
        const path = resolve(io.cwd, coverageFile);
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, `${JSON.stringify(coverageJson(coverage), null, 2)}\n`);
        human(`Coverage written to ${relative(io.cwd, path) || path}\n`);
      }
      if (reporter === 'junit') {
        const xml = formatJUnit(suites);
        if (values['output-file'] !== undefined) {
          const path = resolve(io.cwd, values['output-file']);
          await mkdir(dirname(path), { recursive: true });
          await writeFile(path, xml);
          human(`JUnit report written to ${relative(io.cwd, path) || path}\n`);
        } else io.stdout(xml);
      }
      let ok = succeeded(suites);
      if (threshold !== undefined) {
        const low = belowThreshold(summaries, threshold);
        for (const s of low) human(`Coverage of ${s.stateMachine} is ${s.all.percent}%, under the threshold of ${threshold}%\n`);
        if (low.length > 0) ok = false;
      }
      return ok ? 0 : 1;
    } finally {
      await executor.close?.();
    }
  };

  if (!values.watch) return once();
  const roots = positionals.length > 0 ? positionals.map((p) => resolve(io.cwd, p)) : [io.cwd];
  const outputs = new Set([values['coverage-file'], values['output-file']].filter((f): f is string => f !== undefined && f !== 'none').map((f) => resolve(io.cwd, f)));
  return watchLoop(once, () => [...new Set([...roots, ...used])].filter((d, _i, all) => !all.some((o) => o !== d && d.startsWith(`${o}/`))), outputs, io);
}

/**
 * Runs, then re-runs after changes (debounced) until the signal aborts or the process ends. The
 * watched folders are the given paths plus those of the files the test files read.
 */
async function watchLoop(once: () => Promise<number>, roots: () => string[], outputs: ReadonlySet<string>, io: CliIo): Promise<number> {
  let last = await once();
  io.stderr('\nWatching for changes (Ctrl-C to stop)...\n');
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  const watchers = roots().map((root) =>
    watch(root, { recursive: true }, (_event, name) => {
      // Our own reports (coverage JSON, JUnit XML) must not trigger the next run.
      if (name !== null && (outputs.has(resolve(root, name.toString())) || /(^|[/\\])(node_modules|\.git|dist)([/\\]|$)/.test(name.toString()))) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        running = running.then(async () => {
          io.stderr(`\n${name?.toString() ?? 'a file'} changed: running again\n\n`);
          last = await once().catch((e: unknown) => {
            io.stderr(`${e instanceof Error ? e.message : String(e)}\n`);
            return 1;
          });
        });
      }, 100);
    }),
  );
  await new Promise<void>((done) => {
    if (io.signal?.aborted) return done();
    io.signal?.addEventListener('abort', () => done(), { once: true });
    process.once('SIGINT', () => done());
  });
  clearTimeout(timer);
  for (const w of watchers) w.close();
  await running;
  return last;
}
