// Static checks of deploy/grafana and the alert rules against the one metrics module: every
// metric a dashboard panel or an alert queries is declared in libs/observability/src/metrics.ts
// (or is a Node.js process metric prom-client exports, or Prometheus's own `up`).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { createMetricsRegistry } from '@stepwise/observability';
import { alertRules, dashboards, deployDir, panelQueries } from './support/deploy-files.js';
import { baseMetric, metricNames, queryPart } from './support/promql.js';

async function declaredNames(): Promise<Set<string>> {
  const { registry } = createMetricsRegistry({ processMetrics: true });
  const names = new Set((await registry.getMetricsAsJSON()).map((m) => m.name));
  names.add('up');
  return names;
}

describe('PromQL reading (test support)', () => {
  it('finds metric names and ignores functions, labels and ranges', () => {
    expect(metricNames('histogram_quantile(0.99, sum by (le, queue) (rate(stepwise_job_duration_seconds_bucket{job=~"a|b"}[$__rate_interval])))')).toEqual(['stepwise_job_duration_seconds_bucket']);
    expect(metricNames('sum(rate(a_total[5m])) / clamp_min(sum(rate(b_total[5m])), 0.001) or vector(0)').sort()).toEqual(['a_total', 'b_total']);
    expect(queryPart('max by (queue) (x) > 60')).toBe('max by (queue) (x)');
    expect(queryPart('(sum(x) or vector(0)) < 1')).toBe('(sum(x) or vector(0))');
  });
});

describe('grafana dashboards', () => {
  it('are the overview, per-state-machine, and workers-and-Redis dashboards with unique uids', () => {
    const uids = dashboards().map((d) => d.json.uid).sort();
    expect(uids).toEqual(['stepwise-overview', 'stepwise-state-machine', 'stepwise-workers-redis']);
  });

  it('use the provisioned Prometheus datasource and unique panel ids', () => {
    const ds = parse(readFileSync(join(deployDir, 'grafana/provisioning/datasources/prometheus.yaml'), 'utf8')) as { datasources: { uid: string; type: string }[] };
    const promUid = ds.datasources.find((d) => d.type === 'prometheus')!.uid;
    for (const { json } of dashboards()) {
      const ids = json.panels.map((p) => p.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const p of json.panels) {
        expect(p.datasource?.uid, `${json.uid}/${p.title}`).toBe(promUid);
        expect(p.targets?.length, `${json.uid}/${p.title} has queries`).toBeGreaterThan(0);
      }
    }
  });

  it('lay panels out on the 24-column Grafana grid without overlaps, with known panel types and units', () => {
    for (const { json } of dashboards()) {
      const boxes = json.panels.map((p) => ({ title: p.title, type: p.type, ...(p as unknown as { gridPos: { x: number; y: number; w: number; h: number } }).gridPos }));
      for (const b of boxes) {
        expect(['timeseries', 'stat'], b.title).toContain(b.type);
        expect(b.x + b.w, `${json.uid}/${b.title}`).toBeLessThanOrEqual(24);
        expect(b.w * b.h).toBeGreaterThan(0);
      }
      for (const [i, a] of boxes.entries()) {
        for (const b of boxes.slice(i + 1)) {
          const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
          expect(overlap, `${json.uid}: "${a.title}" overlaps "${b.title}"`).toBe(false);
        }
      }
    }
  });

  it('the per-state-machine dashboard filters every query by its $state_machine variable', () => {
    const d = dashboards().find((x) => x.json.uid === 'stepwise-state-machine')!.json;
    expect(d.templating.list.map((v) => v.name)).toContain('state_machine');
    for (const p of d.panels) for (const t of p.targets ?? []) expect(t.expr).toContain('state_machine="$state_machine"');
  });

  it('the overview shows executions by status, transitions, queue depth and age, timer lateness and errors', () => {
    const exprs = panelQueries().filter((q) => q.dashboard === 'stepwise-overview').map((q) => q.expr).join('\n');
    for (const m of ['stepwise_executions_succeeded_total', 'stepwise_executions_failed_total', 'stepwise_state_transitions_total', 'stepwise_queue_depth', 'stepwise_queue_oldest_job_age_seconds', 'stepwise_timer_lateness_seconds_bucket', 'stepwise_api_errors_total']) {
      expect(exprs).toContain(m);
    }
  });

  it('query only metrics declared in the one metrics module', async () => {
    const declared = await declaredNames();
    const unknown = panelQueries().flatMap((q) => metricNames(q.expr).filter((n) => !declared.has(baseMetric(n, declared))).map((n) => `${q.dashboard}/${q.panel}: ${n}`));
    expect(unknown).toEqual([]);
  });
});

describe('alert rules', () => {
  it('cover failure rate, backlog age, timer lateness, no scheduler leader and Redis unreachable', () => {
    const names = alertRules().map((r) => r.alert);
    for (const a of ['StepwiseExecutionFailureRateHigh', 'StepwiseQueueBacklogOld', 'StepwiseTimersLate', 'StepwiseNoSchedulerLeader', 'StepwiseRedisUnreachable']) expect(names).toContain(a);
  });

  it('each has a severity, a summary and a runbook section in docs/operations.md', () => {
    for (const r of alertRules()) {
      expect(['info', 'warning', 'critical']).toContain(r.labels?.['severity']);
      expect(r.annotations?.['summary']).toBeTruthy();
      expect(r.annotations?.['runbook']).toBe(`docs/operations.md#${r.alert.toLowerCase()}`);
      expect(queryPart(r.expr), `${r.alert} is written <query> <op> <threshold>`).not.toBe(r.expr);
    }
  });

  it('each has its own section in docs/operations.md saying what to do', () => {
    const doc = readFileSync(join(deployDir, '../docs/operations.md'), 'utf8');
    for (const r of alertRules()) {
      const at = doc.indexOf(`\n### ${r.alert}\n`);
      expect(at, `docs/operations.md has no "### ${r.alert}" section`).toBeGreaterThan(0);
      const body = doc.slice(at + r.alert.length + 6).split('\n### ')[0]!;
      expect(body.trim().length, r.alert).toBeGreaterThan(150);
    }
  });

  it('query only declared metrics', async () => {
    const declared = await declaredNames();
    const unknown = alertRules().flatMap((r) => metricNames(r.expr).filter((n) => !declared.has(baseMetric(n, declared))).map((n) => `${r.alert}: ${n}`));
    expect(unknown).toEqual([]);
  });
});
