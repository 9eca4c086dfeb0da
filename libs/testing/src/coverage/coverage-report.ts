/**
 * Coverage as people read it (a table per state machine) and as tools read it (JSON), and the
 * threshold check of `--coverage-threshold`.
 */
import type { Coverage, CoverageCount, CoverageSummary } from './coverage-model.js';
import { summarizeCoverage } from './coverage-model.js';

export function coverageTable(summaries: readonly CoverageSummary[]): string {
  const header = ['State machine', 'States', 'Choice rules', 'Retry', 'Catch', 'All'];
  const cell = (c: CoverageCount): string => (c.total === 0 ? '-' : `${c.covered}/${c.total} (${c.percent}%)`);
  const rows = summaries.map((s) => [s.stateMachine, cell(s.states), cell(s.choiceRules), cell(s.retries), cell(s.catches), cell(s.all)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cols: string[]): string => `| ${cols.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  const uncovered = summaries
    .filter((s) => s.uncovered.length > 0)
    .map((s) => `  ${s.stateMachine}: not covered: ${s.uncovered.join('; ')}`);
  return [line(header), rule, ...rows.map(line), ...uncovered].join('\n');
}

export interface CoverageJson {
  readonly summaries: readonly CoverageSummary[];
  readonly stateMachines: readonly Coverage[];
}

export function coverageJson(coverages: readonly Coverage[]): CoverageJson {
  return { summaries: coverages.map(summarizeCoverage), stateMachines: coverages };
}

/** The state machines under the threshold (percent of all items), empty when all pass. */
export function belowThreshold(summaries: readonly CoverageSummary[], threshold: number): CoverageSummary[] {
  return summaries.filter((s) => s.all.percent < threshold);
}
